"""The main menu (PUB-1): what it shows depends on who is looking.

``menu_items(request)`` is the single source of the menu; the ``main_menu`` template tag
renders it in ``templates/partials/nav.html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import pgettext

# Where the applicant pages live until (and if) their named URLs cannot be reversed.
PEMOHON_PREFIX = "/pemohon/"


@dataclass(frozen=True)
class MenuItem:
    """One entry of the main menu."""

    label: str
    url: str
    current: bool = False


def _url(name: str, fallback: str) -> str:
    """Reverse ``name``; fall back to a fixed path while the app is not mounted yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def _is_pemohon(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and getattr(user, "is_pemohon", False))


def _pemohon_url(request: HttpRequest) -> str:
    if _is_pemohon(request):
        return _url("accounts:profil", PEMOHON_PREFIX + "profil/")
    return _url("accounts:login", PEMOHON_PREFIX + "login/")


def _entries(request: HttpRequest) -> list[tuple[str, str, str]]:
    """(label, url, prefix that marks it current) in menu order."""
    entries = [
        (pgettext("menu", "Home"), reverse("public:home"), ""),
        (pgettext("menu", "Pemohon"), _pemohon_url(request), PEMOHON_PREFIX),
    ]
    if _is_pemohon(request):  # *Pengajuan*: logged-in applicants only, after Pemohon
        url = _url("pengajuan:list", PEMOHON_PREFIX + "pengajuan/")
        entries.append((pgettext("menu", "Pengajuan"), url, url))
    entries += [
        (
            pgettext("menu", "Persyaratan"),
            reverse("public:persyaratan"),
            reverse("public:persyaratan"),
        ),
        (pgettext("menu", "Formulir"), reverse("public:formulir"), reverse("public:formulir")),
        (pgettext("menu", "Informasi"), reverse("public:informasi"), reverse("public:informasi")),
        (pgettext("menu", "Panduan"), reverse("public:panduan"), reverse("public:panduan")),
    ]
    return entries


def menu_items(request: HttpRequest) -> list[MenuItem]:
    """The main menu for this request, with the current item marked."""
    path = request.path
    entries = _entries(request)
    # The longest matching prefix wins: /pemohon/pengajuan/ is Pengajuan, not Pemohon.
    matching = [prefix for *_, prefix in entries if prefix and path.startswith(prefix)]
    longest = max(matching, key=len, default=None)
    return [
        MenuItem(label=label, url=url, current=path == url if not prefix else prefix == longest)
        for label, url, prefix in entries
    ]
