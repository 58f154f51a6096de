"""Reads of the staff's request pages (BO-3, X-1): which requests a staff member may
see, the queue, one request with what its page shows.

SEC-1: a verifier sees only the requests of the services assigned to them
(:class:`~sintren.backoffice.models.PenugasanLayanan`); an admin sees every service.
Drafts and deleted drafts are the applicant's own and never reach the back office.
Every staff page loads a request through :func:`pengajuan_get_for_staff`: anything
outside the staff member's services is a 404, never a 403 that confirms it exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from sintren.accounts.models import User
from sintren.backoffice.models import PenugasanLayanan
from sintren.catalog.models import DokumenPersyaratan, FieldTambahan, Layanan
from sintren.keluaran.models import DokumenTerbit
from sintren.pengajuan.availability import ZONA
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.perbaikan import FIELD_AKUN, FIELD_LABELS, kunci_tambahan

Status = StatusPengajuan

# The requests the Dinas has to work on: the queue's default, and the only ones the
# processing clock runs for. The partial indexes of the queue have this condition.
STATUS_ANTREAN = (Status.DIKIRIM, Status.DIPROSES)
# What the status filter offers: every status a sent request can have.
STATUS_TERKIRIM = tuple(s for s in Status if s not in {Status.DRAF, Status.DIHAPUS})
# Overdue first (the earliest due date first), then the oldest sending first: the
# order of the indexes ``pengajuan_antrean*_idx``, so keyset pages seek instead of sort.
ANTREAN_ORDER = ("jatuh_tempo", "dikirim_pada", "id")
_KODE_RE = re.compile(r"[A-Za-z0-9]{1,24}")


def _is_admin(user: Any) -> bool:
    return getattr(user, "role", None) == User.Role.ADMIN


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_petugas", False))


def layanan_ids_for(user: Any) -> frozenset[int] | None:
    """The ids of the services ``user`` handles; ``None`` for an admin (every service).

    Anyone who is not staff handles none.
    """
    if not _is_staff(user):
        return frozenset()
    if _is_admin(user):
        return None
    rows = PenugasanLayanan.objects.filter(petugas_id=user.pk).values_list("layanan_id", flat=True)
    return frozenset(rows)


def petugas_boleh_layanan(user: Any, layanan_id: int) -> bool:
    """Whether ``user`` is staff of service ``layanan_id`` (an admin: every service)."""
    if not _is_staff(user):
        return False
    if _is_admin(user):
        return True
    return PenugasanLayanan.objects.filter(petugas_id=user.pk, layanan_id=layanan_id).exists()


def layanan_for_petugas(user: Any) -> QuerySet[Layanan]:
    """The services ``user`` handles, in catalogue order (the queue's service filter)."""
    queryset = Layanan.objects.order_by("urutan", "nama")
    if not _is_staff(user):
        return queryset.none()
    if _is_admin(user):
        return queryset
    return queryset.filter(penugasan__petugas_id=user.pk)


def _lingkup(user: Any) -> QuerySet[Pengajuan]:
    """The sent requests of the services ``user`` handles (one subquery, no extra read)."""
    if not _is_staff(user):
        return Pengajuan.objects.none()
    queryset = Pengajuan.objects.filter(dihapus_pada__isnull=True).exclude(status=Status.DRAF)
    if _is_admin(user):
        return queryset
    assigned = PenugasanLayanan.objects.filter(petugas_id=user.pk).values("layanan_id")
    return queryset.filter(layanan_id__in=assigned)


@dataclass(frozen=True)
class FilterAntrean:
    """The queue's filters; empty values filter nothing.

    ``status`` empty: the requests waiting for the Dinas (:data:`STATUS_ANTREAN`);
    ``menunggu_hari``: sent at least that many days ago; ``milik_saya``: taken by the
    viewer.
    """

    layanan_id: int | None = None
    status: str = ""
    menunggu_hari: int | None = None
    milik_saya: bool = False


def pengajuan_antrean(user: Any, filters: FilterAntrean | None = None) -> QuerySet[Pengajuan]:
    """The queue of ``user`` (BO-3): overdue first, then the oldest sent first.

    Ordered by :data:`ANTREAN_ORDER` for :func:`sintren.core.pagination.keyset_page`;
    the service and the staff member are joined for the rows. Every sent request has a
    due date and a sending time (``pengajuan_transition`` stores both; the migration
    filled them in for older requests); the condition is the indexes' own.
    """
    filters = filters or FilterAntrean()
    queryset = _lingkup(user).filter(jatuh_tempo__isnull=False, dikirim_pada__isnull=False)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    else:
        queryset = queryset.filter(status__in=STATUS_ANTREAN)
    if filters.layanan_id:
        queryset = queryset.filter(layanan_id=filters.layanan_id)
    if filters.menunggu_hari:
        batas = timezone.now() - timedelta(days=filters.menunggu_hari)
        queryset = queryset.filter(dikirim_pada__lte=batas)
    if filters.milik_saya:
        queryset = queryset.filter(petugas_id=getattr(user, "pk", None))
    # an issued document whose applicant asked for a new download, not reissued yet.
    minta_unduh = DokumenTerbit.objects.filter(
        pengajuan=OuterRef("pk"),
        unduh_ulang_diminta_pada__isnull=False,
        digantikan_oleh__isnull=True,
    )
    return (
        queryset.select_related("layanan", "petugas")
        .annotate(minta_unduh_ulang=Exists(minta_unduh))
        .order_by(*ANTREAN_ORDER)
    )


def hari_ini() -> date:
    """Today in office time (Asia/Jakarta): the day against which due dates are late."""
    return timezone.now().astimezone(ZONA).date()


def terlambat(pengajuan: Pengajuan, today: date) -> bool:
    """Whether the Dinas is past the request's due date (X-1): only while it works on
    it (*Pengajuan Dikirim*, *Diproses*); a request due today is not late yet."""
    return (
        pengajuan.status in STATUS_ANTREAN
        and pengajuan.jatuh_tempo is not None
        and pengajuan.jatuh_tempo < today
    )


def pengajuan_get_for_staff(user: Any, kode: str) -> Pengajuan:
    """The request ``kode`` if ``user`` handles its service, else ``Http404``.

    The one getter of a request for the back office's pages (SEC-1).
    """
    if not _KODE_RE.fullmatch(str(kode)):
        raise Http404
    found = (
        _lingkup(user)
        .select_related("layanan", "pemohon__user", "grup__wilayah", "pilihan_dokumen", "petugas")
        .filter(kode=str(kode))
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class PilihanPerbaikan:
    """One thing a verifier may mark in a correction (X-2): a document of the service
    (``dokumen_id``) or a field of the request (``field``: its key), with its label."""

    kunci: str
    label: str
    dokumen_id: int | None = None
    field: str = ""


def perbaikan_pilihan(pengajuan: Pengajuan) -> list[PilihanPerbaikan]:
    """What the correction form lists: the service's documents, then the request's own
    fields (in the personal mode without those that follow the account), then the
    service's extra fields. Two queries."""
    items = [
        PilihanPerbaikan(kunci=f"dokumen_{pk}", label=nama, dokumen_id=pk)
        for pk, nama in DokumenPersyaratan.objects.filter(layanan_id=pengajuan.layanan_id)
        .order_by("urutan", "id")
        .values_list("pk", "nama")
    ]
    pribadi = pengajuan.grup_id is None
    items += [
        PilihanPerbaikan(kunci=f"data_{key}", label=str(label), field=key)
        for key, label in FIELD_LABELS.items()
        if not (pribadi and key in FIELD_AKUN)
    ]
    items += [
        PilihanPerbaikan(
            kunci=f"data_{kunci_tambahan(nama)}", label=label, field=kunci_tambahan(nama)
        )
        for nama, label in FieldTambahan.objects.filter(layanan_id=pengajuan.layanan_id)
        .order_by("urutan", "id")
        .values_list("nama", "label")
    ]
    return items
