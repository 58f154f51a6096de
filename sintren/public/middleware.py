"""Serve the anonymous home page from process memory, almost as cheaply as ``/healthz``.

The home page (PUB-1) is what most visitors open first and it is the same for every
anonymous visitor. The view renders it into the shared Django cache (``views.home``,
60 s); this middleware keeps the *finished* response (headers included, already
compressed when the browser accepts gzip) for a few seconds per process, so repeated
visits skip sessions, the database and compression. Only cookie-less GET/HEAD requests
of ``/`` qualify: a visitor with a session or pending messages always goes through the
whole stack.

It sits right after ``SecurityMiddleware``, so a memoised page still gets the HTTPS
redirect and HSTS, and it checks the ``Host`` header against ``ALLOWED_HOSTS`` itself
(``CommonMiddleware``, which does it for every other page, comes later): a foreign host
gets Django's 400, never the page.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_request

MEMO_SECONDS = 5
HOME_PATH = "/"
# Set by the view on a response that is the shared anonymous page.
CACHEABLE_ATTR = "sintren_anonymous_home"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_MESSAGES_COOKIE = "messages"


@dataclass(frozen=True)
class _Memo:
    content: bytes
    headers: tuple[tuple[str, str], ...]
    expires: float


_memo: dict[tuple[str, bool], _Memo] = {}
_lock = threading.Lock()


def home_memo_clear() -> None:
    """Forget the memoised pages of this process (tests, after a catalogue change)."""
    with _lock:
        _memo.clear()


def _eligible(request: HttpRequest) -> bool:
    return (
        request.path == HOME_PATH
        and request.method in {"GET", "HEAD"}
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and _MESSAGES_COOKIE not in request.COOKIES
    )


class AnonymousHomeMiddleware:
    """Answer cookie-less requests of ``/`` from a short-lived per-process copy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _eligible(request):
            return self.get_response(request)
        # Raises DisallowedHost for a host outside ALLOWED_HOSTS: Django answers 400.
        request.get_host()
        variant = (
            get_language_from_request(request),
            bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))),
        )
        memo = _memo.get(variant)
        if memo is not None and memo.expires > time.monotonic():
            response = HttpResponse(memo.content)
            for name, value in memo.headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if (
            getattr(response, CACHEABLE_ATTR, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            with _lock:
                _memo[variant] = _Memo(
                    content=response.content,
                    headers=tuple(response.items()),
                    expires=time.monotonic() + MEMO_SECONDS,
                )
        return response
