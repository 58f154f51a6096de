"""The verifier's tools on a registration: preset rejection reasons and the mother's name check."""

from __future__ import annotations

import re
from typing import Any, cast
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from sintren.accounts.models import Pemohon, User
from sintren.accounts.tests.factories import NAMA_IBU, PemohonFactory, StaffFactory
from sintren.backoffice.forms import TolakForm, alasan_gabung
from sintren.backoffice.models import AlasanPenolakan
from sintren.backoffice.services import COCOKKAN_IBU_PER_PETUGAS, pendaftaran_cocokkan_ibu
from sintren.core.models import AuditEvent
from sintren.core.ratelimit import Lockout
from sintren.notifications.models import Notifikasi
from sintren.regions.models import Wilayah

SEEDED = [
    "Nama Ibu belum sesuai dengan yang tercatat di KK",
    "Foto/scan KK tidak terbaca",
    "NIK tidak sesuai dengan KK",
    "Alamat tidak sesuai dengan KK",
    "Tanggal lahir tidak sesuai dengan KK",
]
COCOK = "Cocok: Nama Ibu Kandung yang diketik sama dengan yang didaftarkan pemohon."
TIDAK_COCOK = "Tidak cocok: Nama Ibu Kandung yang diketik berbeda"


def _pemohon(**traits: Any) -> Pemohon:
    return cast(Pemohon, PemohonFactory(**traits))


def _detail(pemohon: Pemohon) -> str:
    return reverse("backoffice:pendaftaran_detail", args=[pemohon.pk])


def _tolak(client: Client, pemohon: Pemohon, data: dict[str, Any]) -> Any:
    return client.post(reverse("backoffice:pendaftaran_tolak", args=[pemohon.pk]), data)


def _cocokkan(client: Client, pemohon: Pemohon, nama_ibu: str) -> Any:
    url = reverse("backoffice:pendaftaran_cocokkan", args=[pemohon.pk])
    return client.post(url, {"nama_ibu": nama_ibu})


def _preset(teks: str) -> AlasanPenolakan:
    return AlasanPenolakan.objects.get(teks=teks)


# --- preset rejection reasons ------------------------------------------------------------------
def test_common_reasons_are_seeded_in_order(db: None) -> None:
    aktif = AlasanPenolakan.objects.filter(aktif=True)
    assert list(aktif.values_list("teks", flat=True)) == SEEDED


