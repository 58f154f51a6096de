"""Cross-cutting middleware: the health endpoint, the CSP and the 405 page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

HEALTH_PATH = "/healthz"

CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class HealthCheckMiddleware:
    """Answer ``/healthz`` first, before sessions, auth or the database are touched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == HEALTH_PATH:
            response = HttpResponse("ok", content_type="text/plain")
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Add a strict CSP: nothing from other hosts, no inline script or style."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = CSP
        return response


class MethodNotAllowedPageMiddleware:
    """Explain a 405 in Indonesian instead of the empty page ``require_POST`` gives.

    A citizen gets one by opening a button's address directly (a bookmarked logout, a
    reloaded form result); the ``Allow`` header stays as the view set it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.method == "GET":
            response.content = render_to_string("405.html", request=request).encode()
            response["Content-Type"] = "text/html; charset=utf-8"
            # CommonMiddleware (inner) already set "Content-Length: 0" for the empty body.
            response["Content-Length"] = str(len(response.content))
        return response
