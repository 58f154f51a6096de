"""Home page content that keeps a phone's first screens short (PUB-1).

The layout itself is checked in a real browser (``tests/test_browser_phone.py``); here
the HTML: one greeting, the registration pitch only for anonymous visitors, the service
menu after the content on the pages that have one, the call-centre number and sizes
written for people.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from sintren.accounts.tests.factories import PemohonFactory
from sintren.core.templatetags.format_tags import nomor_hp

pytestmark = pytest.mark.django_db

PITCH = "daftar sebagai pemohon"


def test_anonymous_home_pitches_registration(client: Client, katalog: dict[str, Any]) -> None:
    html = client.get("/").content.decode()
    assert PITCH in html
    assert "Selamat datang" not in html


def test_applicant_home_greets_once_and_does_not_pitch(
    client: Client, katalog: dict[str, Any]
) -> None:
    pemohon = PemohonFactory.create(status="aktif")
    client.force_login(pemohon.user)
    html = client.get("/").content.decode()
    assert html.count(f"Selamat datang {pemohon.nama_lengkap}") == 1
    assert PITCH not in html
    assert "Permohonan akan diproses pada hari dan jam kerja" in html


@pytest.mark.parametrize("path", ["/persyaratan/akta-kelahiran/", "/formulir/"])
def test_service_menu_comes_after_the_content(
    client: Client, katalog: dict[str, Any], path: str
) -> None:
    html = client.get(path).content.decode()
    menu = html.index('id="menu-layanan"')
    assert html.index('class="panel') < menu
    assert 'href="#menu-layanan"' in html.split('id="menu-layanan"')[0]
    assert "menu samping" not in html


def test_sizes_are_in_mb_and_download_is_unduh(client: Client, katalog: dict[str, Any]) -> None:
    html = client.get("/persyaratan/akta-kelahiran/").content.decode()
    assert " MB" in html
    assert " KB" not in html
    formulir = client.get("/formulir/").content.decode()
    assert ">Unduh<" in formulir
    assert "Download" not in formulir


def test_call_centre_number_is_written_for_people(client: Client, db: None) -> None:
    html = client.get("/panduan/solusi-permasalahan/").content.decode()
    shown = nomor_hp(settings.SINTREN["CALL_CENTER_WA"])
    assert shown.startswith("0")
    assert shown.count("-") == 2
    assert f"<strong>{shown}</strong>" in html
