"""OUT-2 in Chromium at 360 px: the applicant downloads the issued document once from the
*Pilihan Dokumen Jadi* panel, which then shows when it was downloaded; the public
verification page confirms the code. Against a real server (pytest-django's live
server on the test database); every page axe-clean without sideways scroll."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from sintren.accounts.tests.browser_steps import A11yAudit
from sintren.keluaran.tests.helpers import terbitkan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session_cookie(user: Any, base_url: str) -> dict[str, Any]:
    client = Client()
    client.force_login(user)
    return {
        "name": django_settings.SESSION_COOKIE_NAME,
        "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


@pytest.fixture
def terbit(pengajuan, verifikator, pdf):
    """The request's document, signed (while Playwright's event loop runs in this
    thread) and issued."""
    return terbitkan(pengajuan, verifikator, pdf)


def test_applicant_downloads_once_then_sees_downloaded_state(
    live_server, mobile_page, axe_violations, terbit, pemohon
):
    dokumen, pengajuan = terbit, terbit.pengajuan
    page = mobile_page
    audit = A11yAudit(page, axe_violations)
    page.context.add_cookies([_session_cookie(pemohon.user, live_server.url)])
    page.goto(f"{live_server.url}/pemohon/pengajuan/{pengajuan.kode}/")
    panel = page.locator("#dokumen-jadi")
    panel.get_by_text("Ketentuan Penggunaan Dokumen TTE").wait_for()
    audit.check("panel, dokumen tersedia")
    with page.expect_download() as info:
        panel.get_by_role("button", name="Download").click()
    download = info.value
    assert download.suggested_filename == "akta.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page.reload()
    state = panel.locator('[data-keadaan="diunduh"]')
    state.wait_for()
    assert "Sudah diunduh pada" in state.inner_text()
    assert panel.get_by_role("button", name="Download").count() == 0
    assert panel.get_by_role("button", name="Minta Unduh Ulang").count() == 1
    audit.check("panel, sudah diunduh")
    page.goto(f"{live_server.url}/verifikasi/{dokumen.kode_tampil}/")
    page.locator("#putusan").get_by_text("ASLI").wait_for()
    audit.check("verifikasi")
    audit.assert_clean()
