"""The registration status machine: every (from, to, role) triple of the table, and more.

Allowed triples succeed through ``pemohon_transition``; every other triple is refused
and changes nothing (no status, history, audit or message).
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sintren.accounts.actors import SYSTEM, Actor
from sintren.accounts.models import Pemohon, RiwayatPendaftaran, User
from sintren.accounts.services import pemohon_transition
from sintren.accounts.tests.factories import PemohonFactory, StaffFactory
from sintren.accounts.workflow import TRANSITIONS, allowed_next, may_transition
from sintren.core.models import AuditEvent
from sintren.notifications.models import Notifikasi

pytestmark = pytest.mark.django_db

STATUSES = [choice for choice, _ in Pemohon.Status.choices]
ROLES = [*(choice for choice, _ in User.Role.choices), SYSTEM.role]


def _actor(role: str, pemohon: Pemohon) -> Actor:
    if role == SYSTEM.role:
        return SYSTEM
    if role == User.Role.PEMOHON:
        return pemohon.user
    return StaffFactory.create(role=role)


def _snapshot(pemohon: Pemohon) -> tuple[Any, ...]:
    pemohon.refresh_from_db()
    return (
        pemohon.status,
        pemohon.alasan_penolakan,
        RiwayatPendaftaran.objects.filter(pemohon=pemohon).count(),
        AuditEvent.objects.count(),
        Notifikasi.objects.count(),
    )


@pytest.mark.parametrize(
    ("awal", "tujuan", "role"), list(itertools.product(STATUSES, STATUSES, ROLES))
)
def test_every_triple_of_the_table(wilayah_pekalongan, awal, tujuan, role):
    pemohon = PemohonFactory.create(status=awal)
    actor = _actor(role, pemohon)
    before = _snapshot(pemohon)
    if may_transition(awal, tujuan, role):
        pemohon_transition(pemohon=pemohon, to=tujuan, actor=actor, alasan="Data belum sesuai")
        pemohon.refresh_from_db()
        assert pemohon.status == tujuan
        assert RiwayatPendaftaran.objects.filter(pemohon=pemohon).count() == before[2] + 1
        assert AuditEvent.objects.count() == before[3] + 1
    else:
        with pytest.raises(ValidationError):
            pemohon_transition(pemohon=pemohon, to=tujuan, actor=actor, alasan="x")
        assert _snapshot(pemohon) == before


def test_table_shape():
    assert set(TRANSITIONS) == set(STATUSES)
    assert allowed_next(Pemohon.Status.MENUNGGU, User.Role.VERIFIKATOR) == [
        Pemohon.Status.DISETUJUI,
        Pemohon.Status.DITOLAK,
    ]
    assert allowed_next(Pemohon.Status.MENUNGGU, User.Role.PEMOHON) == []
    assert allowed_next(Pemohon.Status.AKTIF, User.Role.ADMIN) == []
    assert allowed_next(Pemohon.Status.DITOLAK, SYSTEM.role) == []


def test_status_is_assigned_in_one_place():
    """No module but the transition service writes ``Pemohon.status``."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    writers = []
    pattern = re.compile(r"\.status\s*=\s*(?!=)")
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "Pemohon" in text and pattern.search(text):
            writers.append(path.relative_to(root).as_posix())
    assert writers == ["accounts/services.py"]
