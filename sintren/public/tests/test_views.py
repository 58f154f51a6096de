"""Django-client tests of the public pages (PUB-1…PUB-5)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXTERNAL_URL = re.compile(r"""(?:https?:)?//[^\s"'<>)]+""")


@pytest.fixture
def pemohon(db: None) -> Any:
    return get_user_model().objects.create_user(username="pemohon1", password="x", role="pemohon")


@pytest.fixture
def petugas(db: None) -> Any:
    return get_user_model().objects.create_user(
        username="petugas1", password="x", role="verifikator"
    )


def _html(response: Any) -> str:
    assert response.status_code == 200
    return response.content.decode()


# ---- Home ------------------------------------------------------------------------------
def test_home_shows_name_login_button_menu_informasi_layanan_and_footer(
    client: Client, katalog: dict[str, Any], informasi: dict[str, Any]
) -> None:
    html = _html(client.get("/"))
    assert "SINTREN KABUPATEN PEKALONGAN" in html
    assert str(settings.SINTREN["APP_LONG_NAME"]) in html
    assert "Daftar / Login Pemohon" in html
    assert 'href="/pemohon/login/"' in html
    for label in ["Home", "Pemohon", "Persyaratan", "Formulir", "Informasi", "Panduan"]:
        assert f">{label}</a>" in html
    assert 'href="/" aria-current="page">Home' in html
    # latest information: public and system items, never confidential, inactive or future
    assert "Jam Pelayanan" in html
    assert "Kuota Akta Kelahiran Habis" in html
    assert "Info Khusus Pemohon" not in html
    assert "Informasi Ditarik" not in html
    assert "Informasi Besok" not in html
    assert reverse("public:informasi_detail", args=[informasi["umum"].pk]) in html
    # Jenis Layanan: general services as cards with icon and a link to their requirements
    assert "Jenis Layanan" in html
    assert "Akta Kelahiran" in html
    assert "/static/img/ikon/bayi.svg" in html
    assert "/static/img/ikon/dokumen.svg" in html  # unknown icon name → fallback
    assert reverse("public:persyaratan_layanan", args=["akta-kelahiran"]) in html
    assert "Layanan Lama" not in html
    # Kelompok Pelayanan Lainnya: group-only services under their category
    assert "Kelompok Pelayanan Lainnya" in html
    assert "Kelompok Pelayanan Desa/Kelurahan" in html
    assert reverse("public:persyaratan_layanan", args=["layanan-desa"]) in html
    assert f"© {_year()} {settings.SINTREN['OFFICE_NAME']}" in html.replace("&copy;", "©")


def _year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


def test_home_shows_at_most_five_informasi(client: Client, katalog: Any) -> None:
    from sintren.informasi.models import Informasi

    for i in range(7):
        Informasi.objects.create(judul=f"Berita nomor {i}", isi="isi", jenis="umum")
    html = _html(client.get("/"))
    assert html.count("<h3>Berita nomor") == 5


def test_anonymous_home_sets_no_cookie_and_creates_no_session(
    client: Client, katalog: Any, informasi: Any
) -> None:
    from django.contrib.sessions.models import Session

    response = client.get("/")
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert Session.objects.count() == 0


def test_anonymous_home_is_served_from_cache_without_queries(
    client: Client, katalog: Any, informasi: Any, django_assert_num_queries: Any
) -> None:
    first = client.get("/")
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.content == first.content


def test_home_memo_serves_identical_gzip_response_without_reaching_the_view(
    client: Client, katalog: Any, informasi: Any, django_assert_num_queries: Any
) -> None:
    headers = {"accept-encoding": "gzip"}
    first = client.get("/", headers=headers)
    cache.clear()  # the shared cache is gone; only this process's copy can answer
    with django_assert_num_queries(0):
        second = client.get("/", headers=headers)
    assert second.content == first.content
    assert second["Content-Encoding"] == "gzip"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "Cookie" in second["Vary"]


