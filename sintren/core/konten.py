"""The content version: one value that changes whenever public content changes.

Pages that are the same for every anonymous visitor (the catalogue, the information
items, the guide, the region options, the unbound form pages) are kept as finished
responses and served without rendering (``sintren/public/middleware.py``,
``sintren/core/formcache.py``). They are all keyed on :func:`konten_kunci`: the content
version, the deploy (:func:`konten_build`) and the current year (the footer shows it).

* :func:`konten_versi` reads the version from the default cache. Each process keeps
  what it read for :data:`CHECK_SECONDS`, so a kept page costs no cache round trip
  (with the database cache, no query); an edit made through another process shows
  after at most that long. Reading never writes: while the cache holds no version
  (new, flushed, or culled by the database cache) each process makes up its own.
* :func:`konten_versi_naik` sets a new version: every kept page is out of date at
  once. A version is random (with its time, for ``Last-Modified``), never a counter,
  so a cache that lost the key never brings back a version whose pages are stale.
* :func:`konten_berubah` is what the catalogue's and information's ``post_save`` /
  ``post_delete`` receivers and the seed loaders call: outside a transaction it bumps
  the version; inside one it moves this process (the only one that sees the new rows)
  to a version of its own and bumps the shared version when the transaction commits.

Views mark a response that may be kept with :func:`konten_publik` or
:func:`konten_statis` (docs/adr/0006-public-page-cache.md).
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

CACHE_KEY = "sintren:konten:versi"
# How long a process trusts the version it read (seconds).
CHECK_SECONDS = 2.0
# Set on a response that is the same for every anonymous visitor (see konten_publik).
PUBLIC_ATTR = "sintren_konten_publik"
# What a deploy changes: code, templates, translations (the static files' manifest too).
_BUILD_DIRS = ("sintren", "templates", "config", "locale")
_BUILD_SUFFIXES = frozenset({".py", ".html", ".txt", ".mo", ".toml"})

_lock = threading.Lock()
_read: _Read | None = None
_clear_hooks: list[Callable[[], None]] = []

V = TypeVar("V", bound=Callable[..., HttpResponse])


def _new_version() -> str:
    """``<milliseconds since the epoch, hex>.<random>``: unique, and dated."""
    return f"{int(time.time() * 1000):x}.{secrets.token_hex(6)}"


def konten_versi_waktu(versi: str) -> float:
    """When ``versi`` was made (seconds since the epoch); 0 for a foreign value."""
    try:
        return int(versi.split(".", 1)[0], 16) / 1000
    except ValueError:
        return 0.0


@functools.cache
def konten_build() -> str:
    """A fingerprint of the deployed code and settings, computed once per process.

    A hash of the application's source, templates and translations, the static files'
    manifest and the office settings: copies kept in the shared cache by an older
    deploy are never served by a newer one.
    """
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder in _BUILD_DIRS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix in _BUILD_SUFFIXES and "tests" not in path.parts and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    digest.update(repr(sorted(settings.SINTREN.items())).encode())
    digest.update(repr((settings.EMBEDDED_DEFAULT, settings.LANGUAGES)).encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class _Read:
    """What this process uses: ``versi``, read from the shared ``base`` (or made up)."""

    scope: tuple[str | None, ...]
    base: str | None  # the shared value last read; None when the cache has none
    versi: str
    key: str
    checked: float


def _scope() -> tuple[str | None, ...]:
    """The open savepoints of the default database connection: empty in a request.

    A page rendered inside a transaction may show rows that are rolled back, so it is
    kept only within that transaction (tests run each test inside one).
    """
    return tuple(connections[DEFAULT_DB_ALIAS].savepoint_ids)


def _use(
    scope: tuple[str | None, ...], base: str | None, versi: str, checked: float | None = None
) -> _Read:
    global _read  # noqa: PLW0603 - the per-process copy of a shared value
    key = f"{versi}|{konten_build()}|{timezone.localdate().year}"
    if scope:
        key += "|" + ",".join(str(sid) for sid in scope)
    with _lock:
        _read = _Read(scope, base, versi, key, time.monotonic() if checked is None else checked)
    return _read


def _same_transaction(scope: tuple[str | None, ...], other: tuple[str | None, ...]) -> bool:
    """Whether two scopes are the same block or one encloses the other: a change made in
    a nested block (a savepoint, or Django's ``atomic(savepoint=False)`` around an m2m
    write) stays this process's version in the enclosing blocks until the commit."""
    shorter = min(len(scope), len(other))
    return scope[:shorter] == other[:shorter]


