"""The request being served, reachable from code that is not handed it.

:class:`RequestContextMiddleware` puts the current ``HttpRequest`` in a
:class:`contextvars.ContextVar` for the duration of each request, so services and form
helpers (the captcha, for one) can read it without threading ``request`` through every
call. Outside a request (management commands, background tasks, unit tests calling a
service directly) :func:`current_request` is ``None`` and :func:`current_context` is
:data:`SYSTEM_CONTEXT`.

A context variable, not a thread-local: each thread and each asyncio task sees its own
value, and the middleware resets it when the request ends.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from sintren.core.net import client_ip

USER_AGENT_MAX_LENGTH = 200


@dataclass(frozen=True)
class RequestContext:
    """Who is on the other end of the current request, as far as the server can tell.

    ``ip`` is the client address (see :func:`sintren.core.net.client_ip`), ``None``
    outside a request; ``user_agent`` is the ``User-Agent`` header, cut to 200
    characters.
    """

    ip: str | None
    user_agent: str

    @property
    def is_system(self) -> bool:
        """Whether this is the context of work done outside any request."""
        return self.ip is None

    @classmethod
    def from_request(cls, request: HttpRequest) -> RequestContext:
        user_agent = str(request.META.get("HTTP_USER_AGENT", "") or "")
        return cls(ip=client_ip(request), user_agent=user_agent[:USER_AGENT_MAX_LENGTH])


SYSTEM_CONTEXT = RequestContext(ip=None, user_agent="")

_request: ContextVar[HttpRequest | None] = ContextVar("sintren_request", default=None)
_context: ContextVar[RequestContext] = ContextVar("sintren_context", default=SYSTEM_CONTEXT)


def current_request() -> HttpRequest | None:
    """The request being served, or ``None`` outside a request."""
    return _request.get()


def current_context() -> RequestContext:
    """The current request's :class:`RequestContext`, or :data:`SYSTEM_CONTEXT`."""
    return _context.get()


class RequestContextMiddleware:
    """Make the request available to :func:`current_request` while it is served."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_token = _request.set(request)
        context_token = _context.set(RequestContext.from_request(request))
        try:
            return self.get_response(request)
        finally:
            _context.reset(context_token)
            _request.reset(request_token)
