"""Cross-cutting middleware: body limits, the health endpoint, the CSP, the 405 page and
``no-store`` on private pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

HEALTH_PATH = "/healthz"
# The body limit of a route not in settings.REQUEST_BODY_LIMITS: enough for every form.
DEFAULT_BODY_LIMIT = 64 * 1024
# Pages of these areas are never stored by a browser or proxy, logged in or not.
NO_STORE_PREFIXES = ("/pemohon/", "/backoffice/", "/admin/", "/dev/")
# A chunked GET or HEAD passes: no form sends one, and Django reads a chunked body as
# empty anyway.
_BODYLESS_METHODS = {"GET", "HEAD"}

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


class RequestBodyLimitMiddleware:
    """Refuse a request body larger than its route allows, before anything reads it.

    First in ``MIDDLEWARE``: only the ``Content-Length`` header is looked at. The limit
    of a path is that of the longest matching prefix of ``settings.REQUEST_BODY_LIMITS``
    (bytes). A body of unknown length (``Transfer-Encoding: chunked``) is refused with
    411: its size cannot be checked before reading. The reverse proxy should refuse the
    same sizes first (``client_max_body_size``, docs/operations.md).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        limits = getattr(settings, "REQUEST_BODY_LIMITS", {})
        self.limits = sorted(limits.items(), key=lambda item: len(item[0]), reverse=True)

    def limit_for(self, path: str) -> int:
        """The largest body, in bytes, that ``path`` accepts."""
        for prefix, limit in self.limits:
            if path.startswith(prefix):
                return int(limit)
        return DEFAULT_BODY_LIMIT

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.META.get("CONTENT_LENGTH") or ""
        if not raw:
            chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
            if chunked and request.method not in _BODYLESS_METHODS:
                return _refusal(411)
            return self.get_response(request)
        try:
            length = int(raw)
        except ValueError:
            length = -1
        if length < 0:
            return _refusal(400)
        if length > self.limit_for(request.path_info):
            return _refusal(413)
        return self.get_response(request)


def _refusal(status: int) -> HttpResponse:
    """The short Indonesian page of a refused body (no request: nothing has run yet)."""
    return HttpResponse(render_to_string("413.html", {"status": status}), status=status)


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


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page with personal data.

    That is every answer to a logged-in user (public pages included: they are rendered
    for that user), and every answer under :data:`NO_STORE_PREFIXES`, so neither the
    browser's back button on a shared computer nor a proxy keeps them. Anonymous public
    pages keep their own caching. Placed after WhiteNoise (static files stay cacheable)
    and before the session middleware: the user is looked at once the view has answered
    (a login or logout during the request counts).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(NO_STORE_PREFIXES) or _logged_in(request):
            add_never_cache_headers(response)
        return response


def _logged_in(request: HttpRequest) -> bool:
    # A middleware further in may have answered before AuthenticationMiddleware ran.
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
