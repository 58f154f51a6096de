"""Reads of the notifications app."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sintren.notifications.models import Pesan


def pesan_for_user(user: Any, *, limit: int = 20) -> QuerySet[Pesan]:
    """The newest messages sent to ``user`` (for the back office's applicant page)."""
    return Pesan.objects.filter(user=user).order_by("-created_at", "-id")[:limit]


def pesan_outbox() -> QuerySet[Pesan]:
    """Every message, newest first (the development outbox)."""
    return Pesan.objects.order_by("-created_at", "-id")
