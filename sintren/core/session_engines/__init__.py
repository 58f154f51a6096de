"""Django's database sessions, written once per request.

Django's stores give a session its new key at login (``cycle_key``) by inserting a row at
once, after a query that the random key is free, and the session middleware then writes
the row again at the end of the response with the login's data. On SQLite each of those
writes is a commit with a flush to disk, taken in turn under the one write lock. Here:

* a new key is not looked up first: 32 characters of 36 (165 bits) do not collide, and
  the first write of a key is an ``INSERT`` that refuses a taken key anyway (Django's
  ``create`` then draws another; :class:`OneWrite.save` does the same);
* ``cycle_key`` only draws the key and drops the old row; the session is inserted once,
  by the middleware, with everything the request put in it;
* a save of exactly what this request already wrote is skipped, so a view may write the
  session inside its own transaction (:func:`sintren.core.sessions.session_login`) and
  the middleware's save at the end costs nothing.

The session's data, expiry and cookie are Django's own; ``db`` and ``cached_db`` are the
engines to name in ``SESSION_ENGINE``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError
from django.utils.crypto import get_random_string


class OneWrite:
    """Mixin for a database-backed ``SessionStore`` (before it in the bases)."""

    _unsaved_key = False  # a key drawn by cycle_key, not yet in the table
    _written: tuple[str | None, bytes] | None = None  # key and data this request wrote

    def _snapshot(self) -> tuple[str | None, bytes]:
        store: Any = self
        return store.session_key, store.serializer().dumps(store._session)

    def _get_new_session_key(self) -> str:
        return get_random_string(32, VALID_KEY_CHARS)

    def cycle_key(self) -> None:
        """A new key for the same data (at login); written with the session at its save."""
        store: Any = self
        data = store._session
        old_key = store.session_key
        store._session_key = self._get_new_session_key()
        store._session_cache = data
        store.modified = True
        self._unsaved_key = True
        if old_key:
            store.delete(old_key)

    def save(self, must_create: bool = False) -> None:
        """Django's save; a key from :meth:`cycle_key` is inserted (another drawn if taken)."""
        parent: Any = super()
        store: Any = self
        if not self._unsaved_key:
            snapshot = self._snapshot()
            if not must_create and store.session_key and snapshot == self._written:
                return
            parent.save(must_create)
            self._written = self._snapshot()
            return
        while True:
            try:
                parent.save(must_create=True)
            except CreateError:
                store._session_key = self._get_new_session_key()
                continue
            self._unsaved_key = False
            self._written = self._snapshot()
            return
