"""Decisions of the Dinas and activation tokens (ACC-3, ACC-4) through the services."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from sintren.accounts.models import Pemohon, TokenAktivasi
from sintren.accounts.selectors import pendaftaran_queue
from sintren.accounts.services import (
    AktivasiHasil,
    aktivasi_link_resend,
    aktivasi_process,
    pendaftaran_approve,
    pendaftaran_reject,
)
from sintren.accounts.tests.factories import NAMA_IBU, PemohonFactory
from sintren.accounts.tests.helpers import delivered_text
from sintren.core.models import AuditEvent
from sintren.notifications.models import Notifikasi

pytestmark = pytest.mark.django_db
_TOKEN_RE = re.compile(r"/pemohon/aktivasi/([A-Za-z0-9_-]+)/")


def _activation_token(pemohon: Pemohon) -> str:
    pesan = Notifikasi.objects.filter(event="pendaftaran_disetujui", recipient=pemohon.nomor_hp)
    match = _TOKEN_RE.search(delivered_text(pesan.latest("pk")))
    assert match is not None
    return match[1]


def test_approve_sends_a_single_use_activation_link(wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.DISETUJUI
    assert pemohon.diverifikasi_oleh == verifikator
    assert [r.status for r in pemohon.riwayat.all()] == ["menunggu", "disetujui"]
    last = pemohon.riwayat.last()
    assert last is not None
    assert last.oleh == verifikator
    recipients = set(
        Notifikasi.objects.filter(event="pendaftaran_disetujui").values_list("recipient", flat=True)
    )
    assert recipients == {pemohon.nomor_hp, pemohon.email}
    token = _activation_token(pemohon)
    assert len(token) >= 43
    row = TokenAktivasi.objects.get(pemohon=pemohon)
    assert token not in row.token_hash
    assert AuditEvent.objects.filter(action="pendaftaran.setujui", actor=verifikator).exists()


def test_reject_requires_reason_and_notifies(wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    with pytest.raises(ValidationError):
        pendaftaran_reject(pemohon=pemohon, actor=verifikator, alasan="   ")
    pendaftaran_reject(pemohon=pemohon, actor=verifikator, alasan="Nama ibu belum sesuai KK")
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.DITOLAK
    assert pemohon.alasan_penolakan == "Nama ibu belum sesuai KK"
    last = pemohon.riwayat.last()
    assert last is not None
    assert (last.status, last.alasan, last.oleh) == (
        "ditolak",
        "Nama ibu belum sesuai KK",
        verifikator,
    )
    wa = Notifikasi.objects.get(event="pendaftaran_ditolak", recipient=pemohon.nomor_hp)
    assert "Nama ibu belum sesuai KK" in wa.body
    assert AuditEvent.objects.filter(action="pendaftaran.tolak").exists()


@pytest.mark.parametrize("status", ["disetujui", "aktif", "ditolak"])
def test_decisions_only_on_pending_registrations(wilayah_pekalongan, verifikator, status):
    pemohon = PemohonFactory.create(status=status)
    with pytest.raises(ValidationError):
        pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    with pytest.raises(ValidationError):
        pendaftaran_reject(pemohon=pemohon, actor=verifikator, alasan="x")
    pemohon.refresh_from_db()
    assert pemohon.status == status
    assert not Notifikasi.objects.exists()


def test_a_stale_instance_cannot_decide_twice(wilayah_pekalongan, verifikator, admin):
    pemohon = PemohonFactory.create()
    stale = Pemohon.objects.get(pk=pemohon.pk)
    pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    with pytest.raises(ValidationError):
        pendaftaran_reject(pemohon=stale, actor=admin, alasan="terlambat")
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.DISETUJUI


def test_activation_with_the_mothers_name(wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    token = _activation_token(pemohon)
    result = aktivasi_process(token=token, nama_ibu="  SITI  aminah")
    assert result.hasil is AktivasiHasil.BERHASIL
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.AKTIF
    last = pemohon.riwayat.last()
    assert last is not None
    assert last.status == "aktif"
    # Single use.
    assert aktivasi_process(token=token, nama_ibu=NAMA_IBU).hasil is AktivasiHasil.TIDAK_BERLAKU


def test_five_wrong_answers_void_the_token(wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    token = _activation_token(pemohon)
    results = [aktivasi_process(token=token, nama_ibu="Salah").hasil for _ in range(5)]
    assert results == [AktivasiHasil.SALAH] * 4 + [AktivasiHasil.HABIS]
    assert aktivasi_process(token=token, nama_ibu=NAMA_IBU).hasil is AktivasiHasil.TIDAK_BERLAKU
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.DISETUJUI


def test_token_expires(wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    with freeze_time("2025-01-01 08:00:00"):
        pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    token = _activation_token(pemohon)
    with freeze_time("2025-01-07 07:59:00"):
        assert aktivasi_process(token=token, nama_ibu="x").hasil is AktivasiHasil.SALAH
    with freeze_time("2025-01-08 08:00:01"):
        result = aktivasi_process(token=token, nama_ibu=NAMA_IBU)
    assert result.hasil is AktivasiHasil.TIDAK_BERLAKU


def test_resend_voids_the_old_link_and_has_a_cooldown(wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    with freeze_time("2025-01-01 08:00:00"):
        pendaftaran_approve(pemohon=pemohon, actor=verifikator)
        old = _activation_token(pemohon)
        with pytest.raises(ValidationError):
            aktivasi_link_resend(pemohon=pemohon, ip="192.0.2.10")
    with freeze_time("2025-01-01 08:10:00"):
        aktivasi_link_resend(pemohon=pemohon, ip="192.0.2.10")
        new = _activation_token(pemohon)
        assert new != old
        assert aktivasi_process(token=old, nama_ibu=NAMA_IBU).hasil is AktivasiHasil.TIDAK_BERLAKU
        assert aktivasi_process(token=new, nama_ibu=NAMA_IBU).hasil is AktivasiHasil.BERHASIL


@pytest.mark.parametrize("token", ["", "abc", "x" * 43, "%00", "a" * 500])
def test_unknown_tokens_are_refused(wilayah_pekalongan, token):
    assert aktivasi_process(token=token, nama_ibu=NAMA_IBU).hasil is AktivasiHasil.TIDAK_BERLAKU


def test_queue_lists_pending_first_then_oldest(wilayah_pekalongan):
    with freeze_time("2025-01-01"):
        aktif = PemohonFactory.create(aktif=True)
    with freeze_time("2025-01-02"):
        first = PemohonFactory.create()
    with freeze_time("2025-01-03"):
        second = PemohonFactory.create(nama_lengkap="Dewi Lestari")
    assert list(pendaftaran_queue()) == [first, second, aktif]
    assert list(pendaftaran_queue(status="menunggu", q="dewi")) == [second]
    assert list(pendaftaran_queue(q=aktif.nik)) == [aktif]


def test_activation_link_points_to_the_site(wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    body = delivered_text(Notifikasi.objects.filter(event="pendaftaran_disetujui").latest("pk"))
    assert "http://testserver" + reverse("accounts:aktivasi", kwargs={"token": "T"})[:-2] in body
