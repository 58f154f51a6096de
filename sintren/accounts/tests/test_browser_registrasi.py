"""Manual B.1-B.3 and B.8 in Chromium against the real server, as a citizen does them."""

from __future__ import annotations

import pytest

from sintren.accounts.tests.browser_steps import (
    KATA_KUNCI,
    NAMA_IBU,
    activate,
    activation_link,
    answer_captcha,
    logged_in,
    login,
    new_applicant,
    register,
    staff_decide,
    submit_registration,
)

pytestmark = pytest.mark.browser


def test_register_approve_activate_login(page, browser, e2e_server, axe_violations):
    data = new_applicant()
    # B.1 Pendaftaran Pemohon
    page.goto(e2e_server + "/pemohon/daftar/")
    assert page.get_by_label("Provinsi", exact=True).input_value() == "33"
    assert page.get_by_label("Kabupaten/Kota", exact=True).input_value() == "33.26"
    assert axe_violations(page) == []
    submit_registration(page, data)
    assert "diverifikasi" in page.content()

    # The Dinas approves (back office).
    staff_decide(browser, e2e_server, data["nama"])

    # B.2 Aktivasi Pemohon: the link from WhatsApp/email.
    link = activation_link(page, e2e_server, data["hp"][-6:])
    activate(page, link, nama_ibu=NAMA_IBU.upper())

    # B.3 Login Pemohon.
    logged_in(page, e2e_server, data["nik"], KATA_KUNCI)
    assert page.get_by_text(f"Selamat datang {data['nama']}").count() >= 1
    assert data["nik"] not in page.url
    # The used link is void now.
    response = page.goto(link)
    assert response is not None
    assert response.status == 410
    assert "tidak berlaku" in page.content()


def test_rejected_applicant_registers_again(page, browser, e2e_server, axe_violations):
    data = new_applicant()
    register(page, e2e_server, data)
    alasan = "Nama Ibu belum sesuai dengan yang tercatat di KK"
    staff_decide(browser, e2e_server, data["nama"], tolak=alasan)

    # B.8: login shows Tidak Disetujui and the reason.
    login(page, e2e_server, data["nik"], KATA_KUNCI)
    page.get_by_text("Tidak Disetujui", exact=True).wait_for()
    assert alasan in page.content()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Daftar Ulang").click()

    # The registration form with the NIK fixed and the earlier data filled in.
    page.get_by_role("heading", name="Pendaftaran Ulang Pemohon").wait_for()
    nik = page.get_by_label("NIK", exact=True)
    assert nik.input_value() == data["nik"]
    assert nik.get_attribute("readonly") is not None
    assert page.get_by_label("Nama Lengkap", exact=True).input_value() == data["nama"]
    assert page.get_by_label("Nomor KK", exact=True).input_value() == data["kk"]
    assert page.get_by_label("Nama Ibu Kandung", exact=True).input_value() == ""
    assert page.get_by_label("Desa/Kelurahan", exact=True).input_value() == "33.26.07.2008"
    page.get_by_label("Nama Ibu Kandung", exact=True).fill("Siti Aminah Binti Ahmad")
    page.get_by_label("Kata Kunci", exact=True).fill(KATA_KUNCI)
    page.get_by_label("Ulangi Kata Kunci", exact=True).fill(KATA_KUNCI)
    answer_captcha(page)
    page.get_by_role("button", name="Daftar", exact=True).click()
    page.get_by_text("Menunggu Verifikasi", exact=True).wait_for()
    assert data["nik"] not in page.url


def test_login_page_on_a_phone(mobile_page, e2e_server, axe_violations):
    mobile_page.goto(e2e_server + "/pemohon/login/")
    assert axe_violations(mobile_page) == []
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
