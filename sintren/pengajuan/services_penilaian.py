"""The applicant rates a finished request (X-9): one write, :func:`penilaian_kirim`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from sintren.accounts.actors import Actor
from sintren.accounts.models import User
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.pengajuan.models import Pengajuan, Penilaian
from sintren.pengajuan.penilaian import SUDAH_DINILAI, penilaian_hambatan

KOMENTAR_MAKS = 500


def _nilai_valid(nilai: object) -> int:
    try:
        angka = int(str(nilai))
    except ValueError:
        angka = 0
    if not Penilaian.NILAI_MIN <= angka <= Penilaian.NILAI_MAKS:
        raise ValidationError(gettext("Pilih nilai 1 sampai 5 bintang."), code="nilai")
    return angka


@transaction.atomic
def penilaian_kirim(
    *, actor: Actor, pengajuan: Pengajuan, nilai: int, komentar: str = ""
) -> Penilaian:
    """Store ``actor``'s rating (1-5 stars, optional comment) of a finished request.

    Refused with a ``ValidationError`` (code ``nilai``, ``komentar``, or one of
    :mod:`sintren.pengajuan.penilaian`'s codes) when the value is out of range, the
    comment too long, the request not the actor's, not *Selesai*, or already rated.
    The request row is locked while the rules are checked, and the unique
    ``pengajuan`` column is the last word: of two concurrent submissions exactly one is
    stored, the other is refused as already rated. Audited without the comment's text
    (it may hold personal data).
    """
    angka = _nilai_valid(nilai)
    komentar = str(komentar or "").strip()
    if len(komentar) > KOMENTAR_MAKS:
        raise ValidationError(
            gettext("Komentar paling banyak %(maks)d karakter.") % {"maks": KOMENTAR_MAKS},
            code="komentar",
        )
    locked = Pengajuan.objects.select_for_update(of=("self",)).get(pk=pengajuan.pk)
    hambatan = penilaian_hambatan(actor, locked)
    if hambatan is not None:
        raise ValidationError(hambatan[1], code=hambatan[0])
    try:
        with transaction.atomic():
            penilaian = Penilaian.objects.create(
                pengajuan=locked,
                nilai=angka,
                komentar=komentar,
                oleh=actor if isinstance(actor, User) else None,
            )
    except IntegrityError:
        raise ValidationError(
            gettext("Pengajuan ini sudah Anda nilai. Terima kasih."), code=SUDAH_DINILAI
        ) from None
    audit_log(
        actor=actor,
        action=AuditAction.PENILAIAN_KIRIM,
        target=locked,
        summary="Penilaian layanan dikirim",
        details={"kode": locked.kode, "nilai": angka, "komentar": bool(komentar)},
    )
    return penilaian
