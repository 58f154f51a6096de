"""Login (ACC-5), its throttling (ACC-13) and the session (SEC-2)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from freezegun import freeze_time

from sintren.accounts.tests.factories import PASSWORD, PemohonFactory, nik_for
from sintren.accounts.tests.helpers import login, normalise
from sintren.core.tests.utils import captcha_post_data

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
SALAH = "NIK atau Kata Kunci salah."


def test_login_page_has_the_manual_fields(client):
    html = client.get(LOGIN).content.decode()
    for text in (">NIK</label>", ">Kata Kunci</label>", "Berapa ", ">Login</button>"):
        assert text in html
    for menu in ("Pendaftaran", "Cek Status Pendaftaran", "Belum memiliki Akun?"):
        assert menu in html


def test_active_applicant_logs_in_with_a_new_session_key(client, pemohon):
    client.get(LOGIN)
    before = client.session.session_key
    response = login(client, pemohon.nik, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session.session_key != before
    assert int(client.session["_auth_user_id"]) == pemohon.user.pk
    assert "_sintren_login_at" in client.session
    home = client.get("/").content.decode()
    assert "Anda berhasil login." in home
    assert f"Selamat datang {pemohon.nama_lengkap}" in home


def test_next_is_followed_only_on_this_site(client, pemohon):
    url = LOGIN + "?next=/informasi/"
    page = client.get(url)
    data = {"nik": pemohon.nik, "password": PASSWORD, "next": "https://evil.example/"}
    response = client.post(url, {**data, **captcha_post_data(page.content)})
    assert response["Location"] == "/"


def test_wrong_password_and_unknown_nik_answer_identically(client, wilayah_pekalongan):
    known = PemohonFactory.create(aktif=True)
    unknown = nik_for(4242)
    first = login(client, unknown, "SalahSekali1")
    second = login(client, known.nik, "SalahSekali1")
    assert first.status_code == second.status_code == 200
    assert SALAH in first.content.decode()
    body_unknown = normalise(first.content.decode()).replace(unknown, "NIK")
    body_known = normalise(second.content.decode()).replace(known.nik, "NIK")
    assert body_unknown == body_known


@pytest.mark.parametrize(
    ("status", "text"),
    [
        ("menunggu", "menunggu verifikasi"),
        ("disetujui", "belum diaktifkan"),
        ("ditolak", "Tidak Disetujui"),
    ],
)
def test_inactive_accounts_see_their_status_after_the_password(
    client, wilayah_pekalongan, status, text
):
    pemohon = PemohonFactory.create(status=status)
    wrong = login(client, pemohon.nik, "SalahSekali1")
    assert SALAH in wrong.content.decode()
    assert text not in wrong.content.decode()
    response = login(client, pemohon.nik, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:status")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert text in page
    if status == "ditolak":
        assert pemohon.alasan_penolakan in page
        assert reverse("accounts:daftar_ulang") in page
    if status == "disetujui":
        assert "Kirim Ulang Link Aktivasi" in page


def test_staff_cannot_log_in_here(client, verifikator):
    response = login(client, "3326071708900001", PASSWORD)
    assert SALAH in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client, pemohon):
    login(client, pemohon.nik, PASSWORD)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_lock_after_five_failures_refuses_the_right_password_until_cool_off(client, pemohon):
    with freeze_time("2025-03-03 09:00:00") as clock:
        for attempt in range(200):
            response = login(client, pemohon.nik, f"Salah{attempt}xx")
            html = response.content.decode()
            if attempt < 4:
                assert SALAH in html
                assert f"Sisa percobaan: {4 - attempt}" in html
            else:
                assert "Terlalu banyak percobaan gagal" in html
        refused = login(client, pemohon.nik, PASSWORD)
        assert "Terlalu banyak percobaan gagal" in refused.content.decode()
        assert "_auth_user_id" not in client.session
        clock.tick(14 * 60)
        still = login(client, pemohon.nik, PASSWORD)
        assert "Terlalu banyak percobaan gagal" in still.content.decode()
        clock.tick(2 * 60)
        accepted = login(client, pemohon.nik, PASSWORD)
        assert accepted.status_code == 302
        assert "_auth_user_id" in client.session


def test_spoofed_forwarded_for_does_not_escape_the_lock(client, pemohon):
    for attempt in range(5):
        login(client, pemohon.nik, "SalahSekali1", HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}")
    response = login(client, pemohon.nik, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.77")
    assert "Terlalu banyak percobaan gagal" in response.content.decode()


def test_address_limit_across_many_niks(client, wilayah_pekalongan):
    # A spoofed X-Forwarded-For from an untrusted peer changes nothing: one address.
    for n in range(20):
        login(client, nik_for(n + 100), "SalahSekali1", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    pemohon = PemohonFactory.create(aktif=True)
    response = login(client, pemohon.nik, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert "Terlalu banyak percobaan gagal" in response.content.decode()


def test_bad_nik_shape_is_explained(client):
    response = login(client, "12ab", PASSWORD)
    assert "NIK harus terdiri dari tepat 16 angka." in response.content.decode()


def test_session_limits_are_configured():
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.PASSWORD_HASHERS[0].endswith("SintrenArgon2Hasher")
