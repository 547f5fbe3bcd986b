"""Response headers on every answer, HTTPS-only cookies and the reverse proxy's client address.

- Every response: no framing by other sites (``X-Frame-Options`` and CSP ``frame-ancestors``;
  the desk frames nothing itself), ``nosniff``, and a Referrer-Policy that keeps the desk's
  URLs (submission ids, searches) inside the site.
- ``SHENBAO_SECURE_COOKIES=1`` (behind HTTPS): session and CSRF cookies only over HTTPS, and HSTS.
- ``SHENBAO_PROXY_HOPS=N``: N reverse proxies in front set X-Forwarded-For/-Proto/-Host; the
  login throttle then counts the client's address, not the proxy's.
"""

from __future__ import annotations

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
HSTS = "max-age=31536000"


def init_security(app: Flask) -> None:
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    secure = bool(app.config.get("SESSION_COOKIE_SECURE"))

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response
