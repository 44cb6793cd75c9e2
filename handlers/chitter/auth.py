"""Session keys, checked the way Rails' token authentication did.

The key alone names no one: it must be the current key of the user the request acts for
(the body's user_id, the path's user_id, or the peep's owner), so the security scheme
only parses the header and each handler checks the key against that user
(`handlers.chitter.authorize`).
"""

from __future__ import annotations

import re

_SCHEME = re.compile(r"(?:Token|Bearer)\s+(.*)", re.DOTALL)
_SEPARATORS = re.compile(r"\s*(?:,|;|\t)\s*")


def session_key(header: str) -> dict | None:
    """`Token token=KEY`, `Token token="KEY"`, `Token KEY` or `Bearer KEY`; None is a 401."""
    match = _SCHEME.fullmatch(header)
    if match is None:
        return None
    first = _SEPARATORS.split(match.group(1).strip())[0]
    if not first.startswith("token="):
        first = "token=" + first
    key = first.partition("=")[2]
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]
    return {"sub": key} if key else None

