from core import google
from core.database import db, run_in_connection
from core.errors import Unauthorized
from handlers.peerly import issue_token
from models.peerly import EMPLOYEE, Organisation, User
from models.service import revoke


async def google_login(body):
    """On the event loop while Google answers (no thread held); the database work in a thread."""
    profile = await google.userinfo(body["access_token"])
    return await run_in_connection(signed_in, profile)


def signed_in(profile: dict) -> dict:
    """A token for Google's user, if their email's domain is an organisation's (first login: provisioned)."""
    email = profile["email"].strip().lower()
    organisation = Organisation.get_or_none(Organisation.domain_name == email.rpartition("@")[2])
    if organisation is None:
        raise Unauthorized()
    user = User.select(User, Organisation).join(Organisation).where(User.email == email).first()
    if user is None:
        user = provision(profile, email, organisation)
    if user.soft_delete_at is not None:
        raise Unauthorized()
    return {"data": {"token": issue_token(user, user.org)}}


def provision(profile: dict, email: str, organisation: Organisation) -> User:
    """A first login: an Employee with the organisation's hi5 quota, named as Google names them."""

    def text(key: str, default=None):
        value = profile.get(key)
        return value.strip()[:255] if isinstance(value, str) and value.strip() else default

    picture = profile.get("picture")
    with db.atomic():  # the user, and the version of the organisation's users list (a deep page's keys)
        User.insert(
            org=organisation,
            email=email,
            first_name=text("given_name", email.partition("@")[0][:255]),
            last_name=text("family_name", ""),
            display_name=text("name"),
            profile_image_url=picture if isinstance(picture, str) else None,
            role_id=EMPLOYEE,
            hi5_quota_balance=organisation.hi5_limit,
        ).on_conflict_ignore().execute()  # a first login racing another
        Organisation.users_changed(organisation.id)
    return User.select(User, Organisation).join(Organisation).where(User.email == email).get()


def logout(token_info):
    revoke(token_info)  # by its jti, until it expires
    return None, 200
