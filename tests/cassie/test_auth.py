"""HTTP Basic on every request, its password checks remembered briefly (the cache itself is
tested in tests/core/test_security.py)."""

from core.security import hash_password
from models.cassie import User
from tests.cassie.helpers import error, get, ok


def test_a_changed_password_stops_working_at_once(client, steph):
    ok(get(client, "/initialize/", steph))
    User.update(password_hash=hash_password("new-password")).where(User.id == steph.id).execute()

    error(get(client, "/initialize/", steph), 401, "authentication_failed")
    steph.password = "new-password"
    ok(get(client, "/initialize/", steph))


def test_credentials_in_utf8_authenticate(client, steph):
    User.update(password_hash=hash_password("pässwörd")).where(User.id == steph.id).execute()
    steph.password = "pässwörd"

    ok(get(client, "/initialize/", steph))
