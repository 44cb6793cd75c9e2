"""Absolute URLs of the current request's API, for Location headers and page links."""

from connexion import request


def absolute_url(path: str, query: str = "") -> str:
    """`path` (as written in the spec) under the base path the current request came in on."""
    scope = request.scope
    base_path = scope["extensions"]["connexion_routing"]["api_base_path"]
    origin = str(request.base_url).rstrip("/")  # scheme, host and any proxy root_path
    return f"{origin}{base_path}{path}" + (f"?{query}" if query else "")
