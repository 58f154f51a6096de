"""Who may rate a request, and its rating (X-9); the write is in ``services_penilaian``.

A request may be rated once it is *Selesai*, once, by the applicant it belongs to: the
applicant who made it in the personal mode, or an active member of its active group for
a request made in a group mode. The detail page asks :func:`penilaian_hambatan` to show
the form or not; :func:`sintren.pengajuan.services_penilaian.penilaian_kirim` asks it
again under the row lock.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from sintren.accounts.decorators import active_pemohon
from sintren.accounts.models import AnggotaGrup
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan, Penilaian

# Codes of the refusals (``ValidationError.code`` of the service).
BUKAN_PEMILIK = "bukan_pemilik"
BELUM_SELESAI = "belum_selesai"
SUDAH_DINILAI = "sudah_dinilai"

# The meaning of each star, read out with the radio button.
ARTI_NILAI = {
    1: "Sangat tidak puas",
    2: "Tidak puas",
    3: "Cukup",
    4: "Puas",
    5: "Sangat puas",
}


def penilaian_for(pengajuan: Pengajuan) -> Penilaian | None:
    """The request's rating, or ``None`` while it has none."""
    return Penilaian.objects.filter(pengajuan=pengajuan).first()


def _milik(user: Any, pengajuan: Pengajuan) -> bool:
    pemohon = active_pemohon(user)
    if pemohon is None or pengajuan.dihapus_pada is not None:
        return False
    if pengajuan.grup_id is None:
        return bool(pengajuan.pemohon_id == pemohon.pk)
    return AnggotaGrup.objects.filter(
        grup_id=pengajuan.grup_id, pemohon=pemohon, aktif=True, grup__aktif=True
    ).exists()


def penilaian_hambatan(user: Any, pengajuan: Pengajuan) -> tuple[str, str] | None:
    """Why ``user`` may not rate ``pengajuan`` now, as ``(code, message)``; ``None``: may.

    Ownership first, so a stranger learns nothing about the request's state.
    """
    if not _milik(user, pengajuan):
        return BUKAN_PEMILIK, gettext("Pengajuan tidak ditemukan.")
    if pengajuan.status != StatusPengajuan.SELESAI:
        return BELUM_SELESAI, gettext(
            "Penilaian layanan dapat diberikan setelah pengajuan berstatus Selesai."
        )
    if Penilaian.objects.filter(pengajuan=pengajuan).exists():
        return SUDAH_DINILAI, gettext("Pengajuan ini sudah Anda nilai. Terima kasih.")
    return None
