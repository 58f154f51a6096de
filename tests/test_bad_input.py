"""Bad input gets a clear Indonesian message, and nothing is lost: no 500s.

Every URL of the URLconf (the walk of ``test_urls_auth``) is requested by three personas
(an anonymous visitor, an active applicant, a verifier) with hostile query strings, and
every form a page shows is sent back filled with hostile values. Nothing may answer 5xx
or redirect off the site, and a form page answers with the form again (an Indonesian
message, the typed values kept) or with a redirect.

The hostile values are sampled, not crossed: field ``j`` of body ``i`` gets value
``(i + j) mod n``, so every field meets every value once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlencode, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sintren.accounts.models import Pemohon
from sintren.accounts.tests.factories import PemohonFactory, StaffFactory, nik_for
from sintren.core.tests.utils import captcha_post_data
from tests.test_urls_auth import ENTRIES, PUBLIC, Entry

PERSONAS = ("anonim", "pemohon", "verifikator")

HOSTILE: tuple[str, ...] = (
    "",
    "x" * 10_000,
    "<script>alert('sintren')</script>",
    "nul\x00byte",
    "' OR 1=1 --",
    "😀🇮🇩 Ñandú ﷽",
    "-1",
    "99999999999999999999",
    "31-02-2024",
    "33260717O89OABCD",  # a NIK with letters in it
    "../../",
    "//evil.example",
    "   ",
    "-1e309",
)

# Query parameters the views read, plus those any page might be probed with.
QUERY_NAMES = (
    "page",
    "halaman",
    "layanan",
    "parent",
    "chain",
    "next",
    "q",
    "status",
    "provinsi",
    "kabupaten",
    "kecamatan",
    "desa",
)
LITERAL_QUERIES = (
    "page=-1",
    "page=abc",
    "page=99999999999999999999",
    "layanan=%00",
    "parent=../../",
    "next=//evil.example",
    "q[]=1",
    "chain=provinsi,kabupaten,kecamatan,desa,x&provinsi=%00&kabupaten=33.26",
)

# English leaking out of Django's or a library's default messages.
ENGLISH = re.compile(
    r"\b(This field|Enter a|Select a valid|Ensure this|Null characters|is required|"
    r"is not valid|must be|Please|invalid|characters?\b)",
)
# Views whose forms log the persona out or are covered elsewhere: only the generic POST.
SKIP_FORMS = {"accounts:logout", "backoffice:logout", "admin:logout"}
TEXT_TYPES = {"text", "email", "tel", "search", "number", "date", "url", ""}
# Cleared on purpose: the captcha's answer (a used question is replaced) and the mother's
# name (a secret, never sent back to the page, like a password).
FRESH_FIELDS = {"captcha", "nama_ibu"}


# --- Parsing a page's forms ----------------------------------------------------------------
@dataclass
class Form:
    """A ``<form>`` of a page: where it goes and its named controls."""

    method: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> input type
    hidden: dict[str, str] = field(default_factory=dict)  # name -> value


class _PageParser(HTMLParser):
    """The forms of a page and the texts of its error messages."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.errors: list[str] = []
        self._form: Form | None = None
        self._error_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        classes = attr.get("class", "").split()
        if self._error_depth:
            self._error_depth += 1
        elif {"errorlist", "error-summary", "msg-error"} & set(classes):
            self._error_depth = 1
            self.errors.append("")
        if tag == "form":
            self._form = Form(attr.get("method", "get").lower(), attr.get("action", ""))
            self.forms.append(self._form)
        elif tag in {"input", "select", "textarea"} and self._form and attr.get("name"):
            kind = attr.get("type", "").lower() if tag == "input" else tag
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind == "hidden":
                self._form.hidden[attr["name"]] = attr.get("value", "")
            else:
                self._form.fields[attr["name"]] = kind

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self._error_depth:
            self._error_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        if self._error_depth:
            self._error_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._error_depth:
            self.errors[-1] += data


def parse(content: bytes) -> _PageParser:
    parser = _PageParser()
    parser.feed(content.decode("utf-8", "replace"))
    return parser


# --- Personas and paths --------------------------------------------------------------------
def persona_client(persona: str) -> Client:
    client = Client(raise_request_exception=False)
    if persona == "pemohon":
        client.force_login(PemohonFactory.create(aktif=True).user)
    elif persona == "verifikator":
        client.force_login(StaffFactory.create())
    return client


