"""Form pages from a skeleton: the same HTML as the view renders, except the tokens.

Three ways to the same page: the normal render (a visitor with a session cookie), the
skeleton filled by the view (first anonymous visit in a process) and the skeleton
filled by ``AnonymousPageMiddleware`` (later visits, without the rest of the stack).
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from sintren.accounts.tests.factories import PASSWORD, PemohonFactory
from sintren.core import csrf, formcache
from sintren.core.formcache import (
    CSRF_PLACEHOLDER,
    QUESTION_PLACEHOLDER,
    TOKEN_PLACEHOLDER,
    FormSkeleton,
)
from sintren.core.konten import konten_memo_clear, konten_versi_naik
from sintren.core.tests.utils import captcha_post_data
from sintren.public import middleware

pytestmark = pytest.mark.django_db

FORM_PAGES = [
    "/pemohon/login/",
    "/pemohon/daftar/",
    "/pemohon/status/",
    "/pemohon/lupa-password/",
    "/backoffice/login/",
    "/verifikasi/",
]
CAPTCHA_PAGES = FORM_PAGES[:4]
GZIP = {"accept-encoding": "gzip"}
_CSRF_RE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_TOKEN_RE = re.compile(r'(name="captcha_token" value=")[^"]*(")')
_QUESTION_RE = re.compile(r"Berapa [1-9] (?:dikali|ditambah|dikurangi) [1-9]\?")
# Set per answer (the date, the length of the tokens) or per cookie.
_PER_ANSWER = {"date", "expires", "content-length"}


@pytest.fixture(autouse=True)
def fresh_memo(wilayah_pekalongan: Any) -> Iterator[None]:
    """Region data for the registration page; no skeleton or kept page to start with."""
    konten_memo_clear()
    yield
    konten_memo_clear()


def _normalised(html: str) -> str:
    html = _CSRF_RE.sub(r"\1CSRF\2", html)
    html = _TOKEN_RE.sub(r"\1TOKEN\2", html)
    return _QUESTION_RE.sub("QUESTION", html)


def _tokens(html: str) -> tuple[str, ...]:
    found = [regex.search(html) for regex in (_CSRF_RE, _TOKEN_RE, _QUESTION_RE)]
    return tuple(match[0] for match in found if match is not None)


def _normal(path: str, **headers: str) -> Any:
    """The page as rendered for a visitor with a (here empty) session: no skeleton."""
    client = Client()
    client.cookies["sessionid"] = "sesi-kosong"
    return client.get(path, headers=headers)


def _headers(response: Any) -> dict[str, str]:
    return {k.lower(): v for k, v in response.items() if k.lower() not in _PER_ANSWER}


def _cookie(response: Any) -> dict[str, Any]:
    morsel = response.cookies["csrftoken"]
    return {key: morsel[key] for key in ("path", "max-age", "samesite", "httponly", "secure")}


@pytest.mark.parametrize("path", FORM_PAGES)
def test_skeleton_pages_are_the_rendered_page_except_the_tokens(path: str) -> None:
    normal = _normal(path)
    from_view = Client().get(path)  # builds the skeleton; the middleware keeps it
    with CaptureQueriesContext(connection) as queries:
        from_memo = Client().get(path)
    assert queries.captured_queries == []  # nothing read, nothing written
    assert hasattr(from_view.wsgi_request, "user")  # the whole stack ran
    assert not hasattr(from_memo.wsgi_request, "user")  # answered before sessions, auth
    pages = [response.content.decode() for response in (normal, from_view, from_memo)]
    assert _normalised(pages[1]) == _normalised(pages[0])
    assert _normalised(pages[2]) == _normalised(pages[0])
    for page in pages:  # placeholders never leak
        assert CSRF_PLACEHOLDER not in page
        assert TOKEN_PLACEHOLDER not in page
        assert QUESTION_PLACEHOLDER not in page
    # Every visit has its own tokens.
    if path in CAPTCHA_PAGES:
        assert len(_tokens(pages[1])) == 3
        assert _tokens(pages[1])[:2] != _tokens(pages[2])[:2]
    assert 'name="csrfmiddlewaretoken"' in pages[2]


@pytest.mark.parametrize("path", FORM_PAGES)
def test_kept_form_answers_have_the_headers_and_cookie_of_the_whole_stack(path: str) -> None:
    for headers in ({}, GZIP):
        normal = _normal(path, **headers)
        from_view = Client().get(path, headers=headers)
        from_memo = Client().get(path, headers=headers)
        assert _headers(from_memo) == _headers(from_view) == _headers(normal)
        assert "no-store" in from_memo["Cache-Control"]
        assert from_memo["Expires"]
        assert _cookie(from_memo) == _cookie(from_view) == _cookie(normal)
        assert from_memo.cookies["csrftoken"].value != from_view.cookies["csrftoken"].value
        assert int(from_memo["Content-Length"]) == len(from_memo.content)


@pytest.mark.parametrize("path", FORM_PAGES)
def test_gzip_answers_from_the_memo_unpack_to_the_page(path: str) -> None:
    plain = Client().get(path).content.decode()
    Client().get(path, headers=GZIP)
    response = Client().get(path, headers=GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    page = gzip.decompress(response.content).decode()
    assert _normalised(page) == _normalised(plain)


def test_a_captcha_from_a_kept_page_logs_in() -> None:
    pemohon = PemohonFactory.create(aktif=True)
    Client().get("/pemohon/login/")  # another visitor: the page is kept
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/pemohon/login/")
    assert queries.captured_queries == []
    assert "csrftoken" in page.cookies
    data = {"nik": pemohon.nik, "password": PASSWORD, **captcha_post_data(page.content)}
    response = client.post("/pemohon/login/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert int(client.session["_auth_user_id"]) == pemohon.user.pk


def test_a_kept_page_keeps_the_visitors_csrf_cookie() -> None:
    client = Client()
    first = client.get("/pemohon/lupa-password/")
    secret = first.cookies["csrftoken"].value
    Client().get("/pemohon/lupa-password/")
    again = client.get("/pemohon/lupa-password/")  # from the memo, with the cookie
    assert again.cookies["csrftoken"].value == secret
    data = {"nik": "3326071001900001", "nama_lengkap": "Siti", "nomor_hp": "081234567890"}
    response = client.post("/pemohon/lupa-password/", {**data, **captcha_post_data(again.content)})
    assert 'id="id_captcha_error"' not in response.content.decode()


def test_a_query_string_or_a_session_gets_the_normal_render() -> None:
    Client().get("/pemohon/login/")
    html = Client().get("/pemohon/login/?next=/persyaratan/").content.decode()
    assert 'name="next" value="/persyaratan/"' in html
    with CaptureQueriesContext(connection) as queries:
        _normal("/pemohon/login/")
    assert queries.captured_queries != []  # the session is looked up


def test_head_of_a_form_page_is_still_refused() -> None:
    client = Client()
    client.get("/pemohon/login/")
    assert client.head("/pemohon/login/").status_code == 405


def test_a_content_change_renders_the_skeleton_again(monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[str] = []
    real = formcache.render_to_string  # type: ignore[attr-defined]

    def counting(template_name: str, *args: Any, **kwargs: Any) -> str:
        rendered.append(template_name)
        return real(template_name, *args, **kwargs)

    monkeypatch.setattr(formcache, "render_to_string", counting)
    for _ in range(3):
        Client().get("/pemohon/status/")
    assert rendered == ["accounts/status.html"]
    konten_versi_naik()
    Client().get("/pemohon/status/")
    assert rendered == ["accounts/status.html"] * 2


def test_a_logged_in_applicant_is_not_shown_a_kept_login_page() -> None:
    Client().get("/pemohon/login/")
    client = Client()
    client.force_login(PemohonFactory.create(aktif=True).user)
    assert client.get("/pemohon/login/").status_code == 302


def test_the_form_paths_are_the_urls_of_the_form_pages() -> None:
    assert set(FORM_PAGES) == middleware.FORM_PATHS


# --- the skeleton itself ------------------------------------------------------------------------
_HTML = (
    f'{CSRF_PLACEHOLDER}<form><input name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}">'
    f'<label>{QUESTION_PLACEHOLDER}</label><input value="{TOKEN_PLACEHOLDER}">'
    + "<p>isi halaman</p>" * 3000
    + f"</form>{TOKEN_PLACEHOLDER}"
)


@pytest.mark.parametrize("size", [0, 10, 70_000], ids=["empty", "short", "two-blocks"])
def test_gzip_of_a_skeleton_is_valid_and_holds_the_filled_page(
    size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    skeleton = FormSkeleton.from_html("kunci", _HTML, "LoginForm")
    assert skeleton.slots == (0, 0, 2, 1, 1)
    values = (b"c" * size, b"t&amp;" * size, b"q")
    monkeypatch.setattr(FormSkeleton, "values", lambda self, request: values)
    request = RequestFactory().get("/")
    plain = skeleton.fill(request)
    packed = skeleton.fill_gzip(request)
    assert gzip.decompress(packed) == plain
    assert zlib.decompress(packed, 16 + zlib.MAX_WBITS) == plain
    assert plain.startswith(b"c" * size + b"<form>")
    assert len(packed) < len(plain) or size > 1000


def test_csrf_tokens_are_djangos_format_and_unmask_to_the_secret() -> None:
    request = RequestFactory().get("/")
    tokens = {csrf.csrf_token(request) for _ in range(200)}
    secret = request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert len(tokens) == 200  # a new mask every time
    for token in tokens:
        assert re.fullmatch(r"[A-Za-z0-9]{64}", token)
        assert _unmask_cipher_token(token) == secret
    # A visitor's own secret (from the cookie) is kept.
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = secret
    assert _unmask_cipher_token(csrf.csrf_token(request)) == secret
    # Every character turns up: the masks are not skewed.
    seen = Counter("".join(token[:32] for token in tokens))
    assert len(seen) == 62


def test_csrf_secret_keeps_the_visitors_secret_and_flags_the_cookie() -> None:
    request = RequestFactory().get("/")
    first = csrf.csrf_secret(request)
    assert re.fullmatch(r"[A-Za-z0-9]{32}", first)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert csrf.csrf_secret(request) == first  # asked again: the same secret
    # A malformed cookie value is replaced, as Django's middleware would.
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "pendek"
    assert len(csrf.csrf_secret(request)) == 32


def test_the_csrf_check_accepts_a_kept_pages_token() -> None:
    pemohon = PemohonFactory.create(aktif=True)
    Client().get("/pemohon/login/")
    client = Client(enforce_csrf_checks=True)
    page = client.get("/pemohon/login/")
    assert not hasattr(page.wsgi_request, "user")  # from the memo
    token = _CSRF_RE.search(page.content.decode())
    assert token is not None
    data = {"nik": pemohon.nik, "password": PASSWORD, **captcha_post_data(page.content)}
    refused = client.post("/pemohon/login/", data)
    assert refused.status_code == 403  # no token: refused
    page = client.get("/pemohon/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token is not None
    data = {**data, **captcha_post_data(page.content), "csrfmiddlewaretoken": token[1]}
    assert client.post("/pemohon/login/", data).status_code == 302


def test_the_tokens_are_escaped_as_the_template_would() -> None:
    skeleton = FormSkeleton.from_html("kunci", _HTML, None)
    request = RequestFactory().get("/")
    csrf, token, question = skeleton.values(request)
    assert re.fullmatch(rb"[A-Za-z0-9]{64}", csrf)
    assert token == question == b""  # no captcha on this page


# --- the CSRF cookie, written from Django's own line ---------------------------------------------
_EXPIRES_RE = re.compile(r"expires=[^;]+")


def _set_cookie_line(response: Any) -> str:
    """The cookie's ``Set-Cookie`` line with its value and expiry date left out."""
    morsel = response.cookies["csrftoken"]
    line = morsel.output(header="Set-Cookie:")
    assert line.count(morsel.value) == 1
    return _EXPIRES_RE.sub("expires=DATE", line.replace(morsel.value, "VALUE"))


