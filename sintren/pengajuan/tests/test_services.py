"""The requests' services: create (quota, code, duplicate guard, mode rules), edit, send,
delete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from sintren.accounts.models import AnggotaGrup
from sintren.accounts.tests.factories import PemohonFactory, nik_for
from sintren.catalog.tests.factories import FieldTambahanFactory, PilihanDokumenJadiFactory
from sintren.core.models import AuditEvent
from sintren.notifications.models import Notifikasi
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import KuotaHarian, Pengajuan, RiwayatStatus, UrutanKode
from sintren.pengajuan.services import (
    _pengajuan_insert,
    kode_next,
    pengajuan_create,
    pengajuan_delete,
    pengajuan_send,
    pengajuan_update,
)
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.pengajuan.tests.helpers import data_pengajuan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_kerja")]
Status = StatusPengajuan
HARI = dt.date(2026, 12, 2)


def _create(pemohon, layanan, grup=None, **overrides):
    return pengajuan_create(
        actor=pemohon.user,
        pemohon=pemohon,
        grup=grup,
        layanan=layanan,
        data=data_pengajuan(pemohon, **overrides),
    )


def _terpakai(layanan) -> int:
    row = KuotaHarian.objects.filter(layanan=layanan, tanggal=HARI).first()
    return row.terpakai if row else 0


# --- create ----------------------------------------------------------------------------------
def test_create_makes_a_draft_with_code_history_audit_and_a_quota_slot(pemohon, layanan):
    pengajuan = _create(pemohon, layanan)
    assert pengajuan.kode == "AKL33260001"
    assert pengajuan.status == Status.DRAF
    assert pengajuan.grup is None
    assert pengajuan.subjek_kunci == f"{pemohon.nomor_kk}+bayi ny. sari"
    assert pengajuan.data_tambahan == {"nama_bayi": "Bayi Ny. Sari", "berat_bayi": "3100"}
    assert list(pengajuan.riwayat.values_list("status", "oleh")) == [(Status.DRAF, pemohon.user.pk)]
    event = AuditEvent.objects.get(action="pengajuan.buat")
    assert event.target_id == str(pengajuan.pk)
    assert event.details == {"kode": "AKL33260001", "layanan": "AKL"}
    assert _terpakai(layanan) == 1
    assert not Notifikasi.objects.exists()  # a draft tells nobody anything yet


def test_codes_grow_per_service_and_regency(pemohon, layanan):
    kode = [_create(pemohon, layanan, subjek_nama=f"Anak {n}").kode for n in "ABC"]
    assert kode == ["AKL33260001", "AKL33260002", "AKL33260003"]
    UrutanKode.objects.filter(kunci="AKL3326").update(nilai=9999)
    assert _create(pemohon, layanan, subjek_nama="Anak D").kode == "AKL332610000"
    with override_settings(SINTREN={"REGENCY_CODE": "33.75"}):
        assert kode_next(layanan=layanan) == "AKL33750001"


def test_personal_mode_keeps_to_the_own_family_card(pemohon, layanan):
    with pytest.raises(ValidationError) as caught:
        _create(pemohon, layanan, subjek_nomor_kk="3326070102030999")
    assert caught.value.code == "kk"
    assert not Pengajuan.objects.exists()
    assert _terpakai(layanan) == 0


def test_personal_mode_uses_the_accounts_phone_and_email(pemohon, layanan):
    pengajuan = _create(pemohon, layanan, nomor_hp="+6281399990000", email="lain@contoh.id")
    assert (pengajuan.nomor_hp, pengajuan.email) == (pemohon.nomor_hp, pemohon.email)


def test_nik_required_where_the_service_says_so(pemohon, layanan):
    layanan.subjek_perlu_nik = True
    layanan.save()
    with pytest.raises(ValidationError) as caught:
        _create(pemohon, layanan)
    assert caught.value.code == "nik"


def test_group_mode_submits_for_others_within_the_region(pemohon, layanan, grup, anggota):
    pengajuan = _create(
        pemohon,
        layanan,
        grup=grup,
        subjek_nomor_kk="3326071212120001",
        nomor_hp="+6281399990000",
        email="",
    )
    assert pengajuan.grup == grup
    assert pengajuan.nomor_hp == "+6281399990000"
    with pytest.raises(ValidationError) as caught:
        _create(pemohon, layanan, grup=grup, subjek_nomor_kk="3375011212120001")
    assert caught.value.code == "wilayah"


def test_group_mode_needs_an_active_membership(pemohon, layanan, grup, anggota):
    AnggotaGrup.objects.filter(pk=anggota.pk).update(aktif=False)
    with pytest.raises(ValidationError) as caught:
        _create(pemohon, layanan, grup=grup)
    assert caught.value.code == "grup"


def test_quota_used_up_refuses_with_the_reason(pemohon, layanan):
    layanan.kuota_harian = 2
    layanan.save()
    _create(pemohon, layanan, subjek_nama="Anak A")
    _create(pemohon, layanan, subjek_nama="Anak B")
    with pytest.raises(ValidationError) as caught:
        _create(pemohon, layanan, subjek_nama="Anak C")
    assert caught.value.code == "kuota"
    assert caught.value.messages == ["Kuota pengajuan Akta Kelahiran hari ini sudah habis."]
    assert Pengajuan.objects.count() == 2
    assert _terpakai(layanan) == 2


def test_closed_service_refuses_with_the_reason(pemohon, layanan):
    layanan.aktif = False
    layanan.save()
    with pytest.raises(ValidationError) as caught:
        _create(pemohon, layanan)
    assert caught.value.code == "nonaktif"


def test_duplicate_guard_names_the_open_request(pemohon, layanan):
    first = _create(pemohon, layanan, subjek_nik=nik_for(321))
    with pytest.raises(ValidationError) as caught:
        _create(pemohon, layanan, subjek_nik=nik_for(321), subjek_nama="Nama Lain")
    assert caught.value.code == "duplikat"
    assert caught.value.params == {"kode": first.kode}
    # Without a NIK, the KK and the name (case and spaces aside) are the subject.
    nonik = _create(pemohon, layanan, subjek_nama="Bayi  Ny. Ani")
    with pytest.raises(ValidationError) as caught:
        _create(pemohon, layanan, subjek_nama="bayi ny. ani")
    assert caught.value.params == {"kode": nonik.kode}
    assert _terpakai(layanan) == 2


def test_duplicate_allowed_once_the_first_is_closed(pemohon, layanan, verifikator):
    first = _create(pemohon, layanan, subjek_nik=nik_for(321))
    pengajuan_delete(actor=pemohon.user, pengajuan=first)
    second = _create(pemohon, layanan, subjek_nik=nik_for(321))
    assert second.kode == "AKL33260002"


def test_database_constraint_catches_a_duplicate_and_gives_everything_back(pemohon, layanan):
    """Two creators passing the friendly check at once: the partial unique index decides,
    and the loser's quota slot and code number are rolled back with its transaction."""
    first = _create(pemohon, layanan, subjek_nik=nik_for(321))
    clean = data_pengajuan(pemohon, subjek_nik=nik_for(321))
    with pytest.raises(ValidationError) as caught:
        _pengajuan_insert(
            actor=pemohon.user,
            pemohon=pemohon,
            grup=None,
            layanan=layanan,
            clean=clean,
            kunci=nik_for(321),
        )
    assert caught.value.code == "duplikat"
    assert caught.value.params == {"kode": first.kode}
    assert _terpakai(layanan) == 1
    assert UrutanKode.objects.get(kunci="AKL3326").nilai == 1