def _pending_pemohon() -> dict[str, Any]:
    return {"pk": PemohonFactory.create().pk}


def _activation_token() -> dict[str, Any]:
    from sintren.accounts.services import aktivasi_token_issue

    return {"token": aktivasi_token_issue(pemohon=PemohonFactory.create(disetujui=True))}


def _reset_token() -> dict[str, Any]:
    from sintren.accounts.tokens import reset_link_token

    return {"token": reset_link_token(PemohonFactory.create(aktif=True).user)}


# Pages of one object: reach a real one rather than only the dummy's 404.
REAL_OBJECTS: dict[str, Callable[[], dict[str, Any]]] = {
    "backoffice:pendaftaran_detail": _pending_pemohon,
    "backoffice:pendaftaran_setujui": _pending_pemohon,
    "backoffice:pendaftaran_tolak": _pending_pemohon,
    "accounts:aktivasi": _activation_token,
    "accounts:reset_password": _reset_token,
}


def real_path(entry: Entry) -> str:
    make = REAL_OBJECTS.get(entry.full_name)
    return reverse(entry.full_name, kwargs=make()) if make else entry.path


def _foreign(entry: Entry) -> bool:
    return entry.namespace.split(":")[0] in {"admin", "django_rq"}


def _case_id(value: Any) -> str:
    return value if isinstance(value, str) else f"{value.full_name} {value.path}"


# Our own pages, for every persona. Django's admin pages (behind a gate none of these
# personas passes) are shared out: each persona takes every third one.
OWN = [entry for entry in ENTRIES if not _foreign(entry)]
FOREIGN = [entry for entry in ENTRIES if _foreign(entry)]
CASES = [(persona, entry) for entry in OWN for persona in PERSONAS]


# --- What every answer must satisfy --------------------------------------------------------
def check_answer(response: Any, what: str) -> None:
    """No 5xx, no redirect off the site, no hostile markup echoed unescaped."""
    exc = getattr(response, "exc_info", None)
    assert response.status_code < 500, f"{what} answered {response.status_code}: {exc}"
    location = response.get("Location", "")
    netloc = urlsplit(location).netloc
    assert netloc in {"", "testserver"}, f"{what} redirects off the site: {location}"
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        assert b"<script>alert(" not in response.content, f"{what} echoes markup unescaped"


def check_form_answer(response: Any, body: dict[str, str], form: Form, what: str) -> None:
    """A form page answers with a redirect, or the form with Indonesian errors and the input."""
    check_answer(response, what)
    assert response.status_code == 200 or 300 <= response.status_code < 400, (
        f"{what} answered {response.status_code} to a filled-in form"
    )
    if response.status_code != 200:
        return
    if not any(kind not in {"hidden", "submit"} for kind in form.fields.values()):
        return  # a button (e.g. Cek Data Kependudukan): no input to refuse or to keep
    page = parse(response.content)
    errors = [" ".join(text.split()) for text in page.errors if text.strip()]
    assert errors, f"{what} shows the page again without a message"
    english = [text for text in errors if ENGLISH.search(text)]
    assert not english, f"{what} shows an English message: {english}"
    text = response.content.decode()
    for name, value in body.items():
        kept = form.fields.get(name) in TEXT_TYPES | {"textarea"} and name not in FRESH_FIELDS
        if kept and value.strip():
            assert escape(value) in text, f"{what} lost the input of {name!r}"


def hostile_bodies(form: Form, count: int) -> Iterator[dict[str, str]]:
    names = list(form.fields)
    for i in range(count):
        body = dict(form.hidden) if i % 2 == 0 else dict.fromkeys(form.hidden, HOSTILE[i])
        body.update({name: HOSTILE[(i + j) % len(HOSTILE)] for j, name in enumerate(names)})
        yield body


def _own_post_forms(entry: Entry, path: str, page: _PageParser) -> list[tuple[str, Form]]:
    """The page's own POST forms: those sent to the page itself or to a URL below it
    (*Tolak* on a registration's page), not the header's forms of every page."""
    forms = []
    for form in page.forms:
        target = urljoin(path, form.action) if form.action else path
        try:
            match = resolve(urlsplit(target).path)
        except Resolver404:
            continue
        below = path != "/" and urlsplit(target).path.startswith(path)
        if form.method == "post" and (match.view_name == entry.full_name or below):
            forms.append((target, form))
    return forms


