"""Deny by default: every URL is named, and every URL outside a short public allowlist
needs a login (an anonymous GET is sent to a login page, or refused; never 200).

Later issues extend ``PUBLIC`` (with a reason per entry) and, for role checks, add
personas beside the anonymous visitor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

# URL names (``namespace:name``, wildcards allowed) anyone may open, and why.
PUBLIC: dict[str, str] = {
    "public:*": "public site: home, persyaratan, formulir, informasi, panduan (PUB-1…5), robots",
    "catalog:*": "blank forms and example images of the public catalogue (PUB-2, PUB-3)",
    "regions:*": "region picker of the registration form (PUB-6)",
    "accounts:login": "applicant login (ACC-5)",
    "accounts:daftar": "registration (ACC-1)",
    "accounts:daftar_berhasil": "registration confirmation (ACC-1)",
    "accounts:daftar_ulang": "re-registration after rejection (ACC-6)",
    "accounts:status": "registration status check (ACC-2)",
    "accounts:aktivasi": "activation link (ACC-4)",
    "accounts:aktivasi_berhasil": "activation confirmation (ACC-4)",
    "accounts:lupa_password": "forgot password (ACC-10)",
    "accounts:reset_password": "password reset link (ACC-10)",
    "backoffice:login": "staff login (BO-1)",
    "verifikasi:*": "public verification of issued documents, by code or PDF (OUT-4, X-7)",
    "dev:outbox": "development outbox, mounted only in the embedded default (NOTIF-3)",
    "admin:login": "Django admin's own login page",
}

# Where an anonymous visitor may be redirected: the login pages.
LOGIN_VIEWS = {"accounts:login", "backoffice:login", "admin:login"}

# Namespaces of Django's own apps whose internal patterns we do not name ourselves.
FOREIGN_NAMESPACES = {"admin", "django_rq"}

# Answers that refuse an anonymous visitor outright (401: token-protected JSON endpoints).
DENIED = {401, 403, 404, 405}

DUMMY_BY_CONVERTER = {
    "int": "1",
    "slug": "contoh",
    "str": "contoh",
    "path": "contoh",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


@dataclass(frozen=True)
class Entry:
    """One URL pattern of the URLconf, with a sample path to request."""

    name: str | None
    namespace: str
    path: str

    @property
    def full_name(self) -> str:
        return f"{self.namespace}:{self.name}" if self.namespace else str(self.name)


def _sample(pattern: Any) -> str:
    """A concrete path matching ``pattern``, dummy values in its parameters."""
    text = str(pattern)
    if isinstance(pattern, RoutePattern):
        return re.sub(
            r"<(?:(\w+):)?\w+>",
            lambda m: DUMMY_BY_CONVERTER.get(m.group(1) or "str", "contoh"),
            text,
        )
    assert isinstance(pattern, RegexPattern)
    text = re.sub(
        r"\(\?P<\w+>([^)]*)\)",
        lambda m: m.group(1).split("|")[0] if "|" in m.group(1) else "contoh",
        text,
    )
    # A URL path holds no literal "?": drop the regex's optional markers.
    return text.lstrip("^").rstrip("$").replace("\\", "").replace("?", "")


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Entry]:
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            ns = ":".join(filter(None, [namespace, item.namespace or ""]))
            yield from _walk(item, prefix + _sample(item.pattern), ns)
        elif isinstance(item, URLPattern):
            yield Entry(item.name, namespace, "/" + prefix + _sample(item.pattern))


ENTRIES = list(_walk(get_resolver()))


def _is_public(entry: Entry) -> bool:
    return any(fnmatch(entry.full_name, pattern) for pattern in PUBLIC)


def _foreign(entry: Entry) -> bool:
    return entry.namespace.split(":")[0] in FOREIGN_NAMESPACES


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.full_name + " " + e.path)
def test_every_url_pattern_is_named(entry: Entry) -> None:
    assert entry.name or _foreign(entry), f"unnamed URL pattern {entry.path}"


PROTECTED = [e for e in ENTRIES if not _is_public(e)]


def _redirects_to_login(client: Client, response: Any, hops: int = 3) -> str | None:
    """Follow up to ``hops`` redirects; the view name reached, or None if not a login page."""
    for _ in range(hops):
        target = urlsplit(response["Location"]).path
        view_name = resolve(target).view_name
        if view_name in LOGIN_VIEWS:
            return view_name
        response = client.get(target)
        if response.status_code != 302:
            return None
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("entry", PROTECTED, ids=lambda e: e.full_name + " " + e.path)
def test_url_outside_the_allowlist_requires_login(client: Client, entry: Entry) -> None:
    response = client.get(entry.path)
    if response.status_code in DENIED:
        return
    assert response.status_code == 302, (
        f"{entry.full_name} ({entry.path}) answered {response.status_code} to an anonymous GET"
    )
    assert _redirects_to_login(client, response), (
        f"{entry.full_name} redirects an anonymous visitor to {response['Location']}, "
        "which does not lead to a login page"
    )


def test_the_walk_sees_the_whole_urlconf() -> None:
    names = {e.full_name for e in ENTRIES}
    assert {"public:home", "public:informasi_detail", "admin:index"} <= names
    assert len(PROTECTED) < len(ENTRIES)


def test_public_pages_really_are_reachable_anonymously(client: Client, db: None) -> None:
    for entry in ENTRIES:
        if entry.full_name in {"public:home", "public:persyaratan", "public:panduan"}:
            assert client.get(entry.path).status_code == 200


# --- Personas: the right login, not just any login ------------------------------------------
APPLICANT_PAGES = [
    e
    for e in PROTECTED
    if e.namespace in {"accounts", "pengajuan", "documents", "chat", "keluaran"}
]
STAFF_PAGES = [e for e in PROTECTED if e.namespace.split(":")[0] in {"backoffice", "admin"}]


def _logged_in(client: Client, persona: str) -> Client:
    from sintren.accounts.models import User
    from sintren.accounts.tests.factories import PemohonFactory, StaffFactory

    if persona == "verifikator":
        client.force_login(StaffFactory.create(role=User.Role.VERIFIKATOR))
    else:
        client.force_login(PemohonFactory.create(status=persona).user)
    return client


def _refused(client: Client, entry: Entry) -> tuple[bool, str]:
    response = client.get(entry.path)
    if response.status_code in DENIED:
        return True, str(response.status_code)
    if response.status_code == 302:
        return bool(_redirects_to_login(client, response)), response["Location"]
    return False, str(response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["menunggu", "disetujui", "ditolak", "verifikator"])
@pytest.mark.parametrize("entry", APPLICANT_PAGES, ids=lambda e: e.full_name)
def test_applicant_pages_need_an_active_applicant(
    client: Client, entry: Entry, persona: str
) -> None:
    refused, answer = _refused(_logged_in(client, persona), entry)
    assert refused, f"{entry.full_name} answered {answer} to a {persona} login"


@pytest.mark.django_db
@pytest.mark.parametrize("entry", STAFF_PAGES, ids=lambda e: e.full_name)
def test_an_applicant_never_opens_a_staff_page(client: Client, entry: Entry) -> None:
    refused, answer = _refused(_logged_in(client, "aktif"), entry)
    assert refused, f"{entry.full_name} answered {answer} to an active applicant"


@pytest.mark.django_db
def test_the_right_persona_is_let_in(client: Client) -> None:
    """Positive control: the refusals above are about the persona, not broken pages."""
    assert _logged_in(Client(), "aktif").get("/pemohon/profil/").status_code == 200
    assert _logged_in(client, "verifikator").get("/backoffice/pendaftaran/").status_code == 200
    assert client.get("/backoffice/pengajuan/").status_code == 200
    assert APPLICANT_PAGES
    assert STAFF_PAGES


# --- Admin-only pages: a verifier gets the 403 page ------------------------------------------
ADMIN_ONLY = [e for e in STAFF_PAGES if fnmatch(e.full_name, "backoffice:katalog_*")]


@pytest.mark.django_db
@pytest.mark.parametrize("entry", ADMIN_ONLY, ids=lambda e: e.full_name)
def test_a_verifier_never_opens_the_catalogue(client: Client, entry: Entry) -> None:
    """BO-4: the catalogue and content pages are for admins only."""
    response = _logged_in(client, "verifikator").get(entry.path)
    assert response.status_code == 403, f"{entry.full_name} answered {response.status_code}"


def test_the_catalogue_pages_are_walked() -> None:
    assert len(ADMIN_ONLY) >= 15
