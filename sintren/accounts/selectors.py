"""Reads of the applicant accounts for the back office and the applicant's pages."""

from __future__ import annotations

from datetime import date

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from sintren.accounts.models import Pemohon


def pendaftaran_queue(*, status: str | None = None, q: str | None = None) -> QuerySet[Pemohon]:
    """Registrations for the back office: pending first, then oldest first.

    ``status`` filters by one ``Pemohon.Status`` value; ``q`` searches the NIK (prefix)
    and the name (substring).
    """
    qs = Pemohon.objects.select_related("wilayah", "diverifikasi_oleh")
    if status:
        qs = qs.filter(status=status)
    text = " ".join(str(q or "").split())
    if text:
        qs = qs.filter(Q(nik__startswith=text) | Q(nama_lengkap__icontains=text))
    pending_first = Case(
        When(status=Pemohon.Status.MENUNGGU, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return qs.annotate(_urutan=pending_first).order_by("_urutan", "diperbarui", "pk")


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
