"""Reads of the back office: dashboard counts, the audit log, the outbox."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from sintren.accounts.models import Pemohon
from sintren.core.models import AuditEvent
from sintren.notifications.choices import StatusNotifikasi
from sintren.notifications.models import Notifikasi


def dashboard_counts() -> dict[str, int]:
    """The numbers on the dashboard."""
    return {
        "pendaftaran_menunggu": Pemohon.objects.filter(status=Pemohon.Status.MENUNGGU).count(),
        "pesan_gagal": Notifikasi.objects.filter(status=StatusNotifikasi.FAILED).count(),
        "pesan_menunggu": Notifikasi.objects.filter(status=StatusNotifikasi.PENDING).count(),
    }


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_search(
    *,
    pelaku: str = "",
    aksi: str = "",
    dari: date | None = None,
    sampai: date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events, newest first, filtered by actor label, action and local dates."""
    qs = AuditEvent.objects.all()
    if pelaku:
        qs = qs.filter(actor_label__icontains=pelaku.strip())
    if aksi:
        qs = qs.filter(action__icontains=aksi.strip())
    if dari:
        qs = qs.filter(created_at__gte=_day_start(dari))
    if sampai:
        qs = qs.filter(created_at__lt=_day_start(sampai + timedelta(days=1)))
    return qs.order_by("-created_at", "-id")


def audit_actions() -> list[str]:
    """The distinct action codes in the log (for the filter's suggestions)."""
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def audit_for_target(target: Any, *, limit: int = 50) -> QuerySet[AuditEvent]:
    """Who viewed or changed ``target`` (newest first)."""
    meta = target._meta
    return AuditEvent.objects.filter(
        target_type=f"{meta.app_label}.{meta.model_name}", target_id=str(target.pk)
    ).order_by("-created_at", "-id")[:limit]


def pesan_list(*, status: str = "") -> QuerySet[Notifikasi]:
    """The outbox for staff, newest first, optionally one delivery status."""
    qs = Notifikasi.objects.all()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")
