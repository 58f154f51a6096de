"""Unbound form pages rendered once per process, with the per-visitor values filled in.

The login, registration, status, forgotten-password and staff login pages look the same
to every anonymous visitor except for three values: the CSRF token (``{% csrf_token %}``)
and the captcha's signed token and question. :func:`form_page` renders such a page once
per process, language and :func:`~sintren.core.konten.konten_kunci` with placeholders
for those values (a :class:`FormSkeleton`), then fills them in for each request with a
CSRF token (:func:`sintren.core.csrf.csrf_token`: what Django's ``get_token``
returns, with one read of the random source per string instead of one per character)
and a fresh
``captcha_new(scope)``. The HTML is byte for byte the page the view would render,
except for those values (tested).

Only an unbound ``GET`` without a query string from an anonymous visitor without a
session or messages cookie gets the skeleton (:func:`form_page_eligible`); everything
else is rendered as before. ``AnonymousPageMiddleware`` (sintren/public/middleware.py)
keeps the skeleton and the response headers of such a page and answers later visits
itself: :meth:`FormSkeleton.respond` reads the CSRF cookie as ``CsrfViewMiddleware``
does, fills the page (the captcha bound to the visitor's CSRF secret), sets the cookie
Django would set (:func:`sintren.core.csrf.set_csrf_cookie`), and compresses the page
from the pre-compressed static parts (the per-visitor values go in uncompressed blocks,
so they are never compressed together with any other content).
Showing a form page still writes nothing anywhere (ADR 0003).
"""

from __future__ import annotations

import functools
import re
import secrets
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.translation import get_language

from sintren.core.captcha import Captcha, CaptchaFormMixin, captcha_binding_of, captcha_new
from sintren.core.csrf import csrf_token, set_csrf_cookie
from sintren.core.konten import konten_kunci, konten_memo_clear_hook

# Set on a response built from a skeleton, for AnonymousPageMiddleware.
SKELETON_ATTR = "sintren_form_skeleton"
CSRF_PLACEHOLDER = "sintrenXcsrfXplaceholderX7f3a91"
TOKEN_PLACEHOLDER = "sintrenXcaptchaXtokenX7f3a91"  # noqa: S105 - a placeholder
QUESTION_PLACEHOLDER = "sintrenXcaptchaXquestionX7f3a91"
_SLOTS = {CSRF_PLACEHOLDER: 0, TOKEN_PLACEHOLDER: 1, QUESTION_PLACEHOLDER: 2}
_SPLIT = re.compile("(" + "|".join(_SLOTS) + ")")
MAX_SKELETONS = 64
_MESSAGES_COOKIE = "messages"

# gzip (RFC 1952) around raw deflate: the header names a file of 0..99 random bytes
# (Django's GZipMiddleware does the same against BREACH-style length probes).
_GZIP_HEAD = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff"
_DEFLATE_END = b"\x03\x00"  # an empty final block
_STORED_MAX = 0xFFFF

_skeletons: dict[tuple[str, str, str, str], FormSkeleton] = {}
_lock = threading.Lock()
_csrf = CsrfViewMiddleware(lambda request: HttpResponse())


def _deflate(data: bytes) -> bytes:
    """Raw deflate of ``data`` ending on a full flush: it can be followed by any block."""
    if not data:
        return b""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


def _stored(data: bytes) -> bytes:
    """``data`` as uncompressed deflate blocks (byte-aligned, not final)."""
    blocks = []
    for start in range(0, len(data), _STORED_MAX):
        chunk = data[start : start + _STORED_MAX]
        blocks.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


