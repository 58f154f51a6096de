"""Kept staff pages: a list page rendered once and shown again until its data changes.

A back-office queue page costs a session, a user, a page and a count query and the
rendering of fifty rows; ten staff reloading it at once on a 2-core host queue for the
CPU (bench/REPORT-queue.md). Until a row of the list changes, the page a staff member
gets is the page they got before. :func:`simpanan_kunci` names that page: the list's
**data version**, the viewer (user, role, name, session and CSRF secret: the page holds
the viewer's CSRF token and menu), the full URL, what the view adds (the search kept in
the session) and the content key (deploy, catalogue and regions: ``konten_kunci``). A
kept page is dropped :data:`DETIK` seconds after it was rendered (the queue shows ages
such as ``3 jam``), each on its own clock: the pages of ten staff members never all
expire at the same moment.

* A data version (:func:`versi`) is one random value per list in the default cache,
  made by the first reader when missing (``cache.add``). Each process reads it at most
  every :data:`PERCAYA` second (a change made through another process shows within
  that second; one made through this process at once). :func:`data_berubah` replaces
  it when the transaction that changed a row commits; the lists' models connect
  :func:`penerima` to ``post_save``/``post_delete``, and bulk writers (``bench_data``)
  call :func:`data_berubah` themselves.
* The pages live in each process's memory (:data:`BATAS` pages, least recently used
  dropped first), never in the shared cache: the rows hold personal data.
* Never kept: a page with messages waiting (they are shown once), a page rendered inside
  a transaction (its rows may be rolled back; tests run inside one), a response other
  than ``200``, or a request without a session or CSRF cookie.

docs/adr/0007-render-cost-of-logged-in-pages.md gives the figures and the trade-offs.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_string
from django.utils.translation import get_language

from sintren.core.konten import konten_kunci

DETIK = 60  # a kept page is at most this old (ages shown in the lists)
BATAS = 256  # pages kept per process
PERCAYA = 1.0  # seconds a process trusts the data version it read
_PREFIX = "sintren:simpanan:versi:"
_ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")  # what GZipMiddleware looks for


@dataclass
class _Halaman:
    body: bytes
    content_type: str
    dibuat: float
    gzip: bytes | None = None  # made at the first kept answer that may be compressed


_lock = threading.Lock()
_pages: OrderedDict[str, _Halaman] = OrderedDict()
_seen: dict[str, tuple[str, float]] = {}  # list name -> (version, when read)


def versi(nama: str) -> str:
    """The current data version of the list ``nama`` (made when the cache has none).

    Read from the shared cache at most every :data:`PERCAYA` seconds per process; a
    change made through this process is seen at once (:func:`_naik`).
    """
    now = time.monotonic()
    seen = _seen.get(nama)
    if seen is not None and now - seen[1] < PERCAYA:
        return seen[0]
    found = cache.get(_PREFIX + nama)
    if not isinstance(found, str):
        cache.add(_PREFIX + nama, secrets.token_hex(8), timeout=None)
        found = cache.get(_PREFIX + nama)
    value = found if isinstance(found, str) else secrets.token_hex(8)
    _seen[nama] = (value, now)
    return value


def _naik(nama: str) -> None:
    value = secrets.token_hex(8)
    cache.set(_PREFIX + nama, value, timeout=None)
    _seen[nama] = (value, time.monotonic())


def data_berubah(nama: str) -> None:
    """Rows of the list ``nama`` changed: a new version once they are committed."""
    transaction.on_commit(lambda: _naik(nama))


def penerima(nama: str) -> Callable[..., None]:
    """A ``post_save``/``post_delete`` receiver that calls :func:`data_berubah`."""

    def receiver(sender: Any, **kwargs: Any) -> None:
        if not kwargs.get("raw"):
            data_berubah(nama)

    receiver.__name__ = f"simpanan_{nama}"
    return receiver


def simpanan_kunci(request: HttpRequest, nama: str, *bagian: object) -> str | None:
    """The key of this request's page of the list ``nama``; ``None``: do not keep it.

    ``bagian`` are what the view adds to the URL (e.g. a search kept in the session).
    """
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    csrf_secret = request.META.get("CSRF_COOKIE")
    if request.method != "GET" or not session_key or not csrf_secret:
        return None
    if transaction.get_connection().in_atomic_block:
        return None
    if len(messages.get_messages(request)):
        return None
    user = request.user
    parts = (
        nama,
        versi(nama),
        konten_kunci(),
        get_language(),
        user.pk,
        getattr(user, "role", ""),
        user.get_full_name() if hasattr(user, "get_full_name") else "",
        session_key,
        csrf_secret,
        request.get_full_path(),
        *bagian,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def simpanan_ambil(request: HttpRequest, kunci: str | None) -> HttpResponse | None:
    """The kept page named ``kunci``, as a new response; ``None`` when there is none.

    Compressed once per kept page when the browser accepts gzip (``GZipMiddleware``
    leaves an answer with a ``Content-Encoding`` alone).
    """
    if kunci is None:
        return None
    gzip = _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) is not None
    with _lock:
        page = _pages.get(kunci)
        if page is None:
            return None
        if time.monotonic() - page.dibuat > DETIK:
            del _pages[kunci]
            return None
        _pages.move_to_end(kunci)
    if not gzip:
        return HttpResponse(page.body, content_type=page.content_type)
    if page.gzip is None:
        page.gzip = compress_string(page.body, max_random_bytes=GZipMiddleware.max_random_bytes)
    response = HttpResponse(page.gzip, content_type=page.content_type)
    response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def simpanan_taruh(kunci: str | None, response: HttpResponse) -> HttpResponse:
    """Keep ``response`` under ``kunci`` (a ``200`` page only) and return it."""
    if kunci is None or response.status_code != 200 or response.streaming:
        return response
    page = _Halaman(response.content, response["Content-Type"], time.monotonic())
    with _lock:
        _pages[kunci] = page
        _pages.move_to_end(kunci)
        while len(_pages) > BATAS:
            _pages.popitem(last=False)
    return response


def simpanan_kosongkan() -> None:
    """Forget every kept page and version read by this process (tests)."""
    with _lock:
        _pages.clear()
        _seen.clear()
