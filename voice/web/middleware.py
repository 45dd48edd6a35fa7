"""ASGI middleware: security and privacy headers, and a cap on request bodies.

Written as plain ASGI (not BaseHTTPMiddleware) because it runs on every child's request.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline scripts or styles anywhere, so the policy can be strict. No referrer leaves the site:
# a class code in a URL must not travel to Childline's or anyone else's logs.
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
# Pages hold a child's answers: never keep them in a shared iPad's cache or back-forward cache.
NO_STORE = (b"cache-control", b"no-store")
# Over https, browsers are told to use nothing else for a year.
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
STATIC_CACHE = (b"cache-control", b"public, max-age=86400")


class SecurityHeaders:
    """`https` says the site is served over https whatever the request looks like here (behind a
    proxy that ends TLS, `VOICE_COOKIE_SECURE=true`); otherwise HSTS is sent on https requests."""

    def __init__(self, app: ASGIApp, https: bool = False) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = scope["path"].startswith("/static/")
        secure = self.https or scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                if secure:
                    headers.append(HSTS)
                if b"cache-control" not in present:
                    headers.append(STATIC_CACHE if is_static else NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    pass


class LimitRequestBody:
    """Refuse bodies over `max_bytes` before they are read into memory (413).

    `larger` raises the limit for paths under a prefix (the mission forms that carry a picture).
    """

    def __init__(self, app: ASGIApp, max_bytes: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = tuple((larger or {}).items())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        for prefix, allowed in self.larger:
            if scope["path"].startswith(prefix):
                limit = allowed
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > limit
                except ValueError:
                    too_big = True
                if too_big:
                    await _too_large(send)
                    return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except BodyTooLarge:
            await _too_large(send)


async def _too_large(send: Send) -> None:
    body = (b"<!doctype html><html lang=\"en-GB\"><title>Too much to send</title>"
            b"<h1>That was too much to send</h1><p>Please make your answer shorter and try "
            b"again. If you added a picture, please use a smaller one.</p></html>")
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
