"""Writes of information items by office staff (PUB-4, BO-4).

Staff write *Umum* and *Rahasia* items; *Sistem* items are made by the system. Every
write is audited and makes a new content version (the home page and the Informasi
pages are kept for anonymous visitors).
"""

from __future__ import annotations

from django import forms
from django.db import transaction

from sintren.accounts.actors import Actor
from sintren.accounts.models import User
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.core.konten import konten_berubah
from sintren.informasi.models import Informasi


@transaction.atomic
def informasi_simpan(*, actor: Actor, form: forms.ModelForm[Informasi]) -> Informasi:
    """Save an information item from a bound, valid staff form."""
    item = form.save(commit=False)
    baru = item.pk is None
    if baru and item.dibuat_oleh_id is None and isinstance(actor, User):
        item.dibuat_oleh = actor
    item.save()
    audit_log(
        actor=actor,
        action=AuditAction.INFORMASI_SIMPAN,
        target=item,
        summary=f"Informasi #{item.pk} {'dibuat' if baru else 'diubah'}",
        details={"field": sorted(form.changed_data), "jenis": item.jenis},
    )
    konten_berubah()
    return item


@transaction.atomic
def informasi_hapus(*, actor: Actor, item: Informasi) -> None:
    """Delete an information item for good (untick *Aktif* to only hide it)."""
    pk = item.pk
    item.delete()
    audit_log(
        actor=actor,
        action=AuditAction.INFORMASI_HAPUS,
        summary=f"Informasi #{pk} dihapus",
        details={"informasi_id": pk},
    )
    konten_berubah()
