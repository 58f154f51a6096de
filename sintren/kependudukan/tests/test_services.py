"""``cek_kependudukan``: staff only, rate-limited per staff member, audited, nothing personal
in the log."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from sintren.accounts.tests.factories import NAMA_IBU, StaffFactory
from sintren.core.choices import AuditAction
from sintren.core.models import AuditEvent
from sintren.core.ratelimit import Limit
from sintren.kependudukan import services
from sintren.kependudukan.choices import FieldCek, HasilField
from sintren.kependudukan.models import PendudukDemo
from sintren.kependudukan.register import KependudukanError, RegisterTidakTersediaError
from sintren.kependudukan.services import cek_kependudukan
from sintren.kependudukan.tests.stub import TOKEN, stub_register
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = pytest.mark.django_db


def _register(pemohon: Any, **changes: Any) -> PendudukDemo:
    values = {
        "nik": pemohon.nik,
        "nama_lengkap": pemohon.nama_lengkap,
        "nomor_kk": pemohon.nomor_kk,
        "tanggal_lahir": pemohon.tanggal_lahir,
        "nama_ibu_kandung": NAMA_IBU,
        **changes,
    }
    return PendudukDemo.objects.create(**values)


def _events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.KEPENDUDUKAN_CEK).order_by("pk"))


def test_a_registration_check_answers_and_is_audited_without_personal_data(
    pemohon: Any, verifikator: Any
) -> None:
    _register(pemohon, nomor_kk="3326079999999999")
    hasil = cek_kependudukan(actor=verifikator, pemohon=pemohon)
    assert hasil.hasil(FieldCek.NAMA_IBU_KANDUNG) == HasilField.COCOK
    assert hasil.hasil(FieldCek.NOMOR_KK) == HasilField.TIDAK_COCOK
    [event] = _events()
    assert event.actor == verifikator
    assert (event.target_type, event.target_id) == ("accounts.pemohon", str(pemohon.pk))
    assert event.details["hasil"]["nomor_kk"] == "tidak_cocok"
    assert event.details["ditemukan"] is True
    stored = f"{event.summary} {event.details}"
    for value in (pemohon.nik, pemohon.nomor_kk, pemohon.nama_lengkap, NAMA_IBU):
        assert value not in stored


def test_only_staff_may_check(pemohon: Any) -> None:
    with pytest.raises(PermissionDenied):
        cek_kependudukan(actor=pemohon.user, pemohon=pemohon)
    assert not _events()


def test_a_request_check_uses_the_subject_and_skips_what_the_portal_lacks(
    wilayah_pekalongan: Any, verifikator: Any
) -> None:
    pengajuan = PengajuanFactory.create(dikirim=True)
    PendudukDemo.objects.create(
        nik=pengajuan.subjek_nik, nama_lengkap=pengajuan.subjek_nama.upper(),
        nomor_kk=pengajuan.subjek_nomor_kk, tanggal_lahir="2015-03-12", nama_ibu_kandung="X",
    )  # fmt: skip
    hasil = cek_kependudukan(actor=verifikator, pengajuan=pengajuan)
    assert hasil.hasil(FieldCek.NAMA_LENGKAP) == HasilField.COCOK
    assert hasil.hasil(FieldCek.TANGGAL_LAHIR) == HasilField.TIDAK_DIPERIKSA
    assert hasil.hasil(FieldCek.NAMA_IBU_KANDUNG) == HasilField.TIDAK_DIPERIKSA
    [event] = _events()
    assert event.details["kode"] == pengajuan.kode
    assert (event.target_type, event.target_id) == ("pengajuan.pengajuan", str(pengajuan.pk))


def test_a_request_about_the_applicant_checks_all_five_fields(
    pemohon: Any, verifikator: Any
) -> None:
    pengajuan = PengajuanFactory.create(
        dikirim=True, pemohon=pemohon, subjek_nik=pemohon.nik, subjek_nama=pemohon.nama_lengkap
    )
    _register(pemohon)
    assert cek_kependudukan(actor=verifikator, pengajuan=pengajuan).semua_cocok


def test_a_subject_without_nik_cannot_be_checked(wilayah_pekalongan: Any, verifikator: Any) -> None:
    pengajuan = PengajuanFactory.create(dikirim=True, subjek_nik="")
    with pytest.raises(KependudukanError) as caught:
        cek_kependudukan(actor=verifikator, pengajuan=pengajuan)
    assert "belum memiliki NIK" in caught.value.message


def test_the_limit_is_per_staff_member_and_audited(
    pemohon: Any, verifikator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        services,
        "CEK_PER_PETUGAS",
        Limit("petugas", max_failures=2, window_seconds=3600, lock_seconds=None),
    )
    for _ in range(2):
        cek_kependudukan(actor=verifikator, pemohon=pemohon)
    with pytest.raises(KependudukanError) as caught:
        cek_kependudukan(actor=verifikator, pemohon=pemohon)
    assert "Batas cek data kependudukan" in caught.value.message
    assert [event.details["hasil"] for event in _events()][-1] == "dibatasi"
    # Another verifier still has their own allowance.
    cek_kependudukan(actor=StaffFactory.create(), pemohon=pemohon)
    assert len(_events()) == 4


def test_register_down_is_a_clear_error_audited_and_logged_without_personal_data(
    pemohon: Any, verifikator: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with stub_register({}) as stub:
        stub.mode = "galat"
        url = stub.url
        with (
            override_settings(
                POPULATION_REGISTER="http",
                POPULATION_REGISTER_URL=url,
                POPULATION_REGISTER_TOKEN=TOKEN,
                POPULATION_REGISTER_TIMEOUT=2,
            ),
            pytest.raises(RegisterTidakTersediaError) as caught,
        ):
            cek_kependudukan(actor=verifikator, pemohon=pemohon)
    assert "tidak dapat dihubungi" in caught.value.message
    assert _events()[-1].details["hasil"] == "tidak_terhubung"
    assert "HTTP 500" in caplog.text  # the capture works
    for value in (pemohon.nik, pemohon.nomor_kk, pemohon.nama_lengkap, NAMA_IBU):
        assert value not in caplog.text


def test_the_http_register_through_the_service(
    pemohon: Any, verifikator: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    record = {
        "nama": pemohon.nama_lengkap.lower(),
        "kk": pemohon.nomor_kk,
        "lahir": pemohon.tanggal_lahir.isoformat(),
        "ibu": NAMA_IBU.upper(),
    }
    with (
        stub_register({pemohon.nik: record}) as stub,
        override_settings(
            POPULATION_REGISTER="http",
            POPULATION_REGISTER_URL=stub.url,
            POPULATION_REGISTER_TOKEN=TOKEN,
        ),
    ):
        hasil = cek_kependudukan(actor=verifikator, pemohon=pemohon)
    assert hasil.semua_cocok
    for value in (pemohon.nik, pemohon.nomor_kk, pemohon.nama_lengkap, NAMA_IBU):
        assert value not in caplog.text