@dataclass(frozen=True)
class FormSkeleton:
    """A rendered form page with slots for the CSRF token and the captcha.

    ``parts`` are the page's bytes between the slots, ``slots`` the value each gap takes
    (0 the CSRF token, 1 the captcha token, 2 its question), ``scope`` the captcha
    form's scope (``None`` for a page without captcha) and ``key`` the content key it
    was rendered under.
    """

    key: str
    parts: tuple[bytes, ...]
    slots: tuple[int, ...]
    scope: str | None
    deflated: tuple[bytes, ...]

    @classmethod
    def from_html(cls, key: str, html: str, scope: str | None) -> FormSkeleton:
        pieces = _SPLIT.split(html)
        parts = tuple(piece.encode() for piece in pieces[0::2])
        slots = tuple(_SLOTS[piece] for piece in pieces[1::2])
        return cls(key, parts, slots, scope, tuple(_deflate(part) for part in parts))

    def values(self, request: HttpRequest) -> tuple[bytes, bytes, bytes]:
        """This visitor's CSRF token and a new captcha, as they appear in the page."""
        csrf = csrf_token(request)  # first: the captcha binds to the secret it may make
        token = question = ""
        if self.scope is not None:
            binding = captcha_binding_of(request.META["CSRF_COOKIE"])
            captcha = captcha_new(self.scope, binding=binding)
            token, question = captcha.token, captcha.question
        return escape(csrf).encode(), escape(token).encode(), escape(question).encode()

    def fill(self, request: HttpRequest) -> bytes:
        """The page for this visitor."""
        values = self.values(request)
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            out.append(values[slot])
            out.append(part)
        return b"".join(out)

    def fill_gzip(self, request: HttpRequest) -> bytes:
        """The page for this visitor, gzip-compressed (static parts compressed once)."""
        values = self.values(request)
        random_name = b"a" * secrets.randbelow(GZipMiddleware.max_random_bytes) + b"\x00"
        out = [_GZIP_HEAD, random_name, self.deflated[0]]
        crc = zlib.crc32(self.parts[0])
        size = len(self.parts[0])
        for slot, part, deflated in zip(self.slots, self.parts[1:], self.deflated[1:], strict=True):
            value = values[slot]
            out += [_stored(value), deflated]
            crc = zlib.crc32(part, zlib.crc32(value, crc))
            size += len(value) + len(part)
        out += [_DEFLATE_END, struct.pack("<II", crc, size & 0xFFFFFFFF)]
        return b"".join(out)

    def respond(
        self,
        request: HttpRequest,
        headers: dict[str, tuple[str, str]],
        *,
        gzip: bool,
        expires: bool,
    ) -> HttpResponse:
        """The whole answer to an eligible ``GET``, without the rest of the stack.

        ``headers`` are those of an earlier answer of the full stack for this page and
        variant (without ``Expires``, ``Content-Length`` and cookies; its
        ``Cache-Control`` is already ``never_cache``'s, its ``Vary`` names ``Cookie``),
        as Django's response keeps them (lower-case name: name and value, see
        :func:`kept_headers`); ``expires``: that answer had an ``Expires`` header, which
        is set to now again, as ``never_cache`` does. The CSRF cookie is read by
        ``CsrfViewMiddleware``'s own method and set as it would set it
        (:func:`sintren.core.csrf.set_csrf_cookie`); the captcha is bound to the CSRF
        secret as in a view.
        """
        _csrf.process_request(request)
        body = self.fill_gzip(request) if gzip else self.fill(request)
        response = HttpResponse(body)
        store = response.headers._store
        store.update(headers)
        store["content-length"] = ("Content-Length", str(len(body)))
        if expires:
            store["expires"] = ("Expires", _http_date_now())
        set_csrf_cookie(request, response)
        return response


def header_store(headers: Iterable[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Checked headers as Django's ``ResponseHeaders`` keeps them (lower-case name: name
    and value), to be copied into a response's ``headers._store`` without checking them
    again."""
    return {name.lower(): (name, value) for name, value in headers}


def kept_headers(response: HttpResponse, leave_out: frozenset[str]) -> dict[str, tuple[str, str]]:
    """``response``'s headers but those named in ``leave_out`` (lower case), for
    :meth:`FormSkeleton.respond`."""
    return header_store(
        (name, value) for name, value in response.items() if name.lower() not in leave_out
    )


@functools.lru_cache(maxsize=1)
def _http_date(second: int) -> str:
    return http_date(second)


def _http_date_now() -> str:
    """``http_date(time.time())``, written once per second."""
    return _http_date(int(time.time()))


def form_page_eligible(request: HttpRequest) -> bool:
    """An unbound ``GET`` without query from an anonymous visitor without a session."""
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and _MESSAGES_COOKIE not in request.COOKIES
        and not request.user.is_authenticated
    )


def _captcha_form(context: dict[str, Any]) -> CaptchaFormMixin | bool | None:
    """The page's one unbound captcha form, ``None`` if none, ``False`` if not usable."""
    forms = [value for value in context.values() if isinstance(value, CaptchaFormMixin)]
    if not forms:
        return None
    if len(forms) > 1 or forms[0].is_bound:
        return False
    return forms[0]


def _skeleton(
    request: HttpRequest,
    template_name: str,
    context: Callable[[], dict[str, Any]],
    key: tuple[str, str, str, str],
) -> FormSkeleton | None:
    page_context = context()
    form = _captcha_form(page_context)
    if form is False:
        return None
    scope = None
    if isinstance(form, CaptchaFormMixin):
        form._captcha_set(Captcha(token=TOKEN_PLACEHOLDER, question=QUESTION_PLACEHOLDER))
        scope = form.captcha_scope_name()
    page_context["csrf_token"] = CSRF_PLACEHOLDER
    html = render_to_string(template_name, page_context, request=request)
    skeleton = FormSkeleton.from_html(key[3], html, scope)
    with _lock:
        if len(_skeletons) >= MAX_SKELETONS:
            _skeletons.pop(next(iter(_skeletons)))
        _skeletons[key] = skeleton
    return skeleton


def form_page(
    request: HttpRequest, template_name: str, context: Callable[[], dict[str, Any]]
) -> HttpResponse:
    """Render the unbound form page ``template_name`` with ``context()``, from a skeleton.

    ``context`` is only called when the page has to be rendered: for a visitor who is
    not eligible (:func:`form_page_eligible`), or once per process and content key.
    """
    if not form_page_eligible(request):
        return render(request, template_name, context())
    key = (template_name, request.path, get_language() or "", konten_kunci())
    skeleton = _skeletons.get(key) or _skeleton(request, template_name, context, key)
    if skeleton is None:
        return render(request, template_name, context())
    response = HttpResponse(skeleton.fill(request))
    setattr(response, SKELETON_ATTR, skeleton)
    return response


def form_skeletons_clear() -> None:
    """Forget this process's skeletons (tests; a content change makes new ones anyway)."""
    with _lock:
        _skeletons.clear()


konten_memo_clear_hook(form_skeletons_clear)
