"""ACC-9: change the password; every session of the user ends."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sintren.accounts.tests.factories import PASSWORD
from sintren.accounts.tests.helpers import login
from sintren.core.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/pemohon/ganti-password/"
BARU = "Kuncibaru2025"


def _ganti(client, lama=PASSWORD, baru=BARU, ulang=None):
    data = {"password_lama": lama, "password_baru": baru, "password_ulang": ulang or baru}
    return client.post(URL, data)


def test_page_shows_the_fields_and_the_rules(client, pemohon):
    client.force_login(pemohon.user)
    page = client.get(URL).content.decode()
    for text in ("Kata Kunci Lama", "Kata Kunci Baru", "Ulangi Kata Kunci Baru", "Simpan"):
        assert text in page
    assert "Ketentuan Kata Kunci" in page
    assert "minimal 8 karakter" in page


def test_change_logs_out_every_session(pemohon):
    satu, dua = Client(), Client()
    for client in (satu, dua):
        assert login(client, pemohon.nik, PASSWORD)["Location"] == "/"
        assert client.get(URL).status_code == 200

    response = _ganti(satu)
    assert response["Location"] == reverse("accounts:login")
    page = satu.get(response["Location"]).content.decode()
    assert "Kata kunci berhasil diganti. Silakan login kembali." in page
    for client in (satu, dua):
        assert client.get(URL)["Location"].startswith("/pemohon/login/?next=")
    pemohon.user.refresh_from_db()
    assert pemohon.user.check_password(BARU)
    assert AuditEvent.objects.filter(action="akun.ganti_password").count() == 1

    fresh = Client()
    refused = login(fresh, pemohon.nik, PASSWORD)
    assert refused.status_code == 200
    assert "NIK atau Kata Kunci salah." in refused.content.decode()
    assert login(fresh, pemohon.nik, BARU)["Location"] == "/"


@pytest.mark.parametrize(
    ("lama", "baru", "ulang", "pesan"),
    [
        ("Salah12345", BARU, None, "Kata Kunci Lama salah."),
        (PASSWORD, "pendek1", None, "minimal 8 karakter"),
        (PASSWORD, "12345678901", None, "seluruhnya berupa angka"),
        (PASSWORD, BARU, "Lainnya2025", "tidak sama dengan Kata Kunci Baru"),
        (PASSWORD, PASSWORD, None, "harus berbeda dari yang lama"),
        (PASSWORD, "NIK", None, "memuat NIK"),
        (PASSWORD, "Lahir17081990", None, "tanggal lahir"),
    ],
)
def test_bad_input_is_explained_and_nothing_changes(  # noqa: PLR0917
    client, pemohon, lama, baru, ulang, pesan
):
    client.force_login(pemohon.user)
    baru = f"a{pemohon.nik}" if baru == "NIK" else baru
    response = _ganti(client, lama, baru, ulang)
    assert response.status_code == 200
    assert pesan in response.content.decode()
    pemohon.user.refresh_from_db()
    assert pemohon.user.check_password(PASSWORD)


def test_wrong_old_passwords_are_throttled(client, pemohon):
    client.force_login(pemohon.user)
    for _ in range(5):
        _ganti(client, lama="Salah12345")
    page = _ganti(client).content.decode()
    assert "Terlalu banyak percobaan gagal" in page
    pemohon.user.refresh_from_db()
    assert pemohon.user.check_password(PASSWORD)