@pytest.mark.parametrize(
    "cookie_settings",
    [
        {},
        {
            "CSRF_COOKIE_SECURE": True,
            "CSRF_COOKIE_HTTPONLY": True,
            "CSRF_COOKIE_SAMESITE": "Strict",
        },
        {
            "CSRF_COOKIE_NAME": "csrftoken",
            "CSRF_COOKIE_DOMAIN": "127.0.0.1",
            "CSRF_COOKIE_AGE": 3600,
        },
    ],
    ids=["default", "secure-httponly-strict", "domain-age"],
)
def test_kept_pages_set_the_cookie_line_django_sets(cookie_settings: dict[str, Any]) -> None:
    from django.test import override_settings
    from django.utils.http import parse_http_date

    with override_settings(**cookie_settings):
        normal = _normal("/pemohon/login/")
        Client().get("/pemohon/login/")
        kept = Client().get("/pemohon/login/")
        assert not hasattr(kept.wsgi_request, "user")  # from the memo
        assert _set_cookie_line(kept) == _set_cookie_line(normal)
        assert dict(kept.cookies["csrftoken"]) == {
            **dict(normal.cookies["csrftoken"]),
            "expires": kept.cookies["csrftoken"]["expires"],
        }
        # Django's cookie age (364 days) from now, to the second.
        expires = parse_http_date(kept.cookies["csrftoken"]["expires"])
        normal_expires = parse_http_date(normal.cookies["csrftoken"]["expires"])
        assert 0 <= expires - normal_expires <= 2
        assert "Cookie" in kept["Vary"]


