"""Absolute URLs of the current request's API, for Location headers and page links.

Never from the request's `Host` header: a client (or anyone who can make a victim's client
send a chosen Host) would choose where our links point. The origin is the configured
`PUBLIC_BASE_URL` (scheme, host and any path prefix clients use); unset, it is the address
the server was reached at (the socket's, from the ASGI scope), with the scheme and the
`root_path` the server was started with (uvicorn sets the scheme from X-Forwarded-Proto
only for the proxies it trusts, `--forwarded-allow-ips`).
"""

from connexion import request

from core.config import active

DEFAULT_PORTS = {"http": 80, "https": 443}


def absolute_url(path: str, query: str = "") -> str:
    """`path` (as written in the spec) under the base path the current request came in on."""
    scope = request.scope
    base_path = scope["extensions"]["connexion_routing"]["api_base_path"]
    return f"{origin(scope)}{base_path}{path}" + (f"?{query}" if query else "")


def origin(scope: dict) -> str:
    configured = active().public_base_url
    if configured:
        return configured.rstrip("/")
    scheme = scope.get("scheme", "http")
    host, port = scope.get("server") or ("localhost", None)
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return f"{scheme}://{netloc}{scope.get('root_path', '').rstrip('/')}"
