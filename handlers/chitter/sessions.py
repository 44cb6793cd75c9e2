from core.security import digest, new_token, verify_password
from handlers.chitter import unwrapped
from handlers.chitter.errors import invalid_login
from models.chitter import User


def create_session(body):
    credentials = unwrapped(body, "session")
    user = User.get_or_none(User.handle == credentials["handle"])
    if not verify_password(user and user.password_hash, credentials["password"]):
        raise invalid_login()
    key = new_token()  # replacing the digest ends every earlier session of this user
    User.update(session_key_digest=digest(key)).where(User.id == user.id).execute()
    return {"user_id": user.id, "session_key": key}, 201