def _current() -> _Read:
    scope = _scope()
    read = _read
    related = read is not None and _same_transaction(scope, read.scope)
    if read is not None and related and time.monotonic() - read.checked < CHECK_SECONDS:
        if read.scope == scope:
            return read
        # Into or out of a nested block: the same version, trusted as long as it was.
        return _use(scope, read.base, read.versi, read.checked)
    found = cache.get(CACHE_KEY)
    shared = found if isinstance(found, str) else None
    if read is not None and related and shared == read.base:
        # Nothing new in the shared cache: keep this process's version, which may be a
        # local bump (a change not committed yet) or made up because the cache has none.
        return _use(scope, shared, read.versi)
    # A missing version (new, flushed or culled cache) is made up here and not written:
    # showing a page writes nothing. Each process then has its own until the next bump.
    return _use(scope, shared, shared or _new_version())


def konten_bersama() -> bool:
    """Whether a page kept now may be shared with other processes (the shared cache).

    Not inside a transaction: such a page may show rows that are rolled back, and the
    savepoint ids that scope its key in this process can repeat in another one.
    """
    return not _scope()


def konten_versi() -> str:
    """The current content version (as this process last read it)."""
    return _current().versi


def konten_kunci() -> str:
    """What every kept page is keyed on: content version, deploy and year."""
    return _current().key


def konten_versi_naik() -> str:
    """Make a new content version: every kept page is out of date. Returns it."""
    versi = _new_version()
    cache.set(CACHE_KEY, versi, timeout=None)
    _use(_scope(), versi, versi)
    return versi


def _naik_setelah_commit() -> None:
    konten_versi_naik()


def konten_berubah() -> None:
    """Public content changed: a new version, now and (in a transaction) at the commit.

    Outside a transaction the shared version is bumped at once. Inside one, only this
    process can see the new rows yet: it moves to a version of its own at once (no
    write, so every row a seed load saves costs nothing) and one shared bump is queued
    for the commit, so a page rendered from the old rows while the transaction was
    open is never kept under the final version. A rollback drops the queued bump.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        konten_versi_naik()
        return
    read = _current()
    _use(read.scope, read.base, _new_version())
    if not any(entry[1] is _naik_setelah_commit for entry in connection.run_on_commit):
        transaction.on_commit(_naik_setelah_commit)


def konten_berubah_receiver(sender: Any, **kwargs: Any) -> None:
    """``post_save`` / ``post_delete`` / ``m2m_changed`` receiver for content models."""
    if kwargs.get("raw"):
        return  # loaddata: no cache involved
    konten_berubah()


def konten_memo_clear_hook(hook: Callable[[], None]) -> None:
    """Have :func:`konten_memo_clear` also call ``hook`` (a memo of kept pages)."""
    if hook not in _clear_hooks:
        _clear_hooks.append(hook)


def konten_memo_clear() -> None:
    """Forget this process's copy of the version and every memo keyed on it."""
    global _read  # noqa: PLW0603
    with _lock:
        _read = None
    for hook in list(_clear_hooks):
        hook()


@receiver(setting_changed)
def _settings_changed(**kwargs: Any) -> None:
    # Only tests change settings at run time; pages rendered before may differ.
    konten_memo_clear()
    if kwargs.get("setting") in {"SINTREN", "EMBEDDED_DEFAULT", "LANGUAGES", "STATIC_ROOT"}:
        konten_build.cache_clear()


def konten_publik_request(request: HttpRequest) -> bool:
    """Whether this request sees the page every anonymous visitor sees.

    Anonymous, and no message waiting to be shown (a message is for this visitor only).
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not len(messages.get_messages(request))


def konten_publik(view: V) -> V:
    """Mark the view's successful answers to anonymous visitors as the same for all.

    The mark lets ``AnonymousPageMiddleware`` keep the finished response for visitors
    without a session or messages cookie; answers to anyone else are never kept.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and konten_publik_request(request):
            setattr(response, PUBLIC_ATTR, True)
        return response

    return wrapper  # type: ignore[return-value]


def konten_statis(view: V) -> V:
    """Mark every successful answer of the view as the same for every visitor.

    For answers that depend on nobody (``/robots.txt``, the region options): the view
    does not even look at the visitor, so no ``Vary: Cookie`` comes from it. Visitors
    with a session or messages cookie are still never served a kept copy.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            setattr(response, PUBLIC_ATTR, True)
        return response

    return wrapper  # type: ignore[return-value]
