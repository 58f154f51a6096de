"""ACC-10: forgotten password → the same notice always → link → Nomor KK + new password."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from sintren.accounts.models import Pemohon
from sintren.accounts.tests.factories import PASSWORD, PemohonFactory
from sintren.accounts.tests.helpers import delivered_text, login, post_with_captcha
from sintren.accounts.tokens import reset_link_token
from sintren.notifications.models import Notifikasi

pytestmark = pytest.mark.django_db
URL = "/pemohon/lupa-password/"
NOTICE = (
    "Jika data yang Anda masukkan sesuai, link reset password telah dikirim ke nomor WhatsApp Anda."
)
BARU = "Kuncibaru2025"


def _lupa(client, pemohon, **overrides):
    data = {
        "nik": pemohon.nik,
        "nama_lengkap": pemohon.nama_lengkap,
        "nomor_hp": "0" + pemohon.nomor_hp[3:],  # as typed: 0812…
        **overrides,
    }
    return post_with_captcha(client, URL, data)


def _link() -> str:
    pesan = Notifikasi.objects.filter(event="reset_password").latest("pk")
    assert "/pemohon/reset/" not in pesan.body  # the stored body holds no live link
    match = re.search(r"https?://\S+/pemohon/reset/\S+/", delivered_text(pesan))
    assert match, pesan.body
    return match[0].split("testserver", 1)[1]


def _reset(client, path, pemohon, kk=None, baru=BARU):
    data = {"nomor_kk": kk or pemohon.nomor_kk, "password_baru": baru, "password_ulang": baru}
    return client.post(path, data)


def test_form_has_the_manual_fields(client):
    page = client.get(URL).content.decode()
    for label in ("NIK", "Nama Lengkap", "Nomor HP", "Berapa", "Proses"):
        assert label in page


@pytest.mark.parametrize("wrong", ["nik", "nama_lengkap", "nomor_hp", "inactive", "none"])
def test_same_answer_whether_or_not_the_data_matched(client, pemohon, wrong):
    other = PemohonFactory.create(aktif=True)
    matched = _lupa(Client(), pemohon)
    overrides: dict[str, str]
    assert Notifikasi.objects.filter(event="reset_password").count() == 1
    if wrong == "inactive":
        Pemohon.objects.filter(pk=other.pk).update(status=Pemohon.Status.DISETUJUI)
        overrides = {"nik": other.nik, "nama_lengkap": other.nama_lengkap}
        overrides["nomor_hp"] = other.nomor_hp
    elif wrong == "none":
        overrides = {"nik": "3326071708900999"}
    else:
        overrides = {wrong: getattr(other, wrong)}
    unmatched = _lupa(client, pemohon, **overrides)
    assert matched.status_code == unmatched.status_code == 200
    assert NOTICE in matched.content.decode()
    assert matched.content == unmatched.content
    assert Notifikasi.objects.filter(event="reset_password").count() == 1


def test_name_is_compared_without_case_and_spaces(client, pemohon):
    _lupa(client, pemohon, nama_lengkap="  " + pemohon.nama_lengkap.upper().replace(" ", "   "))
    assert Notifikasi.objects.filter(event="reset_password", recipient=pemohon.nomor_hp).exists()


def test_link_resets_the_password_once(client, pemohon):
    _lupa(client, pemohon)
    path = _link()
    assert pemohon.nik not in path
    page = client.get(path).content.decode()
    for label in ("Nomor KK", "Kata Kunci Baru", "Ulangi Kata Kunci Baru", "Ganti Password"):
        assert label in page
    response = _reset(client, path, pemohon)
    assert response["Location"] == reverse("accounts:login")
    assert "Kata kunci berhasil diganti" in client.get(response["Location"]).content.decode()
    assert login(Client(), pemohon.nik, BARU)["Location"] == "/"

    again = client.get(path)
    assert again.status_code == 400
    assert "sudah dipakai" in again.content.decode()
    assert _reset(client, path, pemohon, baru="Lainlagi2025").status_code == 400
    pemohon.user.refresh_from_db()
    assert pemohon.user.check_password(BARU)


def test_wrong_kk_is_refused_and_five_lock(client, pemohon):
    path = "/pemohon/reset/" + reset_link_token(pemohon.user) + "/"
    wrong_kk = "3326070000000001"
    page = _reset(client, path, pemohon, kk=wrong_kk).content.decode()
    assert "Nomor KK tidak sesuai" in page
    for _ in range(4):
        _reset(client, path, pemohon, kk=wrong_kk)
    page = _reset(client, path, pemohon).content.decode()
    assert "Terlalu banyak percobaan gagal" in page
    pemohon.user.refresh_from_db()
    assert pemohon.user.check_password(PASSWORD)


def test_link_expires_after_24_hours(client, pemohon):
    with freeze_time() as frozen:
        path = "/pemohon/reset/" + reset_link_token(pemohon.user) + "/"
        frozen.tick(timedelta(hours=23, minutes=59))
        assert client.get(path).status_code == 200
        frozen.tick(timedelta(minutes=2))
        response = client.get(path)
    assert response.status_code == 400
    assert "sudah kedaluwarsa" in response.content.decode()


def test_link_is_void_after_any_password_change(client, pemohon):
    path = "/pemohon/reset/" + reset_link_token(pemohon.user) + "/"
    pemohon.user.set_password("Lainnya12345")
    pemohon.user.save()
    assert client.get(path).status_code == 400


@pytest.mark.parametrize("kind", ["tampered", "foreign", "garbage", "staff", "no_uid"])
def test_bad_links_get_a_clear_page(client, pemohon, pemohon_lain, verifikator, kind):
    token = reset_link_token(pemohon.user)
    rest = token.split(".", 1)[1]
    value = {
        "tampered": token[:-1] + ("0" if token[-1] != "0" else "1"),
        "foreign": reset_link_token(pemohon_lain.user).split(".")[0] + "." + rest,
        "garbage": "%%%.zz-zz",
        "staff": reset_link_token(verifikator),
        "no_uid": rest,
    }[kind]
    response = client.get(f"/pemohon/reset/{value}/")
    assert response.status_code == 400
    assert "Link reset password tidak berlaku" in response.content.decode()
    assert _reset(client, f"/pemohon/reset/{value}/", pemohon).status_code == 400


def test_forgot_form_is_throttled_per_nik(client, pemohon):
    for _ in range(5):
        _lupa(client, pemohon, nama_lengkap="Orang Lain")
    page = _lupa(client, pemohon).content.decode()
    assert "Terlalu banyak percobaan gagal" in page
    assert not Notifikasi.objects.filter(event="reset_password").exists()


def test_bad_input_is_explained(client):
    page = post_with_captcha(client, URL, {"nik": "12", "nama_lengkap": "", "nomor_hp": "x"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "16 angka" in text
    assert "Nama Lengkap wajib diisi" in text
    assert "nomor seluler Indonesia" in text
