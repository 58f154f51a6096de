"""Registration works without JavaScript (the region selects' no-JS fallback), and with
JavaScript the Desa/Kelurahan options arrive through htmx, without a page load."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sintren.accounts.tests.browser_steps import fill_registration, new_applicant

pytestmark = pytest.mark.browser


@pytest.fixture
def nojs_page(browser: Any) -> Iterator[Any]:
    """A desktop page in a fresh context with JavaScript switched off."""
    context = browser.new_context(
        java_script_enabled=False, locale="id-ID", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _option_labels(page: Any, label: str) -> list[str]:
    select = page.get_by_label(label, exact=True)
    return [text.strip() for text in select.locator("option").all_inner_texts()]


def test_registration_without_javascript(nojs_page: Any, e2e_server: str) -> None:
    page, data = nojs_page, new_applicant()
    page.goto(e2e_server + "/pemohon/daftar/")
    assert page.get_by_label("Provinsi", exact=True).input_value() == "33"
    assert page.get_by_label("Kabupaten/Kota", exact=True).input_value() == "33.26"
    # Nothing chosen yet below the regency: the village select has only its placeholder.
    assert len(_option_labels(page, "Desa/Kelurahan")) == 1

    page.get_by_label("NIK", exact=True).fill(data["nik"])
    page.get_by_label("Nama Lengkap", exact=True).fill(data["nama"])
    page.get_by_label("Kecamatan", exact=True).select_option(label="Karanganyar")
    refresh = page.get_by_role("button", name="Perbarui pilihan wilayah")
    with page.expect_navigation():
        refresh.click()

    # The same form again: the next level's options, the input kept, no error shown.
    assert "Karangsari" in _option_labels(page, "Desa/Kelurahan")
    assert page.get_by_label("Kecamatan", exact=True).input_value() == "33.26.07"
    assert page.get_by_label("Nama Lengkap", exact=True).input_value() == data["nama"]
    assert page.get_by_label("NIK", exact=True).input_value() == data["nik"]
    assert page.locator(".error-summary").count() == 0

    fill_registration(page, data, identity=False)
    with page.expect_navigation():
        page.get_by_role("button", name="Daftar", exact=True).click()
    page.get_by_role("heading", name="Pendaftaran berhasil").wait_for()


def test_kecamatan_fills_the_villages_in_place_with_javascript(page: Any, e2e_server: str) -> None:
    page.goto(e2e_server + "/pemohon/daftar/")
    page.get_by_label("Nama Lengkap", exact=True).fill("Dewi Lestari")
    # A mark in the window: a page load would wipe it.
    page.evaluate("window.sintrenTanpaReload = true")
    assert page.get_by_role("button", name="Perbarui pilihan wilayah").count() == 0

    with page.expect_response(lambda r: "/wilayah/pilihan/" in r.url):
        page.get_by_label("Kecamatan", exact=True).select_option(label="Karanganyar")
    desa = page.get_by_label("Desa/Kelurahan", exact=True)
    desa.locator("option", has_text="Karangsari").wait_for(state="attached")
    desa.select_option(label="Karangsari")

    assert page.evaluate("window.sintrenTanpaReload") is True
    assert page.get_by_label("Nama Lengkap", exact=True).input_value() == "Dewi Lestari"
