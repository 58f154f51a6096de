"""Reads of the back office: dashboard counts, the audit log, the outbox."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from sintren.accounts.models import Pemohon, User
from sintren.core.audit import SYSTEM_LABEL
from sintren.core.choices import AuditAction
from sintren.core.models import AuditEvent
from sintren.notifications.choices import StatusNotifikasi
from sintren.notifications.models import Notifikasi
from sintren.pengajuan.models import Pengajuan


def dashboard_counts() -> dict[str, int]:
    """The numbers on the dashboard."""
    return {
        "pendaftaran_menunggu": Pemohon.objects.filter(status=Pemohon.Status.MENUNGGU).count(),
        "pesan_gagal": Notifikasi.objects.filter(status=StatusNotifikasi.FAILED).count(),
        "pesan_menunggu": Notifikasi.objects.filter(status=StatusNotifikasi.PENDING).count(),
    }


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# The audit log's order: newest first. Keyset pages walk the indexes
# ``audit_*_waktu_idx`` (the filter's column, then this order) instead of sorting.
AUDIT_ORDER = ("-created_at", "-id")
PENGAJUAN_TARGET = "pengajuan.pengajuan"
_OBJEK_RE = re.compile(r"^\s*([a-z_]+\.[a-z_]+)\s*#\s*([\w-]{1,64})\s*$")


def audit_action_codes(teks: str) -> list[str]:
    """The actions a search text names: the code itself, or every action whose code
    or label contains it (case-insensitive). No query: actions are a fixed list."""
    cari = teks.strip().casefold()
    if not cari:
        return []
    if cari in AuditAction.values:
        return [cari]
    return [
        value
        for value, label in AuditAction.choices
        if cari in value.casefold() or cari in str(label).casefold()
    ]


def _by_pelaku(qs: QuerySet[AuditEvent], pelaku: str) -> QuerySet[AuditEvent]:
    """A staff member by username (their id, on an index), else the stored label
    (``sistem``, ``pemohon#12``, or a deleted account)."""
    nama = pelaku.strip()
    if nama.casefold() == SYSTEM_LABEL:
        return qs.filter(actor__isnull=True, actor_label=SYSTEM_LABEL)
    ids = list(User.objects.filter(username__iexact=nama).values_list("pk", flat=True)[:5])
    return qs.filter(actor_id__in=ids) if ids else qs.filter(actor_label=nama)


def _by_objek(qs: QuerySet[AuditEvent], objek: str) -> QuerySet[AuditEvent]:
    """A request by its code, or any object as the log names it (``accounts.pemohon #5``)."""
    found = _OBJEK_RE.match(objek)
    if found:
        return qs.filter(target_type=found.group(1), target_id=found.group(2))
    kode = objek.strip().upper()
    pk = Pengajuan.objects.filter(kode=kode).values_list("pk", flat=True).first()
    if pk is None:
        return qs.none()
    return qs.filter(target_type=PENGAJUAN_TARGET, target_id=str(pk))


def audit_search(
    *,
    pelaku: str = "",
    aksi: str = "",
    objek: str = "",
    dari: date | None = None,
    sampai: date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events, newest first (:data:`AUDIT_ORDER`), filtered by actor, action,
    target (a request code or ``type #id``) and local dates.

    At most two small lookups (the actor's id, the request's id) besides the page:
    the query count does not grow with the log.
    """
    qs = AuditEvent.objects.all()
    if pelaku.strip():
        qs = _by_pelaku(qs, pelaku)
    if aksi.strip():
        qs = qs.filter(action__in=audit_action_codes(aksi))
    if objek.strip():
        qs = _by_objek(qs, objek)
    if dari:
        qs = qs.filter(created_at__gte=_day_start(dari))
    if sampai:
        qs = qs.filter(created_at__lt=_day_start(sampai + timedelta(days=1)))
    return qs.order_by(*AUDIT_ORDER)


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
