"""``/robots.txt``: plain text, cacheable, the public pages allowed, the rest not."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

PRIVATE_AREAS = ["/pemohon/", "/backoffice/", "/admin/", "/dev/"]


def test_robots_txt_is_plain_text_and_cacheable(client: Client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "public" in cache_control
    assert "max-age=86400" in cache_control
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.get("Vary", "")
    assert reverse("public:robots_txt") == "/robots.txt"


def test_robots_txt_allows_the_public_pages_only(client: Client) -> None:
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for area in PRIVATE_AREAS:
        assert f"Disallow: {area}" in lines
    assert "Allow: /" in lines
    assert "Disallow: /" not in lines  # the public site stays indexable


def test_robots_txt_is_cheap(client: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/robots.txt").status_code == 200
    assert len(queries) == 0


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_robots_txt_only_answers_get_and_head(client: Client, method: str) -> None:
    assert getattr(client, method)("/robots.txt").status_code == 405
    assert client.head("/robots.txt").status_code == 200
