"""``SESSION_ENGINE`` for database sessions written once per request (see the package)."""

from __future__ import annotations

from django.contrib.sessions.backends import db

from sintren.core.session_engines import OneWrite


class SessionStore(OneWrite, db.SessionStore):
    """Django's database session store, one write per request."""
