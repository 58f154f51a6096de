"""Admins manage applicant groups and memberships (ACC-7, BO-4).

Promoting an applicant into a group gives them, at their next page, a group mode
(*Grup Tertentu*) in which they may submit for other people within the group's region.
Only active applicants can be promoted; a membership is switched off, never deleted,
so the requests made in the group keep their history. No NIK or name reaches the
audit log: memberships are named by their id.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from sintren.accounts.actors import Actor
from sintren.accounts.models import AnggotaGrup, GrupPemohon, Pemohon, User
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction


@transaction.atomic
def grup_simpan(*, actor: Actor, form: forms.ModelForm[GrupPemohon]) -> GrupPemohon:
    """Create or change a group (name, description, region scope, active) from a valid form."""
    baru = form.instance.pk is None
    grup = form.save()
    audit_log(
        actor=actor,
        action=AuditAction.GRUP_SIMPAN,
        target=grup,
        summary=f"Grup pemohon #{grup.pk} {'dibuat' if baru else 'diubah'}",
        details={"field": sorted(form.changed_data), "wilayah": grup.wilayah_id},
    )
    return grup


@transaction.atomic
def anggota_tambah(*, actor: Actor, grup: GrupPemohon, nik: str) -> AnggotaGrup:
    """Promote the active applicant with ``nik`` into ``grup`` (or reactivate them).

    Raises ``ValidationError`` when no active applicant has that NIK or they are an
    active member already.
    """
    pemohon = Pemohon.objects.filter(nik=nik, status=Pemohon.Status.AKTIF).first()
    if pemohon is None:
        raise ValidationError(
            gettext("Tidak ada pemohon aktif dengan NIK tersebut."), code="tidak_ada"
        )
    anggota, created = AnggotaGrup.objects.select_for_update().get_or_create(
        grup=grup,
        pemohon=pemohon,
        defaults={"ditambahkan_oleh": actor if isinstance(actor, User) else None},
    )
    if not created:
        if anggota.aktif:
            raise ValidationError(
                gettext("Pemohon ini sudah menjadi anggota aktif grup ini."), code="sudah"
            )
        anggota.aktif = True
        anggota.save(update_fields=["aktif"])
    audit_log(
        actor=actor,
        action=AuditAction.GRUP_ANGGOTA_TAMBAH,
        target=anggota,
        summary=f"Anggota #{anggota.pk} ditambahkan ke grup #{grup.pk}",
        details={"grup_id": grup.pk, "pemohon_id": pemohon.pk, "aktif_kembali": not created},
    )
    return anggota


@transaction.atomic
def anggota_set_aktif(*, actor: Actor, anggota: AnggotaGrup, aktif: bool) -> AnggotaGrup:
    """Switch a membership on or off; off removes the group mode at the next page."""
    if anggota.aktif != aktif:
        anggota.aktif = aktif
        anggota.save(update_fields=["aktif"])
    audit_log(
        actor=actor,
        action=AuditAction.GRUP_ANGGOTA_UBAH,
        target=anggota,
        summary=f"Anggota #{anggota.pk} grup #{anggota.grup_id} "
        + ("diaktifkan" if aktif else "dinonaktifkan"),
        details={"aktif": aktif},
    )
    return anggota
