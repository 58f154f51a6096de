"""Helpers for the accounts tests: fill the registration, login and status forms."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from sintren.accounts.tests.factories import NAMA_IBU, nik_for
from sintren.core.tests.utils import captcha_post_data

KATA_KUNCI = "Pemohon2024"
_CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
_CAPTCHA_TOKEN_RE = re.compile(r'(name="captcha_token"[^>]*value=")[^"]*(")')
_QUESTION_RE = re.compile(r"Berapa [^<]*\?")


def registrasi_data(**overrides: Any) -> dict[str, str]:
    """A valid registration (a man born 17-08-1990 in Karangsari), with overrides."""
    data = {
        "nik": nik_for(9001),
        "nama_lengkap": "Ahmad Fauzi",
        "nomor_kk": "3326071001200001",
        "tempat_lahir": "Pekalongan",
        "tanggal_lahir": "17-08-1990",
        "nama_ibu": NAMA_IBU,
        "provinsi": "33",
        "kabupaten": "33.26",
        "kecamatan": "33.26.07",
        "desa": "33.26.07.2008",
        "nomor_hp": "081234567890",
        "email": "ahmad@contoh.id",
        "password1": KATA_KUNCI,
        "password2": KATA_KUNCI,
    }
    data.update(overrides)
    return data


def post_with_captcha(client: Client, url: str, data: dict[str, str], **extra: Any) -> Any:
    """GET ``url`` for a fresh captcha, then POST ``data`` with the right answer."""
    page = client.get(url, **extra)
    return client.post(url, {**data, **captcha_post_data(page.content)}, **extra)


def daftar(client: Client, **overrides: Any) -> Any:
    """Submit the registration form."""
    return post_with_captcha(client, reverse("accounts:daftar"), registrasi_data(**overrides))


def login(client: Client, nik: str, password: str, **extra: Any) -> Any:
    """Submit the login form."""
    return post_with_captcha(
        client, reverse("accounts:login"), {"nik": nik, "password": password}, **extra
    )


def normalise(html: str) -> str:
    """A page without its per-request parts (CSRF token, captcha token and question)."""
    html = _CSRF_RE.sub('name="csrfmiddlewaretoken" value=""', html)
    html = _CAPTCHA_TOKEN_RE.sub(r"\1\2", html)
    return _QUESTION_RE.sub("Berapa ?", html)


def delivered_text(pesan: Any) -> str:
    """The text the recipient receives: the stored body with its secrets filled in.

    The stored body never holds a live link or code (they wait in ``rahasia`` until
    delivery); tests that follow a link read it the way the phone would.
    """
    from sintren.notifications.rahasia import reveal

    return reveal(pesan.body, pesan.rahasia)
