"""Serve the pages every anonymous visitor sees alike from process memory.

The home page, the catalogue (``/persyaratan/``, ``/formulir/``), the information
items, the guide, ``/robots.txt`` and the region options are the same for every
anonymous visitor until staff edit them, and the unbound form pages differ only by
their CSRF token and captcha. This middleware keeps the *finished* response of such a
page (headers included, already compressed when the browser accepts gzip) per process,
keyed on the content version (:func:`sintren.core.konten.konten_kunci`, bumped by every
edit), so later visits skip sessions, the database, templates and compression:

* **Pages** (:data:`PAGE_PATHS`, :data:`PAGE_PREFIXES`): a ``GET``/``HEAD`` whose answer
  the view marked as the same for all (``konten_publik``) is kept, in this process and
  (without query string) in the shared cache. It carries ``ETag`` (content key, path,
  query, language, gzip) and ``Last-Modified`` (the version's time); ``If-None-Match``
  gets ``304``. ``Cache-Control`` is the view's, or ``public, max-age=60``.
* **Form pages** (:data:`FORM_PATHS`): a ``GET`` without query string answered from a
  skeleton (``sintren.core.formcache.form_page``) is kept as skeleton plus headers;
  later visits get the page with their own CSRF token and a new captcha
  (:meth:`~sintren.core.formcache.FormSkeleton.respond`).

Only visitors without a session cookie and without a messages cookie are served from
memory: a logged-in visitor, or one with a message waiting, always goes through the
whole stack (and gets ``no-store``, ``NoStoreMiddleware``). The middleware sits right
after ``SecurityMiddleware``, so a kept page still gets the HTTPS redirect and HSTS, and
it checks the ``Host`` header against ``ALLOWED_HOSTS`` itself (``CommonMiddleware``,
which does it for every other page, comes later): a foreign host gets Django's 400,
never the page. See docs/adr/0006-public-page-cache.md.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from sintren.core.formcache import SKELETON_ATTR, FormSkeleton, header_store, kept_headers
from sintren.core.konten import (
    PUBLIC_ATTR,
    konten_bersama,
    konten_kunci,
    konten_memo_clear,
    konten_memo_clear_hook,
    konten_versi_waktu,
)

PAGE_PATHS = frozenset({"/", "/robots.txt"})
PAGE_PREFIXES = ("/persyaratan/", "/formulir/", "/informasi/", "/panduan/", "/wilayah/pilihan/")
FORM_PATHS = frozenset(
    {
        "/pemohon/login/",
        "/pemohon/daftar/",
        "/pemohon/status/",
        "/pemohon/lupa-password/",
        "/backoffice/login/",
        "/verifikasi/",
    }
)
PAGE_CACHE_CONTROL = "public, max-age=60"
# Kept answers per process (oldest dropped first); a page is a few KB.
MAX_ENTRIES = 512
# Copies in the shared cache only need to outlive a burst of process starts.
SHARED_SECONDS = 3600
SHARED_PREFIX = "sintren:halaman:"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_MESSAGES_COOKIE = "messages"
_CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
_PER_REQUEST_HEADERS = frozenset({"expires", "content-length", "date"})

# Path, query string, language, gzip, and the URL configuration (tests swap it: a page
# kept for one must not answer for another, here or from the shared cache).
Variant = tuple[str, str, str, bool, str]


@dataclass(frozen=True)
class _Page:
    """A finished public page: the same bytes and headers for every visitor."""

    tag: str
    content: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str
    last_modified: int

    @cached_property
    def _store(self) -> dict[str, tuple[str, str]]:
        return header_store(self.headers)

    def respond(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(self.content)
        response.headers._store.update(self._store)
        if any(header in request.META for header in _CONDITIONAL_HEADERS):
            conditional = get_conditional_response(
                request, etag=self.etag, last_modified=self.last_modified, response=response
            )
            return conditional or response
        return response


@dataclass(frozen=True)
class _Form:
    """A form page's skeleton and the headers of its answer."""

    tag: str
    skeleton: FormSkeleton
    headers: dict[str, tuple[str, str]]
    gzip: bool
    expires: bool

    def respond(self, request: HttpRequest) -> HttpResponse:
        return self.skeleton.respond(request, self.headers, gzip=self.gzip, expires=self.expires)


_memo: dict[Variant, _Page | _Form] = {}
_lock = threading.Lock()


