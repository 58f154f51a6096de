"""Staff login: password, the admin's second factor, enrolment, throttling, /admin/."""

from __future__ import annotations

import pyotp
import pytest
from django.test import Client
from django.urls import reverse

from sintren.accounts.models import Pemohon, User
from sintren.accounts.tests.factories import PASSWORD
from sintren.backoffice.auth import OTP_KEY
from sintren.backoffice.models import PerangkatTotp
from sintren.backoffice.tests.utils import ADMIN_SECRET, wrong_code
from sintren.core.models import AuditEvent

LOGIN = reverse("backoffice:login")
OTP = reverse("backoffice:login_otp")
DAFTAR = reverse("backoffice:otp_daftar")
DASHBOARD = reverse("backoffice:dashboard")


def _password_step(client: Client, username: str, password: str = PASSWORD, **extra):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def _admin_destination(client: Client, name: str = "admin:index") -> str:
    """Where a GET of the admin page ends up (following the admin's own login redirect)."""
    response = client.get(reverse(name))
    assert response.status_code == 302
    location = response["Location"]
    if location.startswith(reverse("admin:login")):
        response = client.get(location)
        assert response.status_code == 302
        location = response["Location"]
    return str(location)


def _is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_login_page_has_the_indonesian_fields(client: Client, db: None) -> None:
    html = client.get(LOGIN).content.decode()
    assert "Nama Pengguna" in html
    assert "Kata Sandi" in html


def test_verifikator_logs_in_without_second_factor(client: Client, verifikator: User) -> None:
    response = _password_step(client, verifikator.username)
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert _is_logged_in(client)
    assert client.get(DASHBOARD).status_code == 200
    assert AuditEvent.objects.filter(actor=verifikator, action="petugas.login").exists()
    assert "_sintren_login_at" in client.session  # session_start was called


def test_login_follows_a_safe_next_only(client: Client, verifikator: User) -> None:
    target = reverse("backoffice:pendaftaran_list")
    response = _password_step(client, verifikator.username, next=target)
    assert response["Location"] == target
    client.logout()
    response = _password_step(client, verifikator.username, next="https://contoh.id/x")
    assert response["Location"] == DASHBOARD


def test_wrong_password_is_refused_with_a_message(client: Client, verifikator: User) -> None:
    response = _password_step(client, verifikator.username, "salah-sekali")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()
    assert not _is_logged_in(client)


def test_applicant_cannot_log_in_to_the_back_office(client: Client, pemohon: Pemohon) -> None:
    response = _password_step(client, pemohon.user.username)
    assert response.status_code == 200
    assert not _is_logged_in(client)


def test_staff_login_is_throttled_per_username(client: Client, verifikator: User) -> None:
    for _ in range(5):
        _password_step(client, verifikator.username, "salah-sekali")
    response = _password_step(client, verifikator.username)  # the right password now
    assert "Terlalu banyak percobaan gagal" in response.content.decode()
    assert not _is_logged_in(client)


def test_admin_is_not_logged_in_after_the_password(
    client: Client, admin: User, perangkat_admin: PerangkatTotp
) -> None:
    response = _password_step(client, admin.username)
    assert response["Location"] == OTP
    assert not _is_logged_in(client)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert _admin_destination(client).startswith(LOGIN)


def test_admin_logs_in_with_a_code_and_cannot_replay_it(
    client: Client, admin: User, perangkat_admin: PerangkatTotp
) -> None:
    _password_step(client, admin.username)
    page = client.get(OTP).content.decode()
    assert "Kode Autentikator" in page
    code = pyotp.TOTP(ADMIN_SECRET).now()
    response = client.post(OTP, {"kode": code})
    assert response["Location"] == DASHBOARD
    assert client.session[OTP_KEY] == admin.pk
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200
    # The same code in a second session is refused (replay within the same step).
    other = Client()
    _password_step(other, admin.username)
    response = other.post(OTP, {"kode": code})
    assert response.status_code == 200
    assert "salah atau sudah dipakai" in response.content.decode()
    assert not _is_logged_in(other)


