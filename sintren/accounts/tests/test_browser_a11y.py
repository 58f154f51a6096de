"""A11Y-1 beyond the public site: every applicant page passes axe-core (WCAG 2.1 AA).

Each test walks one persona's pages at one viewport (360 px or 1280 px), collects the
violations of every page (and any horizontal scroll at 360 px), and fails once with the
whole list. Pages are reached as a citizen reaches them: by the forms, the outbox links
and the demo accounts' logins; forms are also sent with errors, so the error summary
and the invalid fields are checked too.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest

from sintren.accounts.demo_grup import DEMO_ANGGOTA, DEMO_GRUP_NAMA
from sintren.accounts.demo_pemohon import DEMO_PEMOHON, demo_nomor_kk
from sintren.accounts.tests.browser_steps import (
    A11yAudit,
    activation_link,
    answer_captcha,
    logged_in,
    login,
    outbox_item,
)

pytestmark = pytest.mark.browser

VIEWPORTS = ["mobile", "desktop"]
_DEMO = {entry["nama"]: entry for entry in DEMO_PEMOHON}
BUDI = _DEMO["Budi Santoso"]  # active: the logged-in pages, a reset link
SRI = _DEMO["Sri Wahyuni"]  # active: asks for a reset link (each request is counted)
DEWI = _DEMO["Dewi Lestari"]  # approved, not yet activated: a valid activation link
JOKO = _DEMO["Joko Prasetyo"]  # rejected: the status page with the reason
_RESET_RE = re.compile(r"/pemohon/reset/[A-Za-z0-9_.:-]+/")


def _page(viewport: str, page: Any, mobile_page: Any) -> Any:
    return mobile_page if viewport == "mobile" else page


def _visit(pg: Any, url: str, status: int = 200) -> None:
    response = pg.goto(url)
    assert response is not None
    assert response.status == status, f"{url}: HTTP {response.status}"


def _submit(pg: Any, name: str) -> None:
    pg.get_by_role("button", name=name, exact=True).click()
    pg.wait_for_load_state()


def _local_phone(entry: dict[str, Any]) -> str:
    return "0" + str(entry["hp"]).removeprefix("+62")


def _assert_field_invalid(pg: Any, field_id: str) -> None:
    """The field is marked invalid and described by its own error message."""
    field = pg.locator(f"#{field_id}")
    assert field.get_attribute("aria-invalid") == "true", field_id
    described = (field.get_attribute("aria-describedby") or "").split()
    assert f"{field_id}_error" in described, (field_id, described)
    assert pg.locator(f"#{field_id}_error").inner_text().strip()


def _show_status(pg: Any, base_url: str, entry: dict[str, Any]) -> None:
    """*Cek Status Pendaftaran* of a demo applicant (NIK, KK, birth date), up to the result."""
    _visit(pg, base_url + "/pemohon/status/")
    pg.get_by_label("NIK", exact=True).fill(entry["nik"])
    pg.get_by_label("Nomor KK", exact=True).fill(demo_nomor_kk(entry))
    pg.get_by_label("Tanggal Lahir", exact=True).fill(entry["lahir"].strftime("%d-%m-%Y"))
    answer_captcha(pg)
    _submit(pg, "Cek Status")
    pg.get_by_role("heading", name="Status Pendaftaran", exact=True).wait_for()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_anonymous_applicant_pages_pass_axe(
    e2e_server: str, page: Any, mobile_page: Any, axe_violations: Any, viewport: str
) -> None:
    pg = _page(viewport, page, mobile_page)
    base = e2e_server
    audit = A11yAudit(pg, axe_violations)
    check = audit.check

    for path in [
        "/pemohon/login/",
        "/pemohon/daftar/",
        "/pemohon/status/",
        "/pemohon/lupa-password/",
        "/pemohon/daftar/berhasil/",
        "/pemohon/aktivasi/berhasil/",
    ]:
        _visit(pg, base + path)
        check(path)
    for path, status in [
        ("/pemohon/aktivasi/link-tidak-dikenal/", 410),
        ("/pemohon/reset/link-tidak-dikenal/", 400),
        ("/pemohon/tidak-ada/", 404),
        ("/pemohon/logout/", 405),
    ]:
        _visit(pg, base + path, status)
        check(f"{path} ({status})")

    # The registration form sent with an already registered NIK and nothing else (the
    # villages loaded for the chosen district): error summary, the NIK notice, invalid
    # fields tied to their messages.
    _visit(pg, base + "/pemohon/daftar/")
    pg.get_by_label("NIK", exact=True).fill(BUDI["nik"])
    pg.get_by_label("Kecamatan", exact=True).select_option(label="Karanganyar")
    pg.get_by_label("Desa/Kelurahan", exact=True).locator("option", has_text="Karangsari").wait_for(
        state="attached"
    )
    check("daftar (desa dimuat)")
    _submit(pg, "Daftar")
    assert pg.locator(".error-summary").is_visible()
    assert pg.locator("#nik-terdaftar").count() == 0  # a known NIK is never confirmed
    for field_id in ["id_nama_lengkap", "id_password1", "id_captcha"]:
        _assert_field_invalid(pg, field_id)
    check("daftar (kesalahan)")

    # Login with a wrong captcha answer (no password tried, so nothing is counted).
    _visit(pg, base + "/pemohon/login/")
    pg.get_by_label("NIK", exact=True).fill(BUDI["nik"])
    _submit(pg, "Login")
    check("login (kesalahan)")

    # A form sent without its CSRF token: the Indonesian 403 page.
    _visit(pg, base + "/pemohon/status/")
    pg.locator("input[name=csrfmiddlewaretoken]").evaluate_all(
        "els => els.forEach(e => e.remove())"
    )
    _submit(pg, "Cek Status")
    assert pg.get_by_role("heading", name="Formulir tidak dapat diproses").is_visible()
    check("403 CSRF")

    # A form sent with far too many fields: the stand-alone 400 page.
    _visit(pg, base + "/pemohon/status/")
    pg.locator("form").last.evaluate(
        "form => form.insertAdjacentHTML('beforeend', '<input type=hidden name=x>'.repeat(1100))"
    )
    _submit(pg, "Cek Status")
    assert pg.get_by_role("heading", name="Permintaan tidak dapat diproses").is_visible()
    check("400")

    # The status of a rejected and of an approved registration.
    _show_status(pg, base, JOKO)
    check("status ditolak")
    # The reason and Daftar Ulang only after a proven login (manual B.8).
    login(pg, base, JOKO["nik"], JOKO["password"])
    pg.get_by_role("heading", name="Status Pendaftaran", exact=True).wait_for()
    check("status ditolak (setelah login)")
    pg.get_by_role("link", name="Daftar Ulang").click()
    pg.get_by_role("heading", name="Pendaftaran Ulang Pemohon").wait_for()
    check("daftar ulang")
    _show_status(pg, base, DEWI)
    check("status disetujui")

    # A valid activation link (not used), from the development outbox.
    _visit(pg, activation_link(pg, base, DEWI["hp"][-6:]))
    pg.get_by_label("Nama Ibu Kandung", exact=True).wait_for()
    check("aktivasi (link berlaku)")
    _submit(pg, "Proses Aktivasi")  # empty: refused before any attempt is counted
    _assert_field_invalid(pg, "id_nama_ibu")
    check("aktivasi (kesalahan)")

    # Lupa Password sent: the notice, then the valid reset link it sends (one applicant
    # per viewport: every request counts towards the NIK's limit).
    lupa = SRI if viewport == "mobile" else BUDI
    _visit(pg, base + "/pemohon/lupa-password/")
    pg.get_by_label("NIK", exact=True).fill(lupa["nik"])
    pg.get_by_label("Nama Lengkap", exact=True).fill(lupa["nama"])
    pg.get_by_label("Nomor HP", exact=True).fill(_local_phone(lupa))
    answer_captcha(pg)
    _submit(pg, "Proses")
    pg.get_by_text("link reset password telah dikirim").wait_for()
    check("lupa password (terkirim)")

    item = outbox_item(pg, base, lupa["hp"][-6:], "/pemohon/reset/")
    check("/dev/outbox/")
    match = _RESET_RE.search(item.inner_text())
    assert match is not None, "no reset link in the outbox"
    _visit(pg, base + match[0])
    pg.get_by_label("Nomor KK", exact=True).wait_for()
    check("reset password (link berlaku)")
    _submit(pg, "Ganti Password")
    _assert_field_invalid(pg, "id_nomor_kk")
    check("reset password (kesalahan)")

    audit.assert_clean()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_logged_in_applicant_pages_pass_axe(
    e2e_server: str, page: Any, mobile_page: Any, axe_violations: Any, viewport: str
) -> None:
    pg = _page(viewport, page, mobile_page)
    base = e2e_server
    audit = A11yAudit(pg, axe_violations)
    check = audit.check

    logged_in(pg, base, BUDI["nik"], BUDI["password"])
    assert pg.get_by_text(f"Selamat datang {BUDI['nama']}").first.is_visible()
    check("home (login)")
    for path in ["/pemohon/profil/", "/pemohon/ganti-password/", "/pemohon/ganti-hp/"]:
        _visit(pg, base + path)
        check(path)

    _visit(pg, base + "/pemohon/ganti-password/")
    pg.get_by_label("Kata Kunci Baru", exact=True).fill("pendek")
    _submit(pg, "Simpan")
    assert pg.locator(".error-summary").is_visible()
    _assert_field_invalid(pg, "id_password_lama")
    check("ganti password (kesalahan)")

    _visit(pg, base + "/pemohon/ganti-hp/")
    pg.get_by_label("Nomor HP Baru", exact=True).fill("12345")
    _submit(pg, "Kirim Kode")
    _assert_field_invalid(pg, "id_nomor_hp_baru")
    check("ganti HP (kesalahan)")
    # A real new number: the code is sent (or, on a second run within a minute, the
    # cooldown message shows); either way a code is pending for the code page.
    pg.get_by_label("Nomor HP Baru", exact=True).fill(f"08133{secrets.randbelow(10**7):07d}")
    _submit(pg, "Kirim Kode")
    check("ganti HP (kirim kode)")
    _visit(pg, base + "/pemohon/ganti-hp/kode/")
    pg.get_by_label("Kode Aktivasi", exact=True).wait_for()
    check("ganti HP kode")
    _submit(pg, "Simpan")
    _assert_field_invalid(pg, "id_kode")
    check("ganti HP kode (kesalahan)")

    audit.assert_clean()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_group_member_mode_switch_passes_axe(
    e2e_server: str, page: Any, mobile_page: Any, axe_violations: Any, viewport: str
) -> None:
    pg = _page(viewport, page, mobile_page)
    audit = A11yAudit(pg, axe_violations)
    logged_in(pg, e2e_server, DEMO_ANGGOTA["nik"], DEMO_ANGGOTA["password"])
    audit.check("home (anggota grup)")
    label = f"{DEMO_GRUP_NAMA} \N{EN DASH} Karangsari"
    pg.get_by_role("button", name=label).click()
    pg.get_by_text(f"Mode aktif: {label}.").wait_for()
    _visit(pg, e2e_server + "/pemohon/profil/")
    audit.check("profil (mode grup)")
    pg.get_by_role("button", name="Pemohon Pribadi").click()
    pg.get_by_text("Mode aktif: Pemohon Pribadi.").wait_for()
    audit.assert_clean()
