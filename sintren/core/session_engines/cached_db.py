"""``SESSION_ENGINE`` for sessions read from the cache and written through to the database,
once per request (see the package)."""

from __future__ import annotations

from django.contrib.sessions.backends import cached_db

from sintren.core.session_engines import OneWrite


class SessionStore(OneWrite, cached_db.SessionStore):
    """Django's cached-database session store, one write per request."""