def test_the_cookie_line_follows_the_clock_and_keeps_odd_secrets_to_django() -> None:
    from django.http import HttpResponse
    from freezegun import freeze_time

    request = RequestFactory().get("/")
    with freeze_time("2026-12-03 07:30:00"):
        csrf.csrf_secret(request)
        first = HttpResponse()
        csrf.set_csrf_cookie(request, first)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is False
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    with freeze_time("2026-12-03 07:30:01"):
        second = HttpResponse()
        csrf.set_csrf_cookie(request, second)
    assert first.cookies["csrftoken"]["expires"] == "Thu, 02 Dec 2027 07:30:00 GMT"
    assert second.cookies["csrftoken"]["expires"] == "Thu, 02 Dec 2027 07:30:01 GMT"
    assert "expires=Thu, 02 Dec 2027 07:30:01 GMT" in second.cookies["csrftoken"].output()
    # Nothing to set when the secret needs no cookie.
    untouched = HttpResponse()
    csrf.set_csrf_cookie(request, untouched)
    assert not untouched.cookies
    # A value this module did not make (not letters and digits) goes through Django.
    request.META.update(CSRF_COOKIE="a b", CSRF_COOKIE_NEEDS_UPDATE=True)
    odd = HttpResponse()
    csrf.set_csrf_cookie(request, odd)
    assert odd.cookies["csrftoken"].output().startswith('Set-Cookie: csrftoken="a b";')
