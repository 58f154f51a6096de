"""The current request, reachable through a context variable while it is served."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from sintren.core.context import (
    SYSTEM_CONTEXT,
    RequestContext,
    RequestContextMiddleware,
    current_context,
    current_request,
)

rf = RequestFactory()


def _serve(request: HttpRequest) -> dict[str, Any]:
    """Serve ``request`` through the middleware; return what the view saw."""
    seen: dict[str, Any] = {}

    def view(req: HttpRequest) -> HttpResponse:
        seen["request"] = current_request()
        seen["context"] = current_context()
        return HttpResponse()

    RequestContextMiddleware(view)(request)
    return seen


def test_outside_a_request_there_is_none_and_the_system_context() -> None:
    assert current_request() is None
    assert current_context() is SYSTEM_CONTEXT
    assert SYSTEM_CONTEXT.is_system
    assert SYSTEM_CONTEXT.ip is None


def test_the_view_sees_its_request_and_who_sent_it(settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="Mozilla/5.0 (Uji)")
    seen = _serve(request)
    assert seen["request"] is request
    assert seen["context"] == RequestContext(ip="203.0.113.5", user_agent="Mozilla/5.0 (Uji)")
    assert not seen["context"].is_system
    assert current_request() is None
    assert current_context() is SYSTEM_CONTEXT


def test_the_address_comes_from_client_ip_trusting_only_our_proxies(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    trusted = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    spoofed = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _serve(trusted)["context"].ip == "198.51.100.7"
    assert _serve(spoofed)["context"].ip == "203.0.113.5"


def test_user_agent_is_cut_to_200_characters_and_may_be_missing() -> None:
    long_agent = "A" * 150 + "B" * 150
    assert _serve(rf.get("/", HTTP_USER_AGENT=long_agent))["context"].user_agent == (
        "A" * 150 + "B" * 50
    )
    assert _serve(rf.get("/"))["context"].user_agent == ""


def test_the_request_is_forgotten_when_the_view_fails() -> None:
    def view(_: HttpRequest) -> HttpResponse:
        assert current_request() is not None
        raise RuntimeError("gagal")

    with pytest.raises(RuntimeError, match="gagal"):
        RequestContextMiddleware(view)(rf.get("/"))
    assert current_request() is None
    assert current_context() is SYSTEM_CONTEXT


def test_nested_requests_restore_the_outer_one() -> None:
    outer, inner = rf.get("/luar/"), rf.get("/dalam/")
    seen: list[HttpRequest | None] = []

    def inner_view(_: HttpRequest) -> HttpResponse:
        seen.append(current_request())
        return HttpResponse()

    def outer_view(_: HttpRequest) -> HttpResponse:
        RequestContextMiddleware(inner_view)(inner)
        seen.append(current_request())
        return HttpResponse()

    RequestContextMiddleware(outer_view)(outer)
    assert seen == [inner, outer]


def test_other_threads_do_not_see_the_request() -> None:
    seen: list[HttpRequest | None] = []

    def view(_: HttpRequest) -> HttpResponse:
        thread = threading.Thread(target=lambda: seen.append(current_request()))
        thread.start()
        thread.join()
        seen.append(current_request())
        return HttpResponse()

    request = rf.get("/")
    RequestContextMiddleware(view)(request)
    assert seen == [None, request]


def test_middleware_is_installed_right_after_csrf() -> None:
    middleware = django_settings.MIDDLEWARE
    csrf = middleware.index("django.middleware.csrf.CsrfViewMiddleware")
    assert middleware[csrf + 1] == "sintren.core.context.RequestContextMiddleware"
