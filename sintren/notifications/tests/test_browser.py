"""The development outbox in a real browser: readable, accessible, no console errors."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.browser
def test_outbox_page_is_accessible(e2e_server: str, page: Any, axe_violations: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(e2e_server + "/dev/outbox/")
    assert page.locator("h1").inner_text() == "Kotak Keluar Pengembangan"
    assert "produksi" in page.locator(".notice").inner_text()
    assert axe_violations(page) == []
    assert errors == []
