"""Writes of the service catalogue by office staff (BO-4): services and closure days.

Each write is one transaction with its audit row. The catalogue's ``post_save`` /
``post_delete`` receivers already make a new content version for every row they see;
the services call :func:`sintren.core.konten.konten_berubah` once more themselves, so
that a change that reaches no receiver (a bulk delete, a change of related rows only)
still refreshes the kept public pages. Several calls in one transaction cost one
shared bump at the commit.

The staff forms are validated by the caller (the back-office view); a service receives
them bound and valid and saves them, so every row of one submission is saved, audited
and published together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext

from sintren.accounts.actors import Actor
from sintren.catalog.models import HariTutup, Layanan
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.core.konten import konten_berubah

LayananFormSet = BaseInlineFormSet[Any, Layanan, Any]


def _inline_changes(formset: LayananFormSet) -> dict[str, int]:
    """How many rows of one inline formset were added, changed and deleted."""
    counts = {
        "baru": len(formset.new_objects),
        "ubah": len(formset.changed_objects),
        "hapus": len(formset.deleted_objects),
    }
    return {key: value for key, value in counts.items() if value}


@transaction.atomic
def layanan_simpan(
    *,
    actor: Actor,
    form: forms.ModelForm[Layanan],
    formsets: Sequence[LayananFormSet] = (),
) -> Layanan:
    """Save a service and its inline rows (documents, fields, outputs, schedules).

    ``form`` and ``formsets`` must be bound and valid. The audit row names what changed
    (field names and row counts per inline, never the texts).
    """
    baru = form.instance.pk is None
    changed = sorted(form.changed_data)
    layanan = form.save()
    inline: dict[str, dict[str, int]] = {}
    for formset in formsets:
        formset.instance = layanan
        try:
            formset.save()
        except ProtectedError as exc:  # the whole submission rolls back
            raise ValidationError(
                gettext(
                    "Baris yang sudah dipakai pengajuan tidak dapat dihapus "
                    "(dokumen persyaratan atau pilihan dokumen jadi). Ubah saja namanya "
                    "atau keterangannya."
                ),
                code="dipakai",
            ) from exc
        counts = _inline_changes(formset)
        if counts:
            inline[str(formset.prefix)] = counts
    action = AuditAction.KATALOG_LAYANAN_BUAT if baru else AuditAction.KATALOG_LAYANAN_UBAH
    verb = "dibuat" if baru else "diubah"
    audit_log(
        actor=actor,
        action=action,
        target=layanan,
        summary=f"Layanan {layanan.kode} {verb}",
        details={"field": changed, "baris": inline},
    )
    konten_berubah()
    return layanan


@transaction.atomic
def layanan_hapus(*, actor: Actor, layanan: Layanan) -> None:
    """Delete a service never used by a request; otherwise refuse (deactivate it instead).

    Raises ``ValidationError`` with an Indonesian message when requests refer to it.
    """
    kode, pk = layanan.kode, layanan.pk
    try:
        with transaction.atomic():
            layanan.delete()
    except ProtectedError as exc:
        raise ValidationError(
            gettext(
                "Layanan ini sudah dipakai pengajuan sehingga tidak dapat dihapus. "
                "Nonaktifkan layanan (hapus centang Aktif) agar tidak bisa diajukan lagi."
            ),
            code="dipakai",
        ) from exc
    audit_log(
        actor=actor,
        action=AuditAction.KATALOG_LAYANAN_HAPUS,
        summary=f"Layanan {kode} dihapus",
        details={"layanan_id": pk},
    )
    konten_berubah()


@transaction.atomic
def hari_tutup_tambah(*, actor: Actor, form: forms.ModelForm[HariTutup]) -> HariTutup:
    """Add an office closure day (bound, valid ``form``); new requests stop that day."""
    hari = form.save()
    audit_log(
        actor=actor,
        action=AuditAction.KATALOG_HARI_TUTUP_TAMBAH,
        target=hari,
        summary=f"Hari tutup {hari.tanggal:%d-%m-%Y} ditambahkan",
    )
    konten_berubah()
    return hari


@transaction.atomic
def hari_tutup_hapus(*, actor: Actor, hari: HariTutup) -> None:
    """Remove a closure day: the office is open again that day (unless a holiday)."""
    tanggal, pk = hari.tanggal, hari.pk
    hari.delete()
    audit_log(
        actor=actor,
        action=AuditAction.KATALOG_HARI_TUTUP_HAPUS,
        summary=f"Hari tutup {tanggal:%d-%m-%Y} dihapus",
        details={"hari_tutup_id": pk},
    )
    konten_berubah()