def test_wrong_codes_are_throttled(
    client: Client, admin: User, perangkat_admin: PerangkatTotp
) -> None:
    _password_step(client, admin.username)
    for _ in range(5):
        client.post(OTP, {"kode": wrong_code(ADMIN_SECRET)})
    response = client.post(OTP, {"kode": pyotp.TOTP(ADMIN_SECRET).now()})
    assert "Terlalu banyak percobaan gagal" in response.content.decode()
    assert not _is_logged_in(client)
    assert AuditEvent.objects.filter(action="petugas.otp_gagal").count() == 5


def test_malformed_code_gets_an_indonesian_error(
    client: Client, admin: User, perangkat_admin: PerangkatTotp
) -> None:
    _password_step(client, admin.username)
    response = client.post(OTP, {"kode": "12ab"})
    assert "Kode autentikator terdiri dari 6 angka." in response.content.decode()


def test_otp_step_without_password_step_goes_to_login(client: Client, db: None) -> None:
    response = client.get(OTP)
    assert response["Location"] == LOGIN
    assert client.get(DAFTAR)["Location"] == LOGIN


def test_admin_without_device_enrols_then_is_logged_in(client: Client, admin: User) -> None:
    response = _password_step(client, admin.username)
    assert response["Location"] == DAFTAR
    page = client.get(DAFTAR).content.decode()
    perangkat = PerangkatTotp.objects.get(user=admin)
    assert not perangkat.confirmed
    assert "<svg " in page
    grouped = " ".join(perangkat.secret[i : i + 4] for i in range(0, len(perangkat.secret), 4))
    assert grouped in page
    assert client.get(OTP)["Location"] == DAFTAR  # no confirmed device yet
    response = client.post(DAFTAR, {"kode": wrong_code(perangkat.secret)})
    assert response.status_code == 200
    assert not _is_logged_in(client)
    response = client.post(DAFTAR, {"kode": pyotp.TOTP(perangkat.secret).now()})
    assert response["Location"] == DASHBOARD
    perangkat.refresh_from_db()
    assert perangkat.confirmed
    assert client.session[OTP_KEY] == admin.pk
    assert AuditEvent.objects.filter(action="petugas.totp_daftar", actor=admin).exists()


def test_enrolment_is_closed_once_a_device_is_confirmed(
    client: Client, admin: User, perangkat_admin: PerangkatTotp
) -> None:
    _password_step(client, admin.username)
    assert client.get(DAFTAR)["Location"] == OTP


def test_admin_session_without_second_factor_is_refused_everywhere(
    client: Client, admin: User, perangkat_admin: PerangkatTotp
) -> None:
    client.force_login(admin)  # e.g. a session made without the back-office login
    response = client.get(DASHBOARD)
    assert response["Location"] == OTP
    assert _admin_destination(client).startswith(LOGIN)
    assert client.get(LOGIN)["Location"] == OTP  # the login page sends it to the code step
    code = pyotp.TOTP(ADMIN_SECRET).now()
    response = client.post(OTP, {"kode": code})
    assert response["Location"] == DASHBOARD
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize(
    "name", ["admin:index", "admin:login", "admin:backoffice_perangkattotp_changelist"]
)
def test_django_admin_sends_anonymous_visitors_to_the_back_office_login(
    client: Client, db: None, name: str
) -> None:
    assert _admin_destination(client, name).startswith(LOGIN)


def test_django_admin_has_no_password_only_login(client: Client, admin: User) -> None:
    response = client.post(
        reverse("admin:login"), {"username": admin.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not _is_logged_in(client)


def test_verifikator_cannot_open_django_admin(verifikator_client: Client) -> None:
    response = verifikator_client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    assert "Halaman ini hanya untuk admin." in response.content.decode()


def test_logout_is_post_only_and_ends_the_session(verifikator_client: Client) -> None:
    assert verifikator_client.get(reverse("backoffice:logout")).status_code == 405
    response = verifikator_client.post(reverse("backoffice:logout"))
    assert response["Location"] == LOGIN
    assert not _is_logged_in(verifikator_client)
