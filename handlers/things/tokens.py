from datetime import timedelta

from core.security import digest, new_token, verify_password
from core.text import normalised
from handlers.things import invalid_login, user_json
from models.things import Token, User

TOKEN_TTL = timedelta(days=30)


def create_token(body):
    user = User.get_or_none(User.username == normalised(body["username"]))
    if not verify_password(user and user.password_hash, body["password"]):
        raise invalid_login()
    token = new_token()
    Token.issue(user.id, digest(token), TOKEN_TTL)
    return {**user_json(user), "token": token}, 200, {"Authentication": f"bearer {token}"}
