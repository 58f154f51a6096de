"""Services of the staff's request pages (BO-3, X-1): the due date stored at sending,
taking a request (also two verifiers at once), releasing, taking over, who may decide."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from freezegun import freeze_time

from sintren.accounts.models import User
from sintren.backoffice.selectors_pengajuan import (
    FilterAntrean,
    layanan_ids_for,
    pengajuan_antrean,
    pengajuan_get_for_staff,
    terlambat,
)
from sintren.backoffice.services_pengajuan import (
    pengajuan_ambil,
    pengajuan_ambil_alih,
    pengajuan_lepas,
    pengajuan_perbaikan_minta,
    pengajuan_tindak,
)
from sintren.backoffice.tests.pengajuan_setup import (
    antre,
    hari_lalu,
    layanan_akta,
    layanan_kematian,
    terkirim,
    verifikator_untuk,
)
from sintren.catalog.models import Layanan
from sintren.core.models import AuditEvent
from sintren.core.tests.concurrency import run_concurrently
from sintren.documents.services import datadukung_attach
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.kalender import tanggal_selesai_perkiraan
from sintren.pengajuan.models import Pengajuan, RiwayatStatus
from sintren.pengajuan.perbaikan import ItemDiminta
from sintren.pengajuan.services import pengajuan_kirim_ulang
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.pengajuan.tests.perbaikan_setup import berkas_root_in, unggah

Status = StatusPengajuan
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def berkas_root(settings: Any, tmp_path: Path) -> Path:
    return berkas_root_in(settings, tmp_path)


@pytest.fixture
def akta(db: None) -> Layanan:
    return layanan_akta()


@pytest.fixture
def kematian(db: None) -> Layanan:
    return layanan_kematian()


@pytest.fixture
def petugas_akta(akta: Layanan) -> User:
    return verifikator_untuk(akta, username="vakta")


@pytest.fixture
def petugas_kematian(kematian: Layanan) -> User:
    return verifikator_untuk(kematian, username="vkematian")


# --- the due date --------------------------------------------------------------------
def test_sending_stores_the_due_date_and_kirim_ulang_counts_it_again(
    pemohon: Any, akta: Layanan, petugas_akta: User
) -> None:
    # Wednesday 2 December 2026, 10.00 WIB: a 3-working-day service is due on Friday.
    with freeze_time("2026-12-02 03:00:00"):
        pengajuan = terkirim(pemohon, akta)
    pengajuan.refresh_from_db()
    assert pengajuan.jatuh_tempo == dt.date(2026, 12, 4)
    assert pengajuan.dikirim_pada is not None
    assert pengajuan.jatuh_tempo == tanggal_selesai_perkiraan(akta, pengajuan.dikirim_pada)
    pengajuan_ambil(actor=petugas_akta, pengajuan=pengajuan)
    ktp = akta.dokumen.get(nama="KTP Ayah")
    pengajuan_perbaikan_minta(
        actor=petugas_akta,
        pengajuan=pengajuan,
        items=[ItemDiminta.untuk_dokumen(ktp.pk, "Buram")],
    )
    datadukung_attach(
        actor=pemohon.user, pengajuan=pengajuan, dokumen=ktp, berkas=unggah(pemohon, 99)
    )
    # Sent again on Monday 7 December, 10.00 WIB: due on Wednesday 9 December.
    with freeze_time("2026-12-07 03:00:00"):
        pengajuan_kirim_ulang(actor=pemohon.user, pengajuan=pengajuan)
    pengajuan.refresh_from_db()
    assert pengajuan.jatuh_tempo == dt.date(2026, 12, 9)


def test_late_only_past_the_due_date_and_while_the_dinas_works_on_it(
    pemohon: Any, akta: Layanan
) -> None:
    today = dt.date(2026, 12, 9)
    due_yesterday = antre(pemohon, akta, dikirim=hari_lalu(5), jatuh_tempo=dt.date(2026, 12, 8))
    due_today = antre(pemohon, akta, dikirim=hari_lalu(5), jatuh_tempo=today)
    selesai = antre(
        pemohon, akta, dikirim=hari_lalu(5), jatuh_tempo=dt.date(2026, 12, 1), status=Status.SELESAI
    )
    assert terlambat(due_yesterday, today)
    assert not terlambat(due_today, today)
    assert not terlambat(selesai, today)


# --- scope (SEC-1) --------------------------------------------------------------------------
def test_a_verifier_sees_only_the_assigned_services_and_an_admin_all(
    pemohon: Any, akta: Layanan, kematian: Layanan, petugas_akta: User, admin: User
) -> None:
    mine = antre(pemohon, akta, dikirim=hari_lalu(2), jatuh_tempo=dt.date(2026, 12, 9))
    other = antre(pemohon, kematian, dikirim=hari_lalu(2), jatuh_tempo=dt.date(2026, 12, 9))
    assert layanan_ids_for(petugas_akta) == frozenset({akta.pk})
    assert layanan_ids_for(admin) is None
    assert list(pengajuan_antrean(petugas_akta)) == [mine]
    assert set(pengajuan_antrean(admin)) == {mine, other}
    assert pengajuan_get_for_staff(petugas_akta, mine.kode) == mine
    with pytest.raises(Http404):
        pengajuan_get_for_staff(petugas_akta, other.kode)
    with pytest.raises(Http404):
        pengajuan_get_for_staff(pemohon.user, mine.kode)


def test_drafts_never_reach_the_back_office(pemohon: Any, akta: Layanan, admin: User) -> None:
    draf = PengajuanFactory.create(pemohon=pemohon, layanan=akta)
    with pytest.raises(Http404):
        pengajuan_get_for_staff(admin, draf.kode)


# --- taking a request (BO-3) ----------------------------------------------------------------
def test_taking_a_sent_request_assigns_it_and_moves_it_to_diproses(
    pemohon: Any, akta: Layanan, petugas_akta: User
) -> None:
    pengajuan = terkirim(pemohon, akta)
    pengajuan_ambil(actor=petugas_akta, pengajuan=pengajuan)
    fresh = Pengajuan.objects.get(pk=pengajuan.pk)
    assert fresh.petugas == petugas_akta
    assert fresh.status == Status.DIPROSES
    assert pengajuan.status == Status.DIPROSES  # the caller's instance follows
    actions = list(
        AuditEvent.objects.filter(target_id=str(pengajuan.pk)).values_list("action", flat=True)
    )
    assert "pengajuan.ambil" in actions
    assert "pengajuan.diproses" in actions
    # Taking it again changes nothing (no second audit row, no second history row).
    pengajuan_ambil(actor=petugas_akta, pengajuan=fresh)
    assert AuditEvent.objects.filter(action="pengajuan.ambil").count() == 1
    assert RiwayatStatus.objects.filter(pengajuan=pengajuan, status=Status.DIPROSES).count() == 1


def test_a_taken_request_is_refused_to_another_verifier(
    pemohon: Any, akta: Layanan, petugas_akta: User
) -> None:
    other = verifikator_untuk(akta, username="vakta2")
    pengajuan = terkirim(pemohon, akta)
    pengajuan_ambil(actor=petugas_akta, pengajuan=pengajuan)
    with pytest.raises(ValidationError) as caught:
        pengajuan_ambil(actor=other, pengajuan=Pengajuan.objects.get(pk=pengajuan.pk))
    assert caught.value.code == "petugas"
    assert Pengajuan.objects.get(pk=pengajuan.pk).petugas == petugas_akta


def test_verifier_of_another_service_and_applicant_are_refused(
    pemohon: Any, akta: Layanan, petugas_kematian: User
) -> None:
    pengajuan = terkirim(pemohon, akta)
    for actor in (petugas_kematian, pemohon.user):
        with pytest.raises(ValidationError) as caught:
            pengajuan_ambil(actor=actor, pengajuan=pengajuan)
        assert caught.value.code == "peran"
    fresh = Pengajuan.objects.get(pk=pengajuan.pk)
    assert fresh.petugas is None
    assert fresh.status == Status.DIKIRIM


@pytest.mark.django_db(transaction=True)
def test_two_verifiers_taking_at_once_exactly_one_wins(
    pemohon: Any, akta: Layanan, petugas_akta: User
) -> None:
    other = verifikator_untuk(akta, username="vakta2")
    pengajuan = terkirim(pemohon, akta)
    actors = iter([petugas_akta, other])

    def take() -> str:
        actor = next(actors)
        fresh = Pengajuan.objects.get(pk=pengajuan.pk)
        try:
            pengajuan_ambil(actor=actor, pengajuan=fresh)
        except ValidationError as exc:
            return f"ditolak:{exc.code}"
        return f"menang:{actor.username}"

    outcomes = run_concurrently(take, threads=2, timeout=60)
    assert outcomes.errors == []
    assert sorted(r.split(":")[0] for r in outcomes.results) == ["ditolak", "menang"]
    winner = next(r for r in outcomes.results if r.startswith("menang")).split(":")[1]
    fresh = Pengajuan.objects.get(pk=pengajuan.pk)
    assert fresh.petugas is not None
    assert fresh.petugas.username == winner
    assert fresh.status == Status.DIPROSES
    assert RiwayatStatus.objects.filter(pengajuan=pengajuan, status=Status.DIPROSES).count() == 1
    assert AuditEvent.objects.filter(action="pengajuan.ambil").count() == 1


def test_release_and_admin_takeover(
    pemohon: Any, akta: Layanan, petugas_akta: User, admin: User
) -> None:
    other = verifikator_untuk(akta, username="vakta2")
    pengajuan = terkirim(pemohon, akta)
    pengajuan_ambil(actor=petugas_akta, pengajuan=pengajuan)
    with pytest.raises(ValidationError):  # not the holder
        pengajuan_lepas(actor=other, pengajuan=pengajuan)
    with pytest.raises(ValidationError):  # verifiers do not take over
        pengajuan_ambil_alih(actor=other, pengajuan=pengajuan)
    pengajuan_ambil_alih(actor=admin, pengajuan=pengajuan)
    assert Pengajuan.objects.get(pk=pengajuan.pk).petugas == admin
    takeover = AuditEvent.objects.get(action="pengajuan.ambil_alih")
    assert takeover.details["sebelumnya"] == petugas_akta.pk
    pengajuan_lepas(actor=admin, pengajuan=pengajuan)
    fresh = Pengajuan.objects.get(pk=pengajuan.pk)
    assert fresh.petugas is None
    assert fresh.status == Status.DIPROSES  # releasing keeps the status
    pengajuan_ambil(actor=other, pengajuan=fresh)
    assert Pengajuan.objects.get(pk=pengajuan.pk).petugas == other


# --- decisions -------------------------------------------------------------------------------
def test_only_the_holder_or_an_admin_decides(
    pemohon: Any, akta: Layanan, petugas_akta: User, admin: User
) -> None:
    other = verifikator_untuk(akta, username="vakta2")
    pengajuan = terkirim(pemohon, akta)
    pengajuan_ambil(actor=petugas_akta, pengajuan=pengajuan)
    with pytest.raises(ValidationError) as caught:
        pengajuan_tindak(actor=other, pengajuan=pengajuan, to=Status.SIAP_DIAMBIL)
    assert caught.value.code == "petugas"
    assert Pengajuan.objects.get(pk=pengajuan.pk).status == Status.DIPROSES
    pengajuan_tindak(actor=admin, pengajuan=pengajuan, to=Status.SIAP_DIAMBIL)
    pengajuan_tindak(actor=petugas_akta, pengajuan=pengajuan, to=Status.SELESAI)
    assert Pengajuan.objects.get(pk=pengajuan.pk).status == Status.SELESAI


def test_rejection_needs_a_reason(pemohon: Any, akta: Layanan, petugas_akta: User) -> None:
    pengajuan = terkirim(pemohon, akta)
    pengajuan_ambil(actor=petugas_akta, pengajuan=pengajuan)
    with pytest.raises(ValidationError) as caught:
        pengajuan_tindak(actor=petugas_akta, pengajuan=pengajuan, to=Status.DITOLAK, catatan=" ")
    assert caught.value.code == "catatan"
    assert Pengajuan.objects.get(pk=pengajuan.pk).status == Status.DIPROSES


def test_milik_saya_and_age_filters(pemohon: Any, akta: Layanan, petugas_akta: User) -> None:
    lama = antre(pemohon, akta, dikirim=hari_lalu(10), jatuh_tempo=dt.date(2026, 12, 9))
    baru = antre(
        pemohon,
        akta,
        dikirim=hari_lalu(1),
        jatuh_tempo=dt.date(2026, 12, 10),
        status=Status.DIPROSES,
        petugas=petugas_akta,
    )
    assert list(pengajuan_antrean(petugas_akta, FilterAntrean(menunggu_hari=7))) == [lama]
    assert list(pengajuan_antrean(petugas_akta, FilterAntrean(milik_saya=True))) == [baru]
    assert list(pengajuan_antrean(petugas_akta, FilterAntrean(status=Status.DIPROSES))) == [baru]
