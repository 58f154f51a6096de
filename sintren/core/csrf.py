"""The visitor's CSRF secret, tokens and cookie, as Django makes them, faster.

Form pages are the hot path of an anonymous visit (ADR 0006): :func:`csrf_token` reads
the OS's random source once per string instead of once per character,
:func:`csrf_secret` gives the captcha the secret it binds to without masking a token
nobody reads, and :func:`set_csrf_cookie` writes the cookie from a line Django wrote
for this second.
"""

from __future__ import annotations

import secrets
import threading
import time
from http.cookies import Morsel
from typing import Any

from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware

_CSRF_CHARS = CSRF_ALLOWED_CHARS
_CSRF_INDEX = {char: index for index, char in enumerate(_CSRF_CHARS)}
_BASE = len(_CSRF_CHARS)
_LIMIT = 256 - 256 % _BASE


def _random_chars(length: int) -> str:
    """``length`` characters of ``CSRF_ALLOWED_CHARS`` from one read of the OS's random
    source (Django's ``get_random_string`` reads it once per character). Bytes of 248
    and above are dropped, so every character is equally likely."""
    chars: list[str] = []
    while len(chars) < length:
        chars += [_CSRF_CHARS[b % _BASE] for b in secrets.token_bytes(length + 8) if b < _LIMIT]
    return "".join(chars[:length])


def csrf_secret(request: HttpRequest) -> str:
    """The visitor's CSRF secret, a new one when the request has none, flagged for the
    cookie as ``get_token`` does, without masking a token nobody will read."""
    secret = request.META.get("CSRF_COOKIE")
    if not isinstance(secret, str) or len(secret) != CSRF_SECRET_LENGTH:
        secret = _random_chars(CSRF_SECRET_LENGTH)
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return secret


def csrf_token(request: HttpRequest) -> str:
    """What ``django.middleware.csrf.get_token`` returns, made faster.

    The same contract: the visitor's secret (a new one when the request has none) is
    flagged for the cookie (``CSRF_COOKIE``, ``CSRF_COOKIE_NEEDS_UPDATE``, read by
    ``CsrfViewMiddleware.process_response``) and a new mask ciphers it into a token of
    Django's format (mask + cipher, 64 characters), which Django's check unmasks.
    """
    secret = csrf_secret(request)
    mask = _random_chars(CSRF_SECRET_LENGTH)
    cipher = "".join(
        _CSRF_CHARS[(_CSRF_INDEX[x] + _CSRF_INDEX[y]) % _BASE]
        for x, y in zip(secret, mask, strict=True)
    )
    return mask + cipher


_COOKIE_PLACEHOLDER = "sintrenXcsrfXcookieXplaceholder"
_csrf_middleware = CsrfViewMiddleware(lambda request: HttpResponse())


class _CookieLine(Morsel):  # type: ignore[type-arg]
    """The CSRF cookie, its ``Set-Cookie`` line written beforehand."""

    line = ""

    def OutputString(self, attrs: Any = None) -> str:  # noqa: N802 - Morsel's name
        return self.line


class _CookieTemplate:
    """The cookie Django's ``CsrfViewMiddleware`` sets, written once per second.

    Only the value (the secret) and the expiry date (one cookie age from now, to the
    second) change between visitors; the line is Django's own with a placeholder for
    the value, made again each second and after a settings change (tests).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        # The second, the cookie's name, the line and the morsel's attributes.
        self.value: tuple[int, str, str, dict[str, Any]] = (-1, "", "", {})

    def current(self) -> tuple[str, str, dict[str, Any]]:
        second, name, line, attributes = self.value
        now = int(time.time())
        if now != second:
            with self.lock:
                second, name, line, attributes = self.value = self._write(now)
        return name, line, attributes

    @staticmethod
    def _write(now: int) -> tuple[int, str, str, dict[str, Any]]:
        while True:  # Django reads the clock itself: the same second before and after
            request = HttpRequest()
            request.META["CSRF_COOKIE"] = _COOKIE_PLACEHOLDER
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
            response = HttpResponse()
            _csrf_middleware.process_response(request, response)
            after = int(time.time())
            if after == now:
                break
            now = after
        [(name, morsel)] = response.cookies.items()
        return now, name, morsel.OutputString(), dict(morsel)

    def forget(self, **kwargs: Any) -> None:
        with self.lock:
            self.value = (-1, "", "", {})


_cookie_template = _CookieTemplate()
setting_changed.connect(_cookie_template.forget, dispatch_uid="sintren.core.csrf.cookie")


def set_csrf_cookie(request: HttpRequest, response: HttpResponse) -> None:
    """``CsrfViewMiddleware.process_response`` for a response whose ``Vary`` already
    names ``Cookie``: the cookie, byte for byte the one Django sets, if the request's
    secret needs it (:func:`csrf_secret` flags it)."""
    secret = request.META.get("CSRF_COOKIE")
    if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return
    if not isinstance(secret, str) or not secret.isalnum() or not secret.isascii():
        _csrf_middleware.process_response(request, response)  # not a secret we made
        return
    name, line, attributes = _cookie_template.current()
    morsel = _CookieLine()
    dict.update(morsel, attributes)
    morsel.set(name, secret, secret)
    morsel.line = line.replace(_COOKIE_PLACEHOLDER, secret, 1)
    dict.__setitem__(response.cookies, name, morsel)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
