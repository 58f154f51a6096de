"""SEC-2: idle and absolute session limits, counted from the login."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from freezegun import freeze_time

from sintren.core.sessions import LOGIN_AT_KEY

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sintren.core.tests.urls_sessions")]
START = "2025-01-06 08:00:00+07:00"
EXPIRED = "Sesi Anda telah berakhir. Silakan login kembali."


@pytest.fixture(autouse=True)
def _login_url(settings: Any) -> None:
    settings.LOGIN_URL = "/masuk/"
    settings.STAFF_LOGIN_URL = "/masuk/"
    settings.SESSION_IDLE_SECONDS = 30 * 60
    settings.SESSION_COOKIE_AGE = 12 * 3600


@pytest.fixture
def client_logged_in() -> Client:
    get_user_model().objects.create_user(username="budi", password="Rahasia123!")
    client = Client()
    response = client.post("/masuk/", {"username": "budi", "password": "Rahasia123!"})
    assert response.content == b"ok"
    return client


def test_session_start_rotates_key_and_records_login() -> None:
    get_user_model().objects.create_user(username="budi", password="Rahasia123!")
    client = Client()
    client.get("/masuk/")
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "x" * 32
    client.post("/masuk/", {"username": "budi", "password": "Rahasia123!"})
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert key != "x" * 32
    assert isinstance(client.session[LOGIN_AT_KEY], int)


def test_idle_timeout(client_logged_in: Client) -> None:
    with freeze_time(START) as frozen:
        client = client_logged_in
        client.post("/masuk/", {"username": "budi", "password": "Rahasia123!"})
        frozen.tick(29 * 60)
        assert client.get("/rahasia/").content == b"rahasia"
        frozen.tick(29 * 60)  # active 29 minutes ago: still fine
        assert client.get("/rahasia/").content == b"rahasia"
        frozen.tick(30 * 60 + 1)
        response = client.get("/rahasia/?tab=2")
        assert response.status_code == 302
        assert response["Location"] == "/masuk/?next=/rahasia/%3Ftab%3D2"
        assert EXPIRED in client.get("/masuk/").content.decode()
        # Logged out for good: the next request is anonymous.
        assert client.get("/rahasia/")["Location"].startswith("/masuk/")


def test_absolute_timeout_even_when_active(client_logged_in: Client) -> None:
    with freeze_time(START) as frozen:
        client = client_logged_in
        client.post("/masuk/", {"username": "budi", "password": "Rahasia123!"})
        for _ in range(12 * 3 - 1):
            frozen.tick(20 * 60)
            assert client.get("/rahasia/").content == b"rahasia"
        frozen.tick(20 * 60 + 1)  # 12 h and a second after login
        response = client.get("/rahasia/")
        assert response.status_code == 302
        assert "/masuk/?next=/rahasia/" in response["Location"]


def test_htmx_requests_get_a_client_redirect(client_logged_in: Client) -> None:
    with freeze_time(START) as frozen:
        client = client_logged_in
        client.post("/masuk/", {"username": "budi", "password": "Rahasia123!"})
        frozen.tick(31 * 60)
        response = client.get("/rahasia/", headers={"HX-Request": "true"})
        assert response.status_code == 204
        assert response["HX-Redirect"] == "/masuk/?next=/rahasia/"


def test_login_without_session_start_gets_a_start_time() -> None:
    user = get_user_model().objects.create_user(username="budi", password="Rahasia123!")
    client = Client()
    with freeze_time(START) as frozen:
        client.force_login(user)
        assert client.get("/rahasia/").content == b"rahasia"
        assert LOGIN_AT_KEY in client.session
        frozen.tick(31 * 60)
        assert client.get("/rahasia/").status_code == 302


def test_anonymous_visitors_get_no_session() -> None:
    client = Client()
    response = client.get("/")
    assert response.content == b"beranda"
    assert django_settings.SESSION_COOKIE_NAME not in response.cookies


def test_middleware_is_installed_after_authentication() -> None:
    middleware = django_settings.MIDDLEWARE
    policy = middleware.index("sintren.core.sessions.SessionPolicyMiddleware")
    assert policy > middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert policy > middleware.index("django.contrib.messages.middleware.MessageMiddleware")