# --- edit ------------------------------------------------------------------------------------
def test_update_changes_a_draft_and_records_what_changed(pemohon, layanan):
    pengajuan = _create(pemohon, layanan)
    data = data_pengajuan(pemohon, detail="Detail baru", subjek_nik=nik_for(555))
    pengajuan_update(actor=pemohon.user, pengajuan=pengajuan, data=data)
    pengajuan.refresh_from_db()
    assert pengajuan.detail == "Detail baru"
    assert pengajuan.subjek_kunci == nik_for(555)
    event = AuditEvent.objects.get(action="pengajuan.ubah")
    assert event.details == {"kode": pengajuan.kode, "diubah": ["detail", "subjek_nik"]}
    assert pengajuan.riwayat.count() == 1  # an edit is no status change


@pytest.mark.parametrize("status", ["dikirim", "diproses", "perbaikan", "selesai"])
def test_update_refused_once_sent(pemohon, layanan, status):
    pengajuan = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, status=status)
    with pytest.raises(ValidationError) as caught:
        pengajuan_update(actor=pemohon.user, pengajuan=pengajuan, data=data_pengajuan(pemohon))
    assert caught.value.code == "status"


def test_update_cannot_make_a_duplicate(pemohon, layanan):
    first = _create(pemohon, layanan, subjek_nik=nik_for(321))
    second = _create(pemohon, layanan, subjek_nik=nik_for(322))
    with pytest.raises(ValidationError) as caught:
        pengajuan_update(
            actor=pemohon.user,
            pengajuan=second,
            data=data_pengajuan(pemohon, subjek_nik=nik_for(321)),
        )
    assert caught.value.params == {"kode": first.kode}
    second.refresh_from_db()
    assert second.subjek_nik == nik_for(322)


# --- delete ----------------------------------------------------------------------------------
def test_delete_is_a_soft_delete_of_a_draft(pemohon, layanan):
    pengajuan = _create(pemohon, layanan)
    pengajuan_delete(actor=pemohon.user, pengajuan=pengajuan)
    pengajuan.refresh_from_db()
    assert pengajuan.status == Status.DIHAPUS
    assert pengajuan.dihapus_pada is not None
    assert AuditEvent.objects.filter(action="pengajuan.dihapus").count() == 1
    sent = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, dikirim=True)
    with pytest.raises(ValidationError):
        pengajuan_delete(actor=pemohon.user, pengajuan=sent)


