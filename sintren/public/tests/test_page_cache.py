"""Kept public pages (AnonymousPageMiddleware): no queries, conditional GET, edits show.

The fixtures of ``conftest.py`` give every test its own in-memory cache and an empty
per-process memo.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import SUCCESS
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from sintren.catalog.models import KategoriLayanan
from sintren.core.konten import konten_versi_naik
from sintren.informasi.models import Informasi
from sintren.public import middleware
from sintren.public.middleware import page_memo_clear

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip"}


@pytest.fixture
def pages(katalog: dict[str, Any], informasi: dict[str, Any], wilayah_pekalongan: Any) -> list[str]:
    """Every kind of public page, as an anonymous visitor opens them."""
    return [
        "/",
        "/persyaratan/",
        "/persyaratan/akta-kelahiran/",
        "/formulir/",
        "/formulir/cetak-ulang-ktp-el/",
        "/formulir/?layanan=akta-kelahiran",
        "/informasi/",
        f"/informasi/{informasi['umum'].pk}/",
        "/panduan/",
        "/panduan/pemohon/",
        "/robots.txt",
        "/wilayah/pilihan/?parent=33.26.07",
        "/wilayah/pilihan/?chain=provinsi,kabupaten&provinsi=33&kabupaten=33.26",
    ]


def _messages_cookie(text: str) -> str:
    storage = CookieStorage(HttpRequest())
    storage.add(SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    return str(response.cookies["messages"].value)


# --- no queries, same bytes -------------------------------------------------------------------
def test_every_kept_public_page_costs_no_query(pages: list[str]) -> None:
    client = Client()
    for path in pages:
        for headers in ({}, GZIP):
            first = client.get(path, headers=headers)
            assert first.status_code == 200, path
            assert "ETag" in first, path
            with CaptureQueriesContext(connection) as queries:
                again = client.get(path, headers=headers)
            assert queries.captured_queries == [], path
            assert not hasattr(again.wsgi_request, "user"), path  # before sessions, auth
            assert again.content == first.content, path
            assert dict(again.items()) == dict(first.items()), path


def test_another_process_takes_the_page_from_the_shared_cache(katalog: Any) -> None:
    konten_versi_naik()  # a committed edit: the version is in the shared cache
    first = Client().get("/persyaratan/")
    page_memo_clear()  # as if another process: only the shared cache has it
    with CaptureQueriesContext(connection) as queries:
        again = Client().get("/persyaratan/")
    assert queries.captured_queries == []  # the in-memory test cache: no database
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_head_is_answered_from_the_kept_page(katalog: Any) -> None:
    client = Client()
    etag = client.get("/persyaratan/")["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.head("/persyaratan/")
    assert queries.captured_queries == []
    assert response.status_code == 200
    assert response["ETag"] == etag


def test_missing_pages_are_never_kept(katalog: Any) -> None:
    client = Client()
    assert client.get("/persyaratan/tidak-ada/").status_code == 404
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/persyaratan/tidak-ada/")
    assert response.status_code == 404
    assert queries.captured_queries != []
    assert "ETag" not in response


def test_the_memo_is_bounded(
    katalog: Any, wilayah_pekalongan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(middleware, "MAX_ENTRIES", 3)
    client = Client()
    for n in range(6):
        assert client.get(f"/wilayah/pilihan/?parent=33.26&n={n}").status_code == 200
    assert len(middleware._memo) <= 3


# --- caching headers, conditional GET ------------------------------------------------------------
def test_kept_pages_carry_etag_last_modified_and_a_short_public_max_age(katalog: Any) -> None:
    response = Client().get("/persyaratan/")
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"].startswith('"')
    assert len(response["ETag"]) == 34
    assert response["Last-Modified"].endswith(" GMT")
    assert "no-store" not in response["Cache-Control"]


def test_etag_differs_by_path_query_and_compression(katalog: Any) -> None:
    client = Client()
    etags = {
        client.get("/formulir/")["ETag"],
        client.get("/formulir/?layanan=akta-kelahiran")["ETag"],
        client.get("/formulir/", headers=GZIP)["ETag"],
        client.get("/persyaratan/")["ETag"],
    }
    assert len(etags) == 4


def test_if_none_match_with_the_etag_gets_304(katalog: Any) -> None:
    client = Client()
    first = client.get("/persyaratan/akta-kelahiran/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/persyaratan/akta-kelahiran/", headers={"if-none-match": first["ETag"]}
        )
    assert queries.captured_queries == []
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == first["ETag"]
    assert response["Cache-Control"] == "public, max-age=60"
    other = client.get("/persyaratan/akta-kelahiran/", headers={"if-none-match": '"lain"'})
    assert other.status_code == 200
    assert other.content == first.content


def test_if_modified_since_gets_304_until_the_content_changes(katalog: Any) -> None:
    client = Client()
    first = client.get("/formulir/")
    since = {"if-modified-since": first["Last-Modified"]}
    assert client.get("/formulir/", headers=since).status_code == 304
    konten_versi_naik()
    later = {"if-modified-since": http_date(0)}
    assert client.get("/formulir/", headers=later).status_code == 200


def test_region_options_keep_their_long_max_age(wilayah_pekalongan: Any) -> None:
    client = Client()
    client.get("/wilayah/pilihan/?parent=33.26")
    response = client.get("/wilayah/pilihan/?parent=33.26")
    assert response["Cache-Control"] == "public, max-age=86400"
    assert "ETag" in response


# --- edits show at once -----------------------------------------------------------------------
def test_an_informasi_edit_in_the_admin_changes_content_and_etag(
    admin_client_otp: Client, informasi: dict[str, Informasi], katalog: Any
) -> None:
    item = informasi["umum"]
    anonymous = Client()
    paths = ["/", "/informasi/", f"/informasi/{item.pk}/"]
    before = {path: anonymous.get(path) for path in paths}
    for response in before.values():
        assert "Jam Pelayanan" in response.content.decode()
    change = f"/admin/informasi/informasi/{item.pk}/change/"
    assert admin_client_otp.get(change).status_code == 200
    data = {
        "judul": "Jam Pelayanan Ramadan",
        "jenis": item.jenis,
        "ringkasan": item.ringkasan,
        "isi": item.isi,
        "diterbitkan_0": item.diterbitkan.astimezone().strftime("%Y-%m-%d"),
        "diterbitkan_1": item.diterbitkan.astimezone().strftime("%H:%M:%S"),
        "aktif": "on",
    }
    response = admin_client_otp.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    for path, old in before.items():
        new = anonymous.get(path, headers={"if-none-match": old["ETag"]})
        assert new.status_code == 200, path
        assert "Jam Pelayanan Ramadan" in new.content.decode(), path
        assert new["ETag"] != old["ETag"], path


def test_a_catalogue_edit_in_the_admin_shows_on_the_home_page(
    admin_client_otp: Client, katalog: Any
) -> None:
    kategori = KategoriLayanan.objects.get(slug="kelompok-desa")
    anonymous = Client()
    old = anonymous.get("/")
    assert "Kelompok Pelayanan Desa/Kelurahan" in old.content.decode()
    change = f"/admin/catalog/kategorilayanan/{kategori.pk}/change/"
    data = {"nama": "Kelompok Layanan Desa", "slug": kategori.slug, "keterangan": "", "urutan": 5}
    assert admin_client_otp.post(change, data).status_code == 302
    new = anonymous.get("/")
    assert "Kelompok Layanan Desa" in new.content.decode()
    assert new["ETag"] != old["ETag"]


def test_a_delete_shows_at_once(informasi: dict[str, Informasi]) -> None:
    client = Client()
    assert "Kuota Akta Kelahiran Habis" in client.get("/informasi/").content.decode()
    informasi["sistem"].delete()
    assert "Kuota Akta Kelahiran Habis" not in client.get("/informasi/").content.decode()


# --- only for anonymous visitors without session or messages -----------------------------------
def test_a_logged_in_visitor_never_gets_the_kept_page(
    katalog: Any, informasi: dict[str, Informasi], pemohon: Any
) -> None:
    Client().get("/informasi/")  # kept
    client = Client()
    client.force_login(pemohon.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/informasi/")
    assert queries.captured_queries != []
    html = response.content.decode()
    assert "Info Khusus Pemohon" in html  # confidential: logged-in visitors only
    assert f"Selamat datang {pemohon.nama_lengkap}" in html  # the header names them
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response
    assert "Info Khusus Pemohon" not in Client().get("/informasi/").content.decode()


def test_a_session_cookie_always_goes_through_the_whole_stack(katalog: Any) -> None:
    Client().get("/persyaratan/")
    client = Client()
    client.cookies["sessionid"] = "tidak-ada"
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/persyaratan/")
    assert queries.captured_queries != []
    assert response.status_code == 200
    assert "ETag" not in response


def test_pending_messages_are_shown_not_the_kept_page(katalog: Any) -> None:
    Client().get("/persyaratan/")
    client = Client()
    client.cookies["messages"] = _messages_cookie("Anda telah logout.")
    response = client.get("/persyaratan/")
    assert "Anda telah logout." in response.content.decode()
    assert "ETag" not in response
    assert "Anda telah logout." not in Client().get("/persyaratan/").content.decode()


def test_a_foreign_host_never_gets_a_kept_page(katalog: Any, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["sintren.example.go.id"]
    client = Client(HTTP_HOST="sintren.example.go.id")
    assert client.get("/persyaratan/").status_code == 200
    assert client.get("/persyaratan/").status_code == 200
    response = Client(HTTP_HOST="evil.example").get("/persyaratan/")
    assert response.status_code == 400


def test_post_is_never_answered_from_the_memo(katalog: Any) -> None:
    client = Client()
    client.get("/persyaratan/")
    assert client.post("/persyaratan/").status_code == 405


def test_shared_copies_are_keyed_on_the_content_version(katalog: Any) -> None:
    client = Client()
    client.get("/persyaratan/")
    kept = [key for key in cache._cache if "sintren:halaman:" in key]  # type: ignore[attr-defined]
    assert len(kept) == 1
    konten_versi_naik()
    page_memo_clear()
    client.get("/persyaratan/")
    kept = [key for key in cache._cache if "sintren:halaman:" in key]  # type: ignore[attr-defined]
    assert len(kept) == 2