# --- GET with hostile query strings ---------------------------------------------------------
def hostile_queries(names: list[str], share: int | None) -> list[str]:
    """The literal probes and the rotated queries; with ``share``, only every third of them.

    A page every persona sees alike is shared out between the three personas, who then
    between them send every value to every parameter; a page only one persona reaches
    gets them all from that persona.
    """
    rotated = [
        urlencode({name: HOSTILE[(i + j) % len(HOSTILE)] for j, name in enumerate(names)})
        for i in range(len(HOSTILE))
    ]
    queries = [*LITERAL_QUERIES, *rotated]
    return queries if share is None else queries[share :: len(PERSONAS)]


def hostile_paths(path: str) -> list[str]:
    """``path`` with its dummy parameter replaced by hostile values (URL-quoted)."""
    if "contoh" not in path:
        return []
    values = ("\x00", "😀", "x" * 300, "' OR 1=1 --", "..%2F..%2F", "-1")
    return [path.replace("contoh", quote(value, safe="%")) for value in values]


def _get_form_names(response: Any) -> list[str]:
    names = list(QUERY_NAMES)
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        for form in parse(response.content).forms:
            if form.method == "get":
                names += [name for name in form.fields if name not in names]
    return names


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "entry"), CASES, ids=_case_id)
def test_hostile_query_strings_never_fail(persona: str, entry: Entry) -> None:
    client = persona_client(persona)
    path = real_path(entry)
    first = client.get(path)
    check_answer(first, f"GET {path} as {persona}")
    alike = first.status_code != 200 or any(fnmatch(entry.full_name, p) for p in PUBLIC)
    share = PERSONAS.index(persona) if alike else None
    for query in hostile_queries(_get_form_names(first), share):
        response = client.get(f"{path}?{query}")
        check_answer(response, f"GET {path}?{query[:120]} as {persona}")
    for hostile in hostile_paths(entry.path):
        check_answer(client.get(hostile), f"GET {hostile[:120]} as {persona}")


# --- POST garbage ----------------------------------------------------------------------------
GENERIC_BODY = {name: HOSTILE[i % len(HOSTILE)] for i, name in enumerate(QUERY_NAMES)}


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "entry"), CASES, ids=_case_id)
def test_garbage_posts_never_fail(persona: str, entry: Entry) -> None:
    client = persona_client(persona)
    path = real_path(entry)
    # Any URL, form or not: a body of hostile values under the usual names.
    check_answer(client.post(path, GENERIC_BODY), f"POST {path} as {persona}")
    if entry.full_name in SKIP_FORMS:
        return
    page = client.get(path)
    if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
        return
    for target, form in _own_post_forms(entry, path, parse(page.content)):
        for body in hostile_bodies(form, len(HOSTILE)):
            response = client.post(target, body)
            check_form_answer(response, body, form, f"POST {target} {body!r:.200} as {persona}")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_pages_refuse_hostile_requests_cleanly(persona: str) -> None:
    client = persona_client(persona)
    share = PERSONAS.index(persona)
    for i, entry in enumerate(FOREIGN[share :: len(PERSONAS)]):
        query = LITERAL_QUERIES[i % len(LITERAL_QUERIES)]
        check_answer(client.get(f"{entry.path}?{query}"), f"GET {entry.path}?{query}")
        check_answer(client.post(entry.path, GENERIC_BODY), f"POST {entry.path} as {persona}")


# --- Requests refused before any view -------------------------------------------------------
ENGLISH_ERROR_PAGES = ("Forbidden", "CSRF verification failed", "Bad Request", "Not Allowed")


def _indonesian_page(response: Any) -> str:
    text = response.content.decode()
    assert '<html lang="id">' in text
    assert not [phrase for phrase in ENGLISH_ERROR_PAGES if phrase in text]
    return text


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_an_indonesian_403() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/pemohon/login/", {"nik": nik_for(1), "password": "Rahasia123"})
    assert response.status_code == 403
    text = _indonesian_page(response)
    assert "Formulir tidak dapat diproses" in text
    assert 'href="/pemohon/login/"' in text or "Muat ulang" in text


