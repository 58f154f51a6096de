"""Reads of the chat (MSG-1): a request's thread and the unread counts.

Callers load the request through an access-checking getter first (applicants:
:func:`sintren.pengajuan.selectors.pengajuan_get_for_user`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count

from sintren.chat.models import Pesan
from sintren.pengajuan.models import Pengajuan


def pesan_for(pengajuan: Pengajuan) -> list[Pesan]:
    """The request's messages, oldest first, with their senders."""
    return list(
        Pesan.objects.filter(pengajuan=pengajuan)
        .select_related("pengirim")
        .order_by("dibuat", "id")
    )


def _is_petugas(user: Any) -> bool:
    return bool(getattr(user, "is_petugas", False))


def pesan_belum_dibaca_count(user: Any, pengajuan_ids: Iterable[int]) -> dict[int, int]:
    """Unread messages per request id, for ``user``'s side of the chat (one query).

    An applicant counts the staff's messages the applicant side has not seen; a staff
    member counts the applicant's messages no staff member has seen. Requests without
    unread messages are left out (read a missing id as 0). ``pengajuan_ids`` must come
    from a list ``user`` may see; nothing else is checked here.
    """
    ids = list(pengajuan_ids)
    if not ids or not getattr(user, "is_authenticated", False):
        return {}
    queryset = Pesan.objects.filter(pengajuan_id__in=ids)
    if _is_petugas(user):
        queryset = queryset.filter(dari_petugas=False, dibaca_petugas_pada__isnull=True)
    else:
        queryset = queryset.filter(dari_petugas=True, dibaca_pemohon_pada__isnull=True)
    rows = queryset.values("pengajuan_id").annotate(jumlah=Count("id")).order_by()
    return {row["pengajuan_id"]: row["jumlah"] for row in rows}


def pesan_terakhir_id(pengajuan: Pengajuan) -> int:
    """The id of the request's newest message (0 when there is none): the poll's marker."""
    found = (
        Pesan.objects.filter(pengajuan=pengajuan)
        .order_by("-dibuat", "-id")
        .values_list("id", flat=True)
        .first()
    )
    return int(found or 0)
