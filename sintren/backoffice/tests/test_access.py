"""Every back-office page needs a staff login; an applicant never sees one."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from sintren.accounts.models import Pemohon, User
from sintren.backoffice.tests.utils import assert_no_nik_in_urls

# The login steps themselves are reachable without a staff session.
PUBLIC = {"login", "login_otp", "otp_daftar", "logout"}
ADMIN_ONLY = {"audit_list", "pesan_kirim_ulang", "laporan_csv"}


def _backoffice_names() -> list[tuple[str, list[str]]]:
    resolver = get_resolver()
    namespace = resolver.namespace_dict["backoffice"][1]
    names = []
    for pattern in namespace.url_patterns:
        assert isinstance(pattern, URLPattern)
        assert pattern.name, f"unnamed back-office pattern {pattern}"
        names.append((pattern.name, list(pattern.pattern.regex.groupindex)))
    return names


NAMES = _backoffice_names()
PROTECTED = [(name, args) for name, args in NAMES if name not in PUBLIC]


def _url(name: str, args: list[str], pk: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs=dict.fromkeys(args, pk))


def test_the_walk_covers_the_back_office() -> None:
    names = {name for name, _ in NAMES}
    assert {"dashboard", "pendaftaran_list", "pendaftaran_detail", "audit_list"} <= names


@pytest.mark.parametrize(("name", "args"), PROTECTED)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_goes_to_the_back_office_login(
    client: Client, pemohon: Pemohon, name: str, args: list[str], method: str
) -> None:
    url = _url(name, args, pemohon.pk)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("backoffice:login") + "?next=")


@pytest.mark.parametrize(("name", "args"), PROTECTED)
@pytest.mark.parametrize("method", ["get", "post"])
def test_applicant_is_refused_on_every_back_office_url(
    client: Client, pemohon: Pemohon, name: str, args: list[str], method: str
) -> None:
    client.force_login(pemohon.user)
    url = _url(name, args, pemohon.pk)
    response = getattr(client, method)(url, {"alasan": "x"} if method == "post" else None)
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:login")
    page = client.get(response["Location"]).content.decode()
    assert "Halaman ini khusus petugas Dinas" in page
    assert pemohon.nik not in page
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.AKTIF


@pytest.mark.parametrize(("name", "args"), [(n, a) for n, a in PROTECTED if n in ADMIN_ONLY])
def test_verifikator_is_refused_on_admin_pages(
    verifikator_client: Client, name: str, args: list[str]
) -> None:
    response = verifikator_client.get(_url(name, args, 1))
    assert response.status_code in {403, 405}
    if response.status_code == 403:
        assert "Halaman ini hanya untuk admin." in response.content.decode()


def test_inactive_staff_is_refused(client: Client, verifikator: User) -> None:
    client.force_login(verifikator)
    User.objects.filter(pk=verifikator.pk).update(is_active=False)
    response = client.get(reverse("backoffice:dashboard"))
    assert response.status_code == 302


def test_pages_render_no_nik_in_any_url(
    admin_client_otp: Client, pemohon: Pemohon, pemohon_lain: Pemohon
) -> None:
    # Search by NIK (it goes in the session, never in the URL), then open every page.
    response = admin_client_otp.post(
        reverse("backoffice:pendaftaran_list"), {"q": pemohon.nik, "status": ""}
    )
    assert pemohon.nik not in response["Location"]
    for url in (
        reverse("backoffice:dashboard"),
        reverse("backoffice:pendaftaran_list"),
        reverse("backoffice:pendaftaran_list") + "?status=aktif",
        reverse("backoffice:pendaftaran_detail", args=[pemohon.pk]),
        reverse("backoffice:audit_list"),
        reverse("backoffice:pesan_list"),
    ):
        response = admin_client_otp.get(url)
        assert response.status_code == 200, url
        assert_no_nik_in_urls(response.content.decode())
