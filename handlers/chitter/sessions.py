from core.security import digest, new_token, verify_password
from core.text import normalised
from handlers.chitter import invalid_login, unwrapped
from models.chitter import User


def create_session(body):
    credentials = unwrapped(body, "session")
    user = User.get_or_none(User.handle == normalised(credentials["handle"]))
    if not verify_password(user and user.password_hash, credentials["password"]):
        raise invalid_login()
    key = new_token()
    User.start_session(user.id, digest(key))
    return {"user_id": user.id, "session_key": key}, 201
