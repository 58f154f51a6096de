"""The request status machine: every (from, to, role) triple of the table, and more.

Allowed triples succeed through ``pengajuan_transition`` (history, audit, message);
every other triple is refused and changes nothing (no status, history, audit or message).
"""

from __future__ import annotations

import itertools
import pathlib
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sintren.accounts.actors import SYSTEM, Actor
from sintren.accounts.models import User
from sintren.accounts.tests.factories import StaffFactory
from sintren.core.models import AuditEvent
from sintren.notifications.models import Notifikasi
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import ItemPerbaikan, Pengajuan, RiwayatStatus
from sintren.pengajuan.perbaikan import ItemDiminta
from sintren.pengajuan.services import pengajuan_minta_perbaikan, pengajuan_transition
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.pengajuan.workflow import TRANSITIONS, allowed_next, is_editable, may_transition

pytestmark = pytest.mark.django_db

Status = StatusPengajuan
STATUSES = list(Status.values)
ROLES = [*User.Role.values, SYSTEM.role]


def _actor(role: str, pengajuan: Pengajuan) -> Actor:
    if role == SYSTEM.role:
        return SYSTEM
    if role == User.Role.PEMOHON:
        return pengajuan.pemohon.user
    return StaffFactory.create(role=role)


def _snapshot(pengajuan: Pengajuan) -> tuple[Any, ...]:
    pengajuan.refresh_from_db()
    return (
        pengajuan.status,
        pengajuan.dikirim_pada,
        pengajuan.dihapus_pada,
        RiwayatStatus.objects.filter(pengajuan=pengajuan).count(),
        AuditEvent.objects.count(),
        Notifikasi.objects.count(),
    )


@pytest.mark.parametrize(
    ("awal", "tujuan", "role"), list(itertools.product(STATUSES, STATUSES, ROLES))
)
def test_every_triple_of_the_table(wilayah_pekalongan, awal, tujuan, role):
    pengajuan = PengajuanFactory.create(status=awal)
    actor = _actor(role, pengajuan)
    before = _snapshot(pengajuan)
    if may_transition(awal, tujuan, role):
        # A correction names what to correct.
        items = [ItemDiminta.untuk_data("detail", "Kurang jelas")] if tujuan == "perbaikan" else []
        pengajuan_transition(
            pengajuan=pengajuan, to=tujuan, actor=actor, catatan="Mohon lengkapi", perbaikan=items
        )
        assert pengajuan.status == tujuan  # the caller's instance is refreshed
        after = _snapshot(pengajuan)
        assert after[0] == tujuan
        assert after[3] == before[3] + 1
        assert after[4] == before[4] + 1
        # Every transition tells the applicant, except deleting one's own draft.
        assert after[5] > before[5] if tujuan != Status.DIHAPUS else after[5] == before[5]
        riwayat = RiwayatStatus.objects.filter(pengajuan=pengajuan).latest("pk")
        assert riwayat.status == tujuan
        assert riwayat.oleh == (actor if isinstance(actor, User) else None)
        assert riwayat.catatan.startswith("Mohon lengkapi")
        assert ItemPerbaikan.objects.filter(riwayat=riwayat).count() == len(items)
    else:
        with pytest.raises(ValidationError) as caught:
            pengajuan_transition(pengajuan=pengajuan, to=tujuan, actor=actor, catatan="x")
        assert caught.value.code == "status"
        assert _snapshot(pengajuan) == before


def test_sending_and_deleting_set_their_timestamps(wilayah_pekalongan):
    dikirim = PengajuanFactory.create()
    pengajuan_transition(pengajuan=dikirim, to=Status.DIKIRIM, actor=dikirim.pemohon.user)
    dikirim.refresh_from_db()
    assert dikirim.dikirim_pada is not None
    assert dikirim.dihapus_pada is None

    dihapus = PengajuanFactory.create()
    pengajuan_transition(pengajuan=dihapus, to=Status.DIHAPUS, actor=dihapus.pemohon.user)
    dihapus.refresh_from_db()
    assert dihapus.dihapus_pada is not None


