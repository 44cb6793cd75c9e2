from datetime import timedelta

from core.database import db
from core.security import digest, new_token, verify_password
from handlers.things.errors import invalid_login
from handlers.things.users import user_json
from models.base import utc_now
from models.things import Token, User

TOKEN_TTL = timedelta(days=30)


def create_token(body):
    user = User.get_or_none(User.username == body["username"])
    if not verify_password(user and user.password_hash, body["password"]):
        raise invalid_login()
    token, now = new_token(), utc_now()
    with db.atomic():
        Token.delete().where(Token.user == user.id, Token.expires_at <= now).execute()
        Token.create(user=user.id, digest=digest(token), expires_at=now + TOKEN_TTL)
    return {**user_json(user), "token": token}, 200, {"Authentication": f"bearer {token}"}
