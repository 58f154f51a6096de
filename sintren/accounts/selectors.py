"""Reads of the applicant accounts for the back office and the applicant's pages."""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from sintren.accounts.models import Pemohon
from sintren.accounts.models.pemohon import NIK_LENGTH

_DIGITS = re.compile(r"[0-9]+")
# The data version of the registration queue's kept pages (sintren/core/simpanan.py).
ANTREAN_PENDAFTARAN = "pendaftaran"


# What a queue row shows and the keyset order needs; the rest of a registration (address,
# mother's name, phone…) is loaded on its detail page only.
QUEUE_COLUMNS = (
    "nik",
    "nama_lengkap",
    "status",
    "antrean",
    "dibuat",
    "diperbarui",
    "wilayah__code",
    "wilayah__name",
)


def pendaftaran_queue(*, status: str | None = None, q: str | None = None) -> QuerySet[Pemohon]:
    """Registrations for the back office: pending first, then oldest first.

    ``status`` filters by one ``Pemohon.Status`` value; ``q`` searches: 16 digits find
    that NIK or Nomor KK exactly, fewer digits a NIK prefix, anything else a part of the
    name. Ordered by indexed fields only (``antrean, diperbarui, id``, or ``diperbarui,
    id`` within one status), so ``sintren.core.pagination.keyset_page`` can walk it;
    each search is served by an index too (docs/backoffice.md, "The queue at scale").
    """
    qs = Pemohon.objects.select_related("wilayah").only(*QUEUE_COLUMNS)
    if status:
        qs = qs.filter(status=status)
    text = " ".join(str(q or "").split())
    if text:
        qs = qs.filter(_queue_search(text))
    if status:
        # Within one status ``antrean`` is constant: the (status, diperbarui, id) index.
        return qs.order_by("diperbarui", "pk")
    return qs.order_by("antrean", "diperbarui", "pk")


def _queue_search(text: str) -> Q:
    if not _DIGITS.fullmatch(text):
        return Q(nama_lengkap__icontains=text)
    if len(text) == NIK_LENGTH:
        return Q(nik=text) | Q(nomor_kk=text)
    # A NIK prefix as a range of the unique index: "3326" → 3326… ≤ nik < 3327….
    after = str(int(text) + 1).zfill(len(text))
    if len(after) > len(text):  # all nines: nothing sorts after the prefix
        return Q(nik__gte=text)
    return Q(nik__gte=text, nik__lt=after)


def pemohon_get(pk: int | str) -> Pemohon:
    """One applicant by primary key, or ``Http404``."""
    try:
        return Pemohon.objects.select_related("user", "wilayah").get(pk=int(pk))
    except (Pemohon.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404 from exc


def pemohon_find(pk: int) -> Pemohon | None:
    """The applicant with this primary key, or None (e.g. an id kept in a session)."""
    return Pemohon.objects.select_related("user").filter(pk=pk).first()


def pemohon_by_nik(nik: str) -> Pemohon | None:
    """The applicant registered under ``nik``, if any."""
    return Pemohon.objects.select_related("user", "wilayah").filter(nik=nik).first()


def pemohon_by_identity(*, nik: str, nomor_kk: str, tanggal_lahir: date) -> Pemohon | None:
    """The applicant whose NIK, Nomor KK and birth date are all these, if any."""
    return (
        Pemohon.objects.select_related("user")
        .filter(nik=nik, nomor_kk=nomor_kk, tanggal_lahir=tanggal_lahir)
        .first()
    )


def nama_samaran(nama: str) -> str:
    """A name shown partly hidden: the first letter of each word, e.g. ``B*** S******``."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in nama.split())
