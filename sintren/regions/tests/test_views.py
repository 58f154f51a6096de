"""The ``<option>`` partial behind the cascading selects."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("pekalongan")

OPTION_RE = re.compile(r'<option value="([^"]*)">([^<]*)</option>')


def _options(client: Client, query: str) -> list[tuple[str, str]]:
    response = client.get(f"/wilayah/pilihan/?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return OPTION_RE.findall(response.content.decode())


def test_url_is_named_and_mounted() -> None:
    assert reverse("regions:pilihan") == "/wilayah/pilihan/"


def test_parent_lists_its_children_after_a_placeholder(client: Client) -> None:
    options = _options(client, "parent=33.26")
    assert options[0] == ("", "— Pilih Kecamatan —")
    assert ("33.26.07", "Karanganyar") in options
    assert len(options) == 1 + 19


def test_empty_parent_lists_provinces(client: Client) -> None:
    assert _options(client, "parent=") == [("", "— Pilih Provinsi —"), ("33", "JAWA TENGAH")]


def test_villages_of_a_district(client: Client) -> None:
    options = _options(client, "parent=33.26.07")
    assert options[0] == ("", "— Pilih Desa/Kelurahan —")
    assert ("33.26.07.2008", "Karangsari") in options
    assert len(options) == 1 + 15


def test_chain_as_the_selects_send_it(client: Client) -> None:
    options = _options(client, "chain=provinsi,kabupaten&provinsi=33&kabupaten=33.26&kecamatan=")
    assert ("33.26.07", "Karanganyar") in options


def test_inconsistent_chain_empties_the_select(client: Client) -> None:
    # The province just changed; the regency select still holds the old value.
    options = _options(client, "chain=provinsi,kabupaten&provinsi=34&kabupaten=33.26")
    assert options == [("", "— Pilih Kecamatan —")]
    assert _options(client, "chain=provinsi,kabupaten&provinsi=33&kabupaten=") == [
        ("", "— Pilih Kecamatan —")
    ]


@pytest.mark.parametrize("query", ["parent=33.26.07.2008", "parent=abc", "parent=33.2"])
def test_bad_parent_is_a_400_with_a_message(client: Client, query: str) -> None:
    response = client.get(f"/wilayah/pilihan/?{query}")
    assert response.status_code == 400
    assert "Kode wilayah tidak valid" in response.content.decode()


def test_unknown_parent_gives_only_the_placeholder(client: Client) -> None:
    assert _options(client, "parent=33.99") == [("", "— Pilih Kecamatan —")]


def test_post_is_refused(client: Client) -> None:
    assert client.post("/wilayah/pilihan/", {"parent": "33"}).status_code == 405


def test_needs_no_login_and_is_cacheable(client: Client) -> None:
    response = client.get("/wilayah/pilihan/?parent=33")
    assert response.status_code == 200
    assert "max-age=86400" in response["Cache-Control"]
