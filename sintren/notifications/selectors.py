"""Reads of the notifications app."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from sintren.notifications.models import KotakDev, Notifikasi


def pesan_for_user(user: Any, *, limit: int = 20) -> QuerySet[Notifikasi]:
    """The newest messages sent to ``user`` (for the back office's applicant page)."""
    return Notifikasi.objects.filter(user=user).order_by("-created_at", "-id")[:limit]


def pesan_outbox() -> QuerySet[Notifikasi]:
    """Every message, newest first (the development outbox).

    Each row carries ``dev_subject``/``dev_body``: the text the development channel
    last delivered for it (``KotakDev``), or ``None`` when it has not been delivered.
    """
    latest = KotakDev.objects.filter(pesan=OuterRef("pk")).order_by("-created_at", "-id")
    return Notifikasi.objects.annotate(
        dev_subject=Subquery(latest.values("subject")[:1]),
        dev_body=Subquery(latest.values("body")[:1]),
    ).order_by("-created_at", "-id")
