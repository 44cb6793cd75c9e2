"""Accounts and their tokens: register, log in, log out, change the password.

Tokens are JWTs (core.security) whose subject is the user's id. Every bucket and item route
checks its token before anything else (`verified_token`, the security function), in the
original's order and words. Logout checks its own header, as the original did, because
its answer to a missing header differs (403, not 401).
"""

from __future__ import annotations

from datetime import timedelta

import jwt
from peewee import IntegrityError

from core.config import active
from core.database import run_in_connection
from core.security import decode_jwt, hash_password, issue_jwt, verify_password
from core.text import flaw, folded
from handlers.bucketlist import Failed
from models.bucketlist import EMAIL_LENGTH, User
from models.service import revoke

# Tokens name their API, so a token of another API signed with the same key is refused here.
AUDIENCE = "bucketlist"

MISSING = "Token is missing"
MALFORMED = "Provide a valid auth token"
EXPIRED = "Signature expired, Please sign in again"
INVALID = "Invalid token. Please sign in again"
BLACKLISTED = "Token was Blacklisted, Please login In"
WRONG_FORMAT = "Missing or wrong email format or password is less than four characters"


def email_of(body: dict, status: int) -> str:
    """The email as stored and looked up: normalised and case-folded (core.text), as the
    API compares emails ignoring case; a deceptive one is a wrong format."""
    email = folded(body["email"])
    if flaw(email) or len(email) > EMAIL_LENGTH:
        raise Failed(WRONG_FORMAT, status)
    return email


def claims_of(header: str) -> dict:
    """The claims of a signed, unexpired token in `<scheme> <token>` (the scheme is not checked)."""
    parts = header.split(" ")
    if len(parts) < 2:
        raise Failed(MALFORMED, 403)
    if not parts[1]:
        raise Failed(MISSING, 401)
    try:
        return decode_jwt(parts[1], audience=AUDIENCE)
    except jwt.ExpiredSignatureError:
        raise Failed(EXPIRED, 401) from None
    except jwt.InvalidTokenError:
        raise Failed(INVALID, 401) from None


def check_current(claims: dict) -> int:
    """The token's user id, if it is not logged out, its user still exists, and was issued
    for the current password (a reset ends every earlier token)."""
    user_id = int(claims["sub"])
    revoked, stamp = User.token_state(user_id, claims["jti"])
    if revoked:
        raise Failed(BLACKLISTED, 401)
    if claims.get("pwd") is None or stamp != claims["pwd"]:
        raise Failed(INVALID, 401)
    return user_id


async def verified_token(header: str) -> dict:
    """The security function of every bucket and item route: `user` is the token's user id."""
    claims = claims_of(header)
    return {**claims, "sub": await run_in_connection(check_current, claims)}


def presented_token(header: str) -> dict:
    """Logout's security function: the header as it came, for the logout to check."""
    return {"header": header}


def _token_reply(user_id: int, stamp: str, message: str) -> dict:
    ttl = timedelta(seconds=active().bucketlist_token_ttl)
    token = issue_jwt(str(user_id), ttl, aud=AUDIENCE, pwd=stamp)
    return {"auth_token": token, "message": message, "status": "success"}


def register(body):
    email = email_of(body, 202)
    password_hash = hash_password(body["password"])
    try:
        user = User.create(email=email, password_hash=password_hash)
    except IntegrityError:
        raise Failed("Failed, User already exists, Please sign In") from None
    return _token_reply(user.id, User.password_stamp(password_hash), "Successfully registered"), 201


def login(body):
    user = User.get_or_none(User.email == email_of(body, 401))
    if not verify_password(user and user.password_hash, body["password"]):
        raise Failed("User does not exist or password is incorrect", 401)
    # Stamped with the hash as stored now: a login may have upgraded it (older KDF parameters).
    return _token_reply(user.id, User.stamp_of(user.id), "Successfully logged In")


def logout(token_info):
    header = token_info.get("header")
    if not header:
        raise Failed("Provide an authorization header", 403)
    claims = claims_of(header)
    check_current(claims)
    revoke(claims)
    return {"status": "success", "message": "Successfully logged out"}


def reset_password(body, user):
    account = User.get_or_none(User.id == user)
    if not verify_password(account and account.password_hash, body["oldPassword"]):
        raise Failed("Incorrect password", 401)
    if body["newPassword"] != body["passwordConfirmation"]:
        raise Failed("New Passwords do not match")
    password_hash = hash_password(body["newPassword"])
    User.update(password_hash=password_hash).where(User.id == user).execute()
    return {"status": "success", "message": "Password reset successfully"}