def test_rejection_needs_a_note(wilayah_pekalongan, verifikator):
    pengajuan = PengajuanFactory.create(diproses=True)
    before = _snapshot(pengajuan)
    with pytest.raises(ValidationError) as caught:
        pengajuan_transition(pengajuan=pengajuan, to=Status.DITOLAK, actor=verifikator, catatan=" ")
    assert caught.value.code == "catatan"
    assert _snapshot(pengajuan) == before


@pytest.mark.parametrize("catatan", ["", "Mohon diperbaiki"])
def test_correction_is_refused_without_marked_items(wilayah_pekalongan, verifikator, catatan):
    """X-2: no status change to Perlu Perbaikan that does not say what to correct."""
    pengajuan = PengajuanFactory.create(diproses=True)
    before = _snapshot(pengajuan)
    with pytest.raises(ValidationError) as caught:
        pengajuan_transition(
            pengajuan=pengajuan, to=Status.PERBAIKAN, actor=verifikator, catatan=catatan
        )
    assert [error.code for error in caught.value.error_list] == ["item"]
    assert _snapshot(pengajuan) == before
    assert not ItemPerbaikan.objects.exists()


def test_items_only_go_with_a_correction(wilayah_pekalongan, verifikator):
    pengajuan = PengajuanFactory.create(diproses=True)
    before = _snapshot(pengajuan)
    with pytest.raises(ValidationError) as caught:
        pengajuan_transition(
            pengajuan=pengajuan,
            to=Status.DITOLAK,
            actor=verifikator,
            catatan="Tidak memenuhi syarat",
            perbaikan=[ItemDiminta.untuk_data("detail", "x")],
        )
    assert caught.value.code == "item"
    assert _snapshot(pengajuan) == before


def test_correction_message_carries_the_note_and_the_items(wilayah_pekalongan, verifikator):
    pengajuan = PengajuanFactory.create(diproses=True)
    pengajuan_minta_perbaikan(
        actor=verifikator,
        pengajuan=pengajuan,
        items=[ItemDiminta.untuk_data("subjek_nama", "Ejaan tidak sesuai KK")],
        catatan="Foto KK buram",
    )
    pesan = Notifikasi.objects.filter(event="pengajuan_perbaikan").get(channel="whatsapp")
    assert pesan.recipient == pengajuan.nomor_hp
    assert "Foto KK buram" in pesan.body
    assert "- Nama Lengkap: Ejaan tidak sesuai KK" in pesan.body
    assert pengajuan.kode in pesan.body


def test_table_shape():
    assert set(TRANSITIONS) == set(STATUSES)
    assert all(set(targets) <= set(STATUSES) for targets in TRANSITIONS.values())
    assert allowed_next(Status.DRAF, User.Role.PEMOHON) == [Status.DIKIRIM, Status.DIHAPUS]
    assert allowed_next(Status.DRAF, User.Role.VERIFIKATOR) == []
    assert allowed_next(Status.PERBAIKAN, User.Role.PEMOHON) == [Status.DIKIRIM]
    assert allowed_next(Status.DIPROSES, User.Role.ADMIN) == [
        Status.PERBAIKAN,
        Status.DITOLAK,
        Status.TERBIT,
        Status.SIAP_DIAMBIL,
        Status.SELESAI,
    ]
    for final in (Status.DITOLAK, Status.SELESAI, Status.DIHAPUS):
        assert all(allowed_next(final, role) == [] for role in ROLES)
    assert [s for s in STATUSES if is_editable(s)] == [Status.DRAF]


def test_status_is_written_in_one_place():
    """No module but the transition service (and the creation of a draft) writes
    ``Pengajuan.status``."""
    root = pathlib.Path(__file__).resolve().parents[2]
    writes = re.compile(r"\.status\s*=\s*(?!=)|\.update\([^)]*\bstatus\s*=")
    writers = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "Pengajuan" in text and writes.search(text):
            writers.append(path.relative_to(root).as_posix())
    assert writers == ["pengajuan/services.py"]