@pytest.mark.django_db
def test_too_many_fields_get_an_indonesian_400() -> None:
    body = "&".join(f"f{i}=1" for i in range(1_500))  # about 12 KB: under the size limit
    response = Client(raise_request_exception=False).post(
        "/pemohon/daftar/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in _indonesian_page(response)


@pytest.mark.django_db
def test_an_oversized_form_gets_an_indonesian_413() -> None:
    body = {"nama_lengkap": "x" * 3_000_000}
    response = Client(raise_request_exception=False).post("/pemohon/daftar/", body)
    assert response.status_code == 413
    assert "Data yang dikirim terlalu besar" in response.content.decode()


# --- A "next" that is not a path ------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["abc", "-1", "😀", "//evil.example", "https://evil.example/"])
def test_applicant_login_with_a_bad_next_goes_home(client: Client, next_url: str) -> None:
    pemohon = PemohonFactory.create(aktif=True)
    page = client.get("/pemohon/login/")
    data = {"nik": pemohon.nik, "password": "Rahasia123", "next": next_url}
    response = client.post("/pemohon/login/", {**data, **captcha_post_data(page.content)})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["abc", "😀", "//evil.example"])
def test_staff_login_with_a_bad_next_goes_to_the_dashboard(client: Client, next_url: str) -> None:
    staff = StaffFactory.create()
    data = {"username": staff.username, "password": "Rahasia123", "next": next_url}
    response = client.post("/backoffice/login/", data)
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:dashboard")


@pytest.mark.django_db
def test_mode_switch_with_a_bad_next_goes_home(client: Client) -> None:
    client.force_login(PemohonFactory.create(aktif=True).user)
    response = client.post("/pemohon/mode/", {"mode": "pribadi", "next": "abc"})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_permission_denied_page_is_indonesian(rf: Any) -> None:
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    response = permission_denied(rf.get("/pemohon/profil/"), PermissionDenied())
    assert response.status_code == 403
    assert "Akses ditolak" in _indonesian_page(response)


# --- Property: the registration form under arbitrary text -----------------------------------
REGISTRASI = {
    "nik": nik_for(4321),
    "nama_lengkap": "Dewi Lestari",
    "nomor_kk": "3326070101904321",
    "tempat_lahir": "Pekalongan",
    "tanggal_lahir": "17-08-1990",
    "nama_ibu": "Siti Aminah",
    "provinsi": "33",
    "kabupaten": "33.26",
    "kecamatan": "33.26.07",
    "desa": "33.26.07.2008",
    "nomor_hp": "081234564321",
    "email": "dewi@contoh.id",
    "password1": "Pekalongan2024",
    "password2": "Pekalongan2024",
}


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(overrides=st.dictionaries(st.sampled_from(sorted(REGISTRASI)), st.text(max_size=60)))
@example(overrides={})  # all valid: the one way to a new Pemohon
@example(overrides={"nik": "33260717O89OABCD", "tanggal_lahir": "31-02-2024"})
def test_registration_under_arbitrary_text(client: Client, overrides: dict[str, str]) -> None:
    """Any text in any field: never a 5xx, and a Pemohon only from a valid form."""
    from sintren.accounts.tests.factories import wilayah_pekalongan_create

    wilayah_pekalongan_create()
    before = Pemohon.objects.count()
    page = client.get("/pemohon/daftar/")
    response = client.post(
        "/pemohon/daftar/", {**REGISTRASI, **overrides, **captcha_post_data(page.content)}
    )
    assert response.status_code < 500
    created = Pemohon.objects.count() - before
    if response.status_code == 302:
        assert response["Location"] == reverse("accounts:daftar_berhasil")
        # New, or already registered by an earlier example (the same notice either way).
        assert created in (0, 1)
        data = {**REGISTRASI, **overrides}
        assert Pemohon.objects.filter(nik=data["nik"].strip()).exists()
        assert re.fullmatch(r"\s*\d{16}\s*", data["nik"])
        assert data["password1"] == data["password2"]
    else:
        assert response.status_code == 200
        assert created == 0
        assert parse(response.content).errors, "the form came back without a message"


@pytest.mark.django_db
def test_tolak_with_a_bad_reason_on_a_decided_registration_says_why(client: Client) -> None:
    """A stale page: another verifier decided meanwhile, and the reason is not valid."""
    client.force_login(StaffFactory.create())
    pemohon = PemohonFactory.create(ditolak=True)
    url = reverse("backoffice:pendaftaran_tolak", args=[pemohon.pk])
    response = client.post(url, {"alasan": "nul\x00byte"}, follow=True)
    assert response.status_code == 200
    assert "tidak lagi menunggu verifikasi" in response.content.decode()