# --- send ------------------------------------------------------------------------------------
def test_send_lists_everything_missing_and_changes_nothing(pemohon, layanan):
    pengajuan = _create(pemohon, layanan)
    FieldTambahanFactory.create(layanan=layanan, nama="anak_ke", label="Anak ke-", wajib=True)
    with pytest.raises(ValidationError) as caught:
        pengajuan_send(
            actor=pemohon.user, pengajuan=pengajuan, pilihan_dokumen=None, persetujuan=False
        )
    assert caught.value.messages == [
        "Data Tambahan belum diisi: Anak ke-.",
        "Persetujuan Pengajuan Pelayanan belum dicentang.",
    ]
    pengajuan.refresh_from_db()
    assert pengajuan.status == Status.DRAF
    assert not pengajuan.persetujuan


def test_send_records_choice_consent_and_tells_the_applicant(pemohon, layanan):
    pengajuan = _create(pemohon, layanan)
    pilihan = PilihanDokumenJadiFactory.create(layanan=layanan, nama="Dikirim ke email")
    pengajuan_send(
        actor=pemohon.user, pengajuan=pengajuan, pilihan_dokumen=pilihan, persetujuan=True
    )
    pengajuan.refresh_from_db()
    assert pengajuan.status == Status.DIKIRIM
    assert pengajuan.pilihan_dokumen == pilihan
    assert pengajuan.persetujuan
    assert pengajuan.dikirim_pada is not None
    assert list(pengajuan.riwayat.values_list("status", flat=True)) == [Status.DRAF, Status.DIKIRIM]
    pesan = Notifikasi.objects.get(event="pengajuan_dikirim", channel="whatsapp")
    assert pesan.recipient == pemohon.nomor_hp
    assert pengajuan.kode in pesan.body
    assert "Akta Kelahiran" in pesan.body


def test_send_refuses_another_services_output_option(pemohon, layanan):
    pengajuan = _create(pemohon, layanan)
    asing = PilihanDokumenJadiFactory.create()
    with pytest.raises(ValidationError) as caught:
        pengajuan_send(
            actor=pemohon.user, pengajuan=pengajuan, pilihan_dokumen=asing, persetujuan=True
        )
    assert caught.value.code == "pilihan"


def test_send_after_correction_is_kirim_ulang_not_kirim_pengajuan(pemohon, layanan):
    """A corrected request goes back through pengajuan_kirim_ulang (X-2, its checks in
    test_perbaikan.py), never through the first sending's form."""
    pengajuan = PengajuanFactory.create(
        pemohon=pemohon, layanan=layanan, perbaikan=True, data_tambahan={"nama_bayi": "X"}
    )
    with pytest.raises(ValidationError) as caught:
        pengajuan_send(
            actor=pemohon.user, pengajuan=pengajuan, pilihan_dokumen=None, persetujuan=True
        )
    assert caught.value.code == "status"
    assert "Kirim Ulang" in caught.value.messages[0]
    pengajuan.refresh_from_db()
    assert pengajuan.status == Status.PERBAIKAN


def test_sent_request_cannot_be_sent_again(pemohon, layanan):
    pengajuan = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, dikirim=True)
    with pytest.raises(ValidationError) as caught:
        pengajuan_send(
            actor=pemohon.user, pengajuan=pengajuan, pilihan_dokumen=None, persetujuan=True
        )
    assert caught.value.code == "status"
    assert RiwayatStatus.objects.filter(pengajuan=pengajuan).count() == 1


def test_group_notification_greets_the_contact(pemohon, layanan, grup, anggota):
    pengajuan = _create(
        pemohon, layanan, grup=grup, subjek_nomor_kk="3326071212120001", nomor_hp="+6281399990000"
    )
    pengajuan_send(actor=pemohon.user, pengajuan=pengajuan, pilihan_dokumen=None, persetujuan=True)
    pesan = Notifikasi.objects.get(event="pengajuan_dikirim", channel="whatsapp")
    assert pesan.recipient == "+6281399990000"
    assert "Yth. Bayi Ny. Sari" in pesan.body


def test_another_applicant_in_the_same_family_gets_its_own_requests(layanan, wilayah_pekalongan):
    ayah = PemohonFactory.create(aktif=True)
    ibu = PemohonFactory.create(aktif=True, nomor_kk=ayah.nomor_kk)
    a = _create(ayah, layanan, subjek_nama="Anak A")
    b = _create(ibu, layanan, subjek_nama="Anak B")
    assert (a.pemohon, b.pemohon) == (ayah, ibu)