def test_home_memo_is_not_used_with_pending_messages(
    client: Client, katalog: Any, informasi: Any
) -> None:
    from django.contrib.messages import SUCCESS
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse

    client.get("/")  # memoised anonymous page
    storage = CookieStorage(HttpRequest())
    storage.add(SUCCESS, "Anda berhasil logout.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    assert "Anda berhasil logout." in client.get("/").content.decode()
    assert "Anda berhasil logout." not in Client().get("/").content.decode()


def test_home_shows_a_new_informasi_at_once(client: Client, katalog: Any, informasi: Any) -> None:
    from sintren.informasi.models import Informasi

    client.get("/")
    Informasi.objects.create(judul="Berita Terbaru Sekali", isi="isi", jenis="umum")
    assert "Berita Terbaru Sekali" in client.get("/").content.decode()


def test_logged_in_visitor_bypasses_the_anonymous_cache(
    client: Client, katalog: Any, informasi: Any, petugas: Any
) -> None:
    client.get("/")
    client.force_login(petugas)
    html = _html(client.get("/"))
    assert "Info Khusus Pemohon" in html  # confidential items once logged in
    assert "Info Khusus Pemohon" not in Client().get("/").content.decode()


def test_home_is_gzip_compressed_for_browsers(client: Client, katalog: Any) -> None:
    response = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


# ---- Persyaratan --------------------------------------------------------------------------
def test_persyaratan_index_shows_the_first_service_and_the_side_menu(
    client: Client, katalog: Any
) -> None:
    html = _html(client.get("/persyaratan/"))
    assert "Persyaratan: Akta Kelahiran" in html
    assert 'aria-label="Jenis layanan"' in html
    for slug in ["akta-kelahiran", "cetak-ulang-ktp-el", "layanan-desa"]:
        assert f'href="/persyaratan/{slug}/"' in html
    assert "layanan-lama" not in html


def test_persyaratan_of_a_service_shows_requirements_process_documents_and_forms(
    client: Client, katalog: Any
) -> None:
    akta = katalog["akta"]
    html = _html(client.get(f"/persyaratan/{akta.slug}/"))
    assert f'href="/persyaratan/{akta.slug}/" aria-current="page"' in html
    assert "<li>Surat keterangan kelahiran</li>" in html
    assert "<li>Unggah data dukung</li>" in html
    assert 'Surat Keterangan Kelahiran <span class="badge badge-wajib">wajib</span>' in html
    assert "Buku Nikah</td>" in html  # optional: no badge
    contoh = akta.dokumen.get(nama="Surat Keterangan Kelahiran")
    assert reverse("catalog:contoh", args=[contoh.pk]) in html
    assert reverse("catalog:formulir_download", args=[katalog["formulir"].pk]) in html
    assert "Formulir Perubahan Biodata" not in html


@pytest.mark.parametrize("path", ["/persyaratan/tidak-ada/", "/persyaratan/layanan-lama/"])
def test_persyaratan_of_unknown_or_inactive_service_is_404_in_indonesian(
    client: Client, katalog: Any, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_persyaratan_without_any_service_says_so(client: Client) -> None:
    assert "Belum ada jenis layanan." in _html(client.get("/persyaratan/"))


# ---- Formulir -----------------------------------------------------------------------------
def test_formulir_lists_all_forms_with_download_links(client: Client, katalog: Any) -> None:
    html = _html(client.get("/formulir/"))
    for form in [katalog["formulir"], katalog["formulir_ktp"]]:
        assert form.judul in html
        assert reverse("catalog:formulir_download", args=[form.pk]) in html
    assert 'href="/formulir/" aria-current="page">Semua layanan' in html


@pytest.mark.parametrize(
    "url", ["/formulir/?layanan=cetak-ulang-ktp-el", "/formulir/cetak-ulang-ktp-el/"]
)
def test_formulir_filtered_by_service_in_the_side_menu(
    client: Client, katalog: Any, url: str
) -> None:
    html = _html(client.get(url))
    assert "Formulir Perubahan Biodata" in html
    assert "Formulir Pelaporan Pencatatan Sipil" not in html
    assert 'href="/formulir/cetak-ulang-ktp-el/" aria-current="page"' in html


def test_formulir_of_unknown_service_is_404(client: Client, katalog: Any) -> None:
    assert client.get("/formulir/?layanan=tidak-ada").status_code == 404
    assert client.get("/formulir/tidak-ada/").status_code == 404


# ---- Informasi ----------------------------------------------------------------------------
def test_informasi_list_hides_confidential_items_from_anonymous(
    client: Client, informasi: dict[str, Any]
) -> None:
    html = _html(client.get("/informasi/"))
    assert "Jam Pelayanan" in html
    assert "Kuota Akta Kelahiran Habis" in html
    assert "Info Khusus Pemohon" not in html
    assert "Informasi Ditarik" not in html
    assert "Informasi Besok" not in html
    assert html.count(">Detail<") == 2


def test_informasi_detail_has_kembali_link(client: Client, informasi: dict[str, Any]) -> None:
    html = _html(client.get(f"/informasi/{informasi['umum'].pk}/"))
    assert "Isi lengkap Jam Pelayanan.<br>Baris kedua." in html
    assert '<a class="btn btn-secondary" href="/informasi/">Kembali</a>' in html


@pytest.mark.parametrize("kind", ["rahasia", "nonaktif", "nanti"])
def test_hidden_informasi_detail_is_404_for_anonymous(
    client: Client, informasi: dict[str, Any], kind: str
) -> None:
    assert client.get(f"/informasi/{informasi[kind].pk}/").status_code == 404


def test_confidential_informasi_is_shown_after_login(
    client: Client, informasi: dict[str, Any], petugas: Any
) -> None:
    client.force_login(petugas)
    assert "Info Khusus Pemohon" in _html(client.get("/informasi/"))
    assert "Isi lengkap Info Khusus Pemohon" in _html(
        client.get(f"/informasi/{informasi['rahasia'].pk}/")
    )


def test_informasi_detail_with_unknown_id_is_404(client: Client, db: None) -> None:
    assert client.get("/informasi/999999/").status_code == 404


# ---- Panduan, errors, menu ----------------------------------------------------------------
def test_panduan_index_links_every_part(client: Client, db: None) -> None:
    html = _html(client.get("/panduan/"))
    for slug in ["menu-utama", "pemohon", "pengajuan", "solusi-permasalahan"]:
        assert f'href="/panduan/{slug}/"' in html


@pytest.mark.parametrize(
    ("slug", "text"),
    [
        ("menu-utama", "Kelompok Pelayanan Lainnya"),
        ("pemohon", "Tabel 1. Ketentuan Kata Kunci / Password"),
        ("pemohon", "Tabel 2. Perbedaan Antara Grup Pemohon"),
        ("pengajuan", "Tabel 3. Ketentuan Penggunaan Dokumen TTE"),
        ("solusi-permasalahan", "Tabel 4. Kemungkinan Permasalahan dan Solusi"),
    ],
)
def test_panduan_parts_follow_the_manual(client: Client, db: None, slug: str, text: str) -> None:
    html = _html(client.get(f"/panduan/{slug}/"))
    assert text in html
    assert f'href="/panduan/{slug}/" aria-current="page"' in html


def test_unknown_panduan_part_is_404(client: Client, db: None) -> None:
    assert client.get("/panduan/tidak-ada/").status_code == 404


def test_500_page_renders_without_context(db: None) -> None:
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Terjadi gangguan pada server" in html


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/persyaratan/", "Persyaratan"),
        ("/formulir/", "Formulir"),
        ("/informasi/", "Informasi"),
        ("/panduan/", "Panduan"),
    ],
)
def test_menu_marks_the_current_item(client: Client, katalog: Any, path: str, label: str) -> None:
    html = _html(client.get(path))
    nav = html.split('aria-label="Menu utama"')[1].split("</nav>")[0]
    assert nav.count('aria-current="page"') == 1
    assert f'aria-current="page">{label}</a>' in nav


# ---- No other host, no inline script or style ---------------------------------------------
PAGES = [
    "/",
    "/persyaratan/",
    "/persyaratan/akta-kelahiran/",
    "/formulir/",
    "/informasi/",
    "/panduan/",
    "/panduan/menu-utama/",
    "/panduan/pemohon/",
    "/panduan/pengajuan/",
    "/panduan/solusi-permasalahan/",
    "/tidak-ada/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_reference_no_other_host_and_no_inline_code(
    client: Client, katalog: Any, informasi: Any, path: str
) -> None:
    response = client.get(path)
    html = response.content.decode()
    allowed = settings.SITE_URL
    for url in EXTERNAL_URL.findall(html):
        assert url.startswith(allowed), f"{path} references another host: {url}"
    assert " style=" not in html
    assert "<style" not in html
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag
    assert "htmx.min.js" not in html or path != "/"
