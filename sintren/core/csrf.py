"""The visitor's CSRF secret and tokens, as Django's ``get_token`` makes them, faster.

Form pages are the hot path of an anonymous visit (ADR 0006): :func:`csrf_token` reads
the OS's random source once per string instead of once per character, and
:func:`csrf_secret` gives the captcha the secret it binds to without masking a token
nobody reads.
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

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
