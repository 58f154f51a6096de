"""What a citizen on a cheap phone sees: every page at 320 and 360 px wide.

* No page scrolls sideways (``scrollWidth <= innerWidth``), anonymous or logged in, also
  with the long names, email addresses and numbers real applicants have.
* Pages with a side menu show their content first: the main heading (and the content
  under it) is above the menu, so a tap in the menu reloads straight into the answer.
* Home at 360x800: *Jenis Layanan* starts within the first two screens, the greeting
  is shown once and the registration pitch only to anonymous visitors.
* The registration form's *Reset* asks before it empties the form.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sintren.accounts.demo_grup import DEMO_ANGGOTA, DEMO_GRUP_NAMA
from sintren.accounts.demo_pemohon import DEMO_PEMOHON
from sintren.accounts.tests.browser_steps import logged_in

pytestmark = pytest.mark.browser

WIDTHS = [320, 360]
PHONE_HEIGHT = 800
BUDI = next(entry for entry in DEMO_PEMOHON if entry["nama"] == "Budi Santoso")

ANONYMOUS_PAGES = [
    "/",
    "/persyaratan/",
    "/persyaratan/akta-kematian/",
    "/formulir/",
    "/formulir/akta-kelahiran/",
    "/informasi/",
    "/panduan/",
    "/panduan/menu-utama/",
    "/panduan/pemohon/",
    "/panduan/pengajuan/",
    "/panduan/solusi-permasalahan/",
    "/pemohon/login/",
    "/pemohon/daftar/",
    "/pemohon/status/",
    "/pemohon/lupa-password/",
    "/verifikasi/",
]
APPLICANT_PAGES = [
    "/",
    "/pemohon/profil/",
    "/pemohon/ganti-hp/",
    "/pemohon/ganti-password/",
    "/informasi/",
]
# Pages whose side menu must not come before their content on a phone.
CONTENT_FIRST = {
    "/persyaratan/akta-kematian/": "Persyaratan: Akta Kematian",
    "/formulir/": "Unduh Formulir",
    "/pemohon/daftar/": "Pendaftaran Pemohon",
    "/pemohon/lupa-password/": "Lupa Password",
    "/pemohon/login/": "Login Pemohon",
}
HOME_SERVICES_MAX_TOP = 1600  # within the first two screens of a 360x800 phone

_WIDTHS_JS = "[document.documentElement.scrollWidth, window.innerWidth]"
_TOP_JS = "el => el.getBoundingClientRect().top + window.scrollY"
_WIDEST_JS = """() => {
  const limit = window.innerWidth;
  return [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > limit + 0.5)
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
}"""
# What long real-world values look like: a long name, a long email address.
_LONG_VALUES_JS = """() => {
  const name = "Raden Mas Muhammad Abdurrahman Wicaksono Prawirodirjo Kusumonegoro";
  const email = "muhammad.abdurrahman.wicaksono.prawirodirjo@kabupatenpekalongan.go.id";
  const value = label => [...document.querySelectorAll(".data-list dt")]
    .find(dt => dt.textContent.trim() === label).nextElementSibling;
  value("Nama Lengkap").textContent = name;
  value("Email").textContent = email;
  value("Desa/Kelurahan").textContent = "KARANGANYARKIDULWETANLORPEKALONGANKABUPATEN";
  document.querySelector(".user-menu-name").textContent = "Selamat datang " + name;
}"""


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def phone(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A page in a fresh browser context as wide as a small phone."""
    context = browser.new_context(
        viewport={"width": request.param, "height": PHONE_HEIGHT}, locale="id-ID"
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _open(pg: Any, url: str) -> None:
    response = pg.goto(url)
    assert response is not None
    assert response.status == 200, f"{url}: HTTP {response.status}"


def _sideways(pg: Any, label: str) -> list[str]:
    """The page open now, if it is wider than the screen: its width and the culprits."""
    scroll_width, inner_width = pg.evaluate(_WIDTHS_JS)
    if scroll_width <= inner_width:
        return []
    return [f"{label}: {scroll_width} px wide on {inner_width} px, {pg.evaluate(_WIDEST_JS)}"]


def _top(locator: Any) -> float:
    return float(locator.evaluate(_TOP_JS))


def _first_informasi_detail(pg: Any, base_url: str) -> str:
    _open(pg, base_url + "/informasi/")
    href = pg.get_by_role("link", name="Detail").first.get_attribute("href")
    assert href
    return base_url + href


def test_no_public_page_scrolls_sideways(e2e_server: str, phone: Any) -> None:
    problems: list[str] = []
    for path in ANONYMOUS_PAGES:
        _open(phone, e2e_server + path)
        problems += _sideways(phone, path)
    _open(phone, _first_informasi_detail(phone, e2e_server))
    problems += _sideways(phone, "informasi detail")
    assert not problems, "\n".join(problems)


def test_no_applicant_page_scrolls_sideways(e2e_server: str, phone: Any) -> None:
    logged_in(phone, e2e_server, BUDI["nik"], BUDI["password"])
    problems = _sideways(phone, "home after login")
    for path in APPLICANT_PAGES:
        _open(phone, e2e_server + path)
        problems += _sideways(phone, path)
    _open(phone, _first_informasi_detail(phone, e2e_server))
    problems += _sideways(phone, "informasi detail (login)")

    # Long real-world values on the profile and in the header wrap instead of pushing.
    _open(phone, e2e_server + "/pemohon/profil/")
    phone.evaluate(_LONG_VALUES_JS)
    problems += _sideways(phone, "profil with a long name and email")
    assert not problems, "\n".join(problems)


def test_group_member_pages_and_mode_switch_fit_a_phone(e2e_server: str, phone: Any) -> None:
    logged_in(phone, e2e_server, DEMO_ANGGOTA["nik"], DEMO_ANGGOTA["password"])
    problems = _sideways(phone, "home (anggota grup)")
    label = f"{DEMO_GRUP_NAMA} \N{EN DASH} Karangsari"
    phone.get_by_role("button", name=label).click()
    phone.get_by_text(f"Mode aktif: {label}.").wait_for()
    problems += _sideways(phone, "home (mode grup)")
    for path in ["/pemohon/profil/", "/pemohon/ganti-hp/", "/pemohon/ganti-password/"]:
        _open(phone, e2e_server + path)
        problems += _sideways(phone, f"{path} (mode grup)")
    phone.get_by_role("button", name="Pemohon Pribadi").click()
    phone.get_by_text("Mode aktif: Pemohon Pribadi.").wait_for()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", list(CONTENT_FIRST))
def test_content_comes_before_the_side_menu(e2e_server: str, phone: Any, path: str) -> None:
    _open(phone, e2e_server + path)
    heading = phone.get_by_role("heading", name=CONTENT_FIRST[path], exact=True)
    menu = phone.locator("main nav.sidemenu")
    assert menu.count() == 1
    menu_top = _top(menu)
    assert _top(heading) < menu_top, f"{path}: heading below the side menu"
    # The answer itself, not just the heading: the first panel of the content.
    first_panel = phone.locator("main .layout-side > :not(nav) .panel, main .layout-side > .panel")
    assert _top(first_panel.first) < menu_top, f"{path}: content below the side menu"
    # The intro text names no "menu samping" on a screen where the menu is below.
    assert "menu samping" not in phone.locator("main").inner_text()


def test_service_menu_link_jumps_to_the_menu_below(e2e_server: str, phone: Any) -> None:
    _open(phone, e2e_server + "/persyaratan/akta-kelahiran/")
    phone.locator(".page-head").get_by_role("link", name="Jenis Layanan").click()
    menu = phone.get_by_role("navigation", name="Jenis layanan")
    menu.get_by_role("link", name="Akta Kematian").click()
    phone.wait_for_url("**/persyaratan/akta-kematian/")
    heading = phone.get_by_role("heading", name="Persyaratan: Akta Kematian")
    # After the reload the answer is on the first screen.
    assert _top(heading) < PHONE_HEIGHT / 2


def _home_services_top(pg: Any) -> float:
    return _top(pg.get_by_role("heading", name="Jenis Layanan", exact=True))


def test_home_shows_the_services_early_anonymous(e2e_server: str, phone: Any) -> None:
    _open(phone, e2e_server + "/")
    assert _home_services_top(phone) < HOME_SERVICES_MAX_TOP
    assert phone.get_by_text("daftar sebagai pemohon").is_visible()
    assert phone.get_by_role("link", name="Daftar / Login Pemohon").is_visible()
    header = phone.locator("header.site-header").bounding_box()
    assert header is not None
    assert header["height"] < 240, f"header {header['height']} px high"


def test_home_after_login_greets_once_without_the_pitch(e2e_server: str, phone: Any) -> None:
    logged_in(phone, e2e_server, BUDI["nik"], BUDI["password"])
    _open(phone, e2e_server + "/")
    assert _home_services_top(phone) < HOME_SERVICES_MAX_TOP
    greeting = phone.get_by_text(f"Selamat datang {BUDI['nama']}")
    assert greeting.count() == 1
    assert greeting.is_visible()
    assert phone.get_by_text("daftar sebagai pemohon").count() == 0
    assert phone.get_by_text("Permohonan akan diproses pada hari dan jam kerja").is_visible()
    assert phone.get_by_role("button", name="Logout").is_visible()
    header = phone.locator("header.site-header").bounding_box()
    assert header is not None
    # Five menu items when logged in (Pengajuan added); it was ~310 px before the phone fixes.
    assert header["height"] < 280, f"header {header['height']} px high"


def test_reset_asks_before_emptying_the_registration_form(e2e_server: str, phone: Any) -> None:
    _open(phone, e2e_server + "/pemohon/daftar/")
    nik = phone.get_by_label("NIK", exact=True)
    nik.fill("3326071708900099")
    reset = phone.get_by_role("button", name="Reset", exact=True)
    questions: list[str] = []

    def answer(dialog: Any, accept: bool) -> None:
        questions.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    phone.once("dialog", lambda dialog: answer(dialog, accept=False))
    reset.click()
    assert questions == ["Kosongkan semua isian?"]
    assert nik.input_value() == "3326071708900099"
    phone.once("dialog", lambda dialog: answer(dialog, accept=True))
    reset.click()
    assert len(questions) == 2
    assert nik.input_value() == ""