def page_memo_clear() -> None:
    """Forget this process's kept pages and content version (tests)."""
    konten_memo_clear()


def _memo_clear() -> None:
    with _lock:
        _memo.clear()


konten_memo_clear_hook(_memo_clear)
home_memo_clear = page_memo_clear  # also used under this name (tests/test_hardening.py)


def _remember(variant: Variant, entry: _Page | _Form) -> None:
    with _lock:
        if variant not in _memo and len(_memo) >= MAX_ENTRIES:
            _memo.pop(next(iter(_memo)))
        _memo[variant] = entry


def _kind(request: HttpRequest) -> str | None:
    """``"page"``, ``"form"`` or ``None`` (not served from memory)."""
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or _MESSAGES_COOKIE in cookies:
        return None
    path = request.path
    if request.method in {"GET", "HEAD"} and (path in PAGE_PATHS or path.startswith(PAGE_PREFIXES)):
        return "page"
    if (
        request.method == "GET"
        and path in FORM_PATHS
        and not request.META.get("QUERY_STRING")
        and not settings.CSRF_USE_SESSIONS  # the CSRF secret would be in the session
    ):
        return "form"
    return None


def _variant(request: HttpRequest) -> Variant:
    return (
        request.path,
        request.META.get("QUERY_STRING", ""),
        get_language_from_request(request),
        bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))),
        str(getattr(request, "urlconf", None) or settings.ROOT_URLCONF),
    )


def _digest(tag: str, variant: Variant) -> str:
    return hashlib.sha256(repr((tag, variant)).encode()).hexdigest()[:32]


def _page(tag: str, variant: Variant, response: HttpResponse) -> _Page | None:
    """The kept copy of ``response``, with its caching headers; ``None`` if not public."""
    if (
        not getattr(response, PUBLIC_ATTR, False)
        or response.status_code != 200
        or response.streaming
        or response.cookies
    ):
        return None
    last_modified = int(konten_versi_waktu(tag.split("|", 1)[0]))
    headers = dict(response.items())
    headers.setdefault("Cache-Control", PAGE_CACHE_CONTROL)
    headers["ETag"] = f'"{_digest(tag, variant)}"'
    headers["Last-Modified"] = http_date(last_modified)
    return _Page(tag, response.content, tuple(headers.items()), headers["ETag"], last_modified)


def _form(tag: str, variant: Variant, response: HttpResponse) -> _Form | None:
    skeleton = getattr(response, SKELETON_ATTR, None)
    if not isinstance(skeleton, FormSkeleton) or response.status_code != 200:
        return None
    headers = kept_headers(response, _PER_REQUEST_HEADERS)
    # Compressed only if the whole stack compressed it (GZipMiddleware may decline).
    gzip = variant[3] and response.get("Content-Encoding") == "gzip"
    return _Form(skeleton.key, skeleton, headers, gzip, response.has_header("Expires"))


def _shared_get(tag: str, variant: Variant) -> _Page | None:
    found = cache.get(SHARED_PREFIX + _digest(tag, variant))
    if not isinstance(found, tuple) or len(found) != 4:
        return None
    content, headers, etag, last_modified = found
    return _Page(tag, content, headers, etag, last_modified)


def _shared_set(variant: Variant, page: _Page) -> None:
    value = (page.content, page.headers, page.etag, page.last_modified)
    cache.set(SHARED_PREFIX + _digest(page.tag, variant), value, SHARED_SECONDS)


class AnonymousPageMiddleware:
    """Answer anonymous visits of public and form pages from per-process copies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kind = _kind(request)
        if kind is None:
            return self.get_response(request)
        # Raises DisallowedHost for a host outside ALLOWED_HOSTS: Django answers 400.
        request.get_host()
        tag = konten_kunci()
        variant = _variant(request)
        entry = _memo.get(variant)
        if entry is not None and entry.tag == tag:
            return entry.respond(request)
        shared = not variant[1] and konten_bersama()
        if kind == "page" and shared:
            page = _shared_get(tag, variant)
            if page is not None:
                _remember(variant, page)
                return page.respond(request)
        response = self.get_response(request)
        if kind == "form":
            form = _form(tag, variant, response)
            if form is not None:
                _remember(variant, form)
            return response
        page = _page(tag, variant, response)
        if page is None:
            return response
        _remember(variant, page)
        if shared:
            _shared_set(variant, page)
        return page.respond(request)
