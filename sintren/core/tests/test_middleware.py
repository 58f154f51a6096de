"""The health endpoint, the CSP header and the Indonesian 405 page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


def test_healthz_answers_without_session_or_database(client: Client) -> None:
    # No django_db mark: any database access in this request would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert not response.cookies


@pytest.mark.django_db
def test_every_page_carries_a_strict_csp(client: Client) -> None:
    csp = client.get(reverse("public:persyaratan"))["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.django_db
def test_get_on_a_post_only_address_explains_itself(client: Client) -> None:
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Cara membuka halaman tidak sesuai" in response.content.decode()
    # A browser reads only Content-Length bytes: it must count the page, not the empty body.
    assert int(response["Content-Length"]) == len(response.content)