def test_the_tolak_form_offers_the_active_reasons_and_a_free_text(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    AlasanPenolakan.objects.create(teks="Alasan yang sudah tidak dipakai", aktif=False)
    html = verifikator_client.get(_detail(_pemohon())).content.decode()
    radios = re.findall(r'<input type="radio" name="alasan_pilihan" value="(\d+)"', html)
    assert radios == [str(_preset(teks).pk) for teks in SEEDED]
    for teks in SEEDED:
        assert teks in html
    assert "Alasan yang sudah tidak dipakai" not in html
    assert '<textarea name="alasan"' in html
    assert "Keterangan tambahan atau alasan lain" in html


def test_a_preset_reason_is_what_the_applicant_is_told(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon()
    preset = _preset("Foto/scan KK tidak terbaca")
    response = _tolak(verifikator_client, pemohon, {"alasan_pilihan": preset.pk, "alasan": ""})
    assert response["Location"] == _detail(pemohon)
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.DITOLAK
    assert pemohon.alasan_penolakan == "Foto/scan KK tidak terbaca"
    assert pemohon.riwayat.latest("pk").alasan == "Foto/scan KK tidak terbaca"
    pesan = Notifikasi.objects.get(
        user=pemohon.user, event="pendaftaran_ditolak", channel="whatsapp"
    )
    assert "Foto/scan KK tidak terbaca" in pesan.body


def test_a_preset_reason_with_extra_text(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon()
    preset = _preset("Nama Ibu belum sesuai dengan yang tercatat di KK")
    data = {"alasan_pilihan": preset.pk, "alasan": "  Tulis sesuai   ejaan di KK. "}
    assert _tolak(verifikator_client, pemohon, data).status_code == 302
    pemohon.refresh_from_db()
    assert pemohon.alasan_penolakan == (
        "Nama Ibu belum sesuai dengan yang tercatat di KK. Tulis sesuai ejaan di KK."
    )


def test_a_free_text_alone_still_works(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon()
    response = _tolak(verifikator_client, pemohon, {"alasan": "Data KK belum diperbarui"})
    assert response.status_code == 302
    pemohon.refresh_from_db()
    assert pemohon.alasan_penolakan == "Data KK belum diperbarui"


@pytest.mark.parametrize("data", [{}, {"alasan": "   "}, {"alasan_pilihan": "", "alasan": ""}])
def test_no_reason_at_all_is_refused(
    verifikator_client: Client, wilayah_pekalongan: Wilayah, data: dict[str, str]
) -> None:
    pemohon = _pemohon()
    response = _tolak(verifikator_client, pemohon, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alasan penolakan wajib diisi." in html
    textarea = re.search(r"<textarea[^>]*name=\"alasan\"[^>]*>", html)
    assert textarea is not None
    assert 'aria-invalid="true"' in textarea[0]
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.MENUNGGU
    assert not AuditEvent.objects.filter(action="pendaftaran.tolak").exists()


@pytest.mark.parametrize("pilihan", ["inactive", "999999", "bukan-angka", "-1"])
def test_a_reason_not_on_the_list_is_refused(
    verifikator_client: Client, wilayah_pekalongan: Wilayah, pilihan: str
) -> None:
    if pilihan == "inactive":
        pilihan = str(AlasanPenolakan.objects.create(teks="Pensiun", aktif=False).pk)
    pemohon = _pemohon()
    response = _tolak(verifikator_client, pemohon, {"alasan_pilihan": pilihan, "alasan": "x"})
    assert response.status_code == 200
    assert "Pilih alasan penolakan dari daftar." in response.content.decode()
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.MENUNGGU


def test_the_form_joins_a_preset_and_the_extra_text(db: None) -> None:
    assert alasan_gabung("Foto KK buram", "Unggah ulang.") == "Foto KK buram. Unggah ulang."
    assert alasan_gabung("Foto KK buram.", "Unggah ulang.") == "Foto KK buram. Unggah ulang."
    assert alasan_gabung("Foto KK buram", "") == "Foto KK buram"
    assert alasan_gabung("", " Unggah \n ulang ") == "Unggah ulang"
    form = TolakForm({"alasan": "x" * 1001})
    assert not form.is_valid()
    assert "alasan" in form.errors


def test_admins_edit_the_list_in_the_django_admin(
    admin_client_otp: Client, verifikator: User, wilayah_pekalongan: Wilayah
) -> None:
    changelist = "/admin/backoffice/alasanpenolakan/"
    assert admin_client_otp.get(changelist).status_code == 200
    response = admin_client_otp.post(
        changelist + "add/", {"teks": "Nomor KK tidak terbaca", "aktif": "on", "urutan": "1"}
    )
    assert response.status_code == 302
    baru = AlasanPenolakan.objects.get(teks="Nomor KK tidak terbaca")
    verifikator_client = Client()
    verifikator_client.force_login(verifikator)
    page = verifikator_client.get(_detail(_pemohon())).content.decode()
    first = re.search(r'name="alasan_pilihan" value="(\d+)"', page)
    assert first is not None
    assert first[1] == str(baru.pk)  # urutan 1 comes before the seeded 10, 20, …


def test_a_verifier_cannot_open_the_reasons_admin(verifikator_client: Client) -> None:
    response = verifikator_client.get("/admin/backoffice/alasanpenolakan/")
    assert response.status_code in {302, 403}


# --- Cocokkan Nama Ibu Kandung -----------------------------------------------------------------
def test_the_detail_page_offers_the_check_while_a_decision_waits(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon()
    html = verifikator_client.get(_detail(pemohon)).content.decode()
    assert "Cocokkan Nama Ibu Kandung" in html
    url = reverse("backoffice:pendaftaran_cocokkan", args=[pemohon.pk])
    assert f'<form method="post" action="{url}"' in html
    assert re.search(r'<input type="text" name="nama_ibu"[^>]*autocomplete="off"', html)
    decided = verifikator_client.get(_detail(_pemohon(aktif=True))).content.decode()
    assert "Cocokkan Nama Ibu Kandung" not in decided


@pytest.mark.parametrize("typed", [NAMA_IBU, "  siti   AMINAH ", "SITI AMINAH"])
def test_the_right_name_is_cocok(
    verifikator_client: Client, verifikator: User, wilayah_pekalongan: Wilayah, typed: str
) -> None:
    pemohon = _pemohon()
    response = _cocokkan(verifikator_client, pemohon, typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert COCOK in html
    assert TIDAK_COCOK not in html
    assert pemohon.nama_ibu_hash not in html
    assert "argon2" not in html
    assert f'value="{typed}"' not in html  # the typed name is not written back
    event = AuditEvent.objects.get(action="pendaftaran.cocokkan_ibu")
    assert event.actor == verifikator
    assert event.target_id == str(pemohon.pk)
    assert event.details == {"hasil": "cocok"}


def test_another_name_is_tidak_cocok_and_the_audit_keeps_no_name(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon()
    typed = "Siti Aminah Binti Ahmad"
    html = _cocokkan(verifikator_client, pemohon, typed).content.decode()
    assert TIDAK_COCOK in html
    assert COCOK not in html
    assert pemohon.nama_ibu_hash not in html
    assert typed not in html
    event = AuditEvent.objects.get(action="pendaftaran.cocokkan_ibu")
    assert event.details == {"hasil": "tidak_cocok"}
    stored = f"{event.summary} {event.details} {event.actor_label}".casefold()
    for part in ("siti", "aminah", "ahmad"):
        assert part not in stored


def test_an_empty_name_is_asked_for_and_not_counted(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon()
    html = _cocokkan(verifikator_client, pemohon, "   ").content.decode()
    assert "Ketik Nama Ibu Kandung sesuai KK untuk dicocokkan." in html
    assert not AuditEvent.objects.filter(action="pendaftaran.cocokkan_ibu").exists()


def test_a_decided_registration_is_not_checked(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon(aktif=True)
    with mock.patch("sintren.backoffice.services.nama_ibu_matches") as matches:
        html = _cocokkan(verifikator_client, pemohon, NAMA_IBU).content.decode()
    matches.assert_not_called()
    assert "hanya dicocokkan selama pendaftaran menunggu keputusan" in html
    assert COCOK not in html
    assert not AuditEvent.objects.filter(action="pendaftaran.cocokkan_ibu").exists()


def test_the_21st_check_in_an_hour_is_refused(
    verifikator_client: Client, verifikator: User, wilayah_pekalongan: Wilayah
) -> None:
    assert COCOKKAN_IBU_PER_PETUGAS.max_failures == 20
    pemohon = _pemohon()
    with mock.patch("sintren.backoffice.services.nama_ibu_matches", return_value=False):
        answers = [
            pendaftaran_cocokkan_ibu(pemohon=pemohon, actor=verifikator, nama_ibu="X")
            for _ in range(20)
        ]
        assert answers == [False] * 20
        refused = pendaftaran_cocokkan_ibu(pemohon=pemohon, actor=verifikator, nama_ibu="X")
        assert isinstance(refused, Lockout)
        html = _cocokkan(verifikator_client, pemohon, NAMA_IBU).content.decode()
    assert "Batas pencocokan Nama Ibu Kandung untuk akun Anda sudah tercapai." in html
    assert COCOK not in html
    hasil = AuditEvent.objects.filter(action="pendaftaran.cocokkan_ibu").values_list(
        "details__hasil", flat=True
    )
    assert sorted(set(hasil)) == ["dibatasi", "tidak_cocok"]
    assert list(hasil).count("dibatasi") == 2
    # The limit is per member of staff: a colleague may still check.
    other = cast(User, StaffFactory())
    assert pendaftaran_cocokkan_ibu(pemohon=pemohon, actor=other, nama_ibu=NAMA_IBU) is True


@pytest.mark.django_db(transaction=True)
def test_the_slow_hash_runs_outside_any_transaction(wilayah_pekalongan: Wilayah) -> None:
    pemohon = _pemohon()
    verifier = cast(User, StaffFactory())
    seen: list[bool] = []

    def matches(*args: Any) -> bool:
        seen.append(connection.in_atomic_block)
        return True

    with mock.patch("sintren.backoffice.services.nama_ibu_matches", side_effect=matches):
        assert pendaftaran_cocokkan_ibu(pemohon=pemohon, actor=verifier, nama_ibu="x") is True
    assert seen == [False]


def test_only_staff_may_post_it(client: Client, pemohon: Pemohon) -> None:
    url = reverse("backoffice:pendaftaran_cocokkan", args=[pemohon.pk])
    anonymous = client.post(url, {"nama_ibu": NAMA_IBU})
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("backoffice:login") + "?next=")
    client.force_login(pemohon.user)
    applicant = client.post(url, {"nama_ibu": NAMA_IBU})
    assert applicant.status_code == 302
    assert applicant["Location"] == reverse("backoffice:login")
    assert not AuditEvent.objects.filter(action="pendaftaran.cocokkan_ibu").exists()


def test_it_is_a_post_only_url(verifikator_client: Client, pemohon: Pemohon) -> None:
    url = reverse("backoffice:pendaftaran_cocokkan", args=[pemohon.pk])
    assert verifikator_client.get(url).status_code == 405
