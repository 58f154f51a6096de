"""Registration errors as a citizen on a phone meets them (ACC-1, A11Y-1).

After a refused submission the page keeps everything typed except the passwords and
the captcha answer (and says so), lists each error once in the summary with a link to
its input and once at the input, and a birth date that disagrees with the NIK is
answered with the date the NIK implies.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import pytest
from django.urls import reverse

from sintren.accounts.models import Pemohon
from sintren.accounts.tests.factories import NAMA_IBU, nik_for
from sintren.accounts.tests.helpers import KATA_KUNCI, daftar, registrasi_data

pytestmark = pytest.mark.django_db

KETIK_ULANG = "Ketik ulang Kata Kunci, Ulangi Kata Kunci dan jawaban perhitungan."
_FIELD_ERRORS = re.compile(r'<ul class="errorlist" id="id_(\w+)_error">(.*?)</ul>', re.S)
_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
_SUMMARY = re.compile(r'<div class="error-summary".*?</div>', re.S)


def _input(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert found is not None, name
    return found[0]


def _value(page: str, name: str) -> str | None:
    found = re.search(r'value="([^"]*)"', _input(page, name))
    return html_lib.unescape(found[1]) if found else None


def _selected(page: str, name: str) -> str | None:
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S)
    assert select is not None, name
    found = re.search(r'<option value="([^"]*)" selected>', select[0])
    return found[1] if found else None


def _field_errors(page: str) -> list[tuple[str, str]]:
    """``(field, message)`` for every error shown at an input, as it is in the HTML."""
    return [
        (field, item.strip())
        for field, items in _FIELD_ERRORS.findall(page)
        for item in _ITEM.findall(items)
    ]


def _summary(page: str) -> str:
    found = _SUMMARY.search(page)
    assert found is not None, "no error summary"
    return found[0]


# --- what is kept --------------------------------------------------------------------------
def test_one_wrong_field_keeps_every_other_input_and_empties_the_secrets(
    client, wilayah_pekalongan
):
    page = daftar(client, email="bukan-email").content.decode()
    assert not Pemohon.objects.exists()
    data = registrasi_data()
    for name in ("nik", "nama_lengkap", "nomor_kk", "tempat_lahir", "tanggal_lahir"):
        assert _value(page, name) == data[name], name
    assert _value(page, "nama_ibu") == NAMA_IBU
    assert 'autocomplete="off"' in _input(page, "nama_ibu")
    assert _value(page, "nomor_hp") == data["nomor_hp"]
    assert _value(page, "email") == "bukan-email"
    for name in ("provinsi", "kabupaten", "kecamatan", "desa"):
        assert _selected(page, name) == data[name], name
    # The passwords and the captcha's answer must be typed again, and the page says so.
    assert _value(page, "password1") is None
    assert _value(page, "password2") is None
    assert _value(page, "captcha") is None
    assert KATA_KUNCI not in page
    assert KETIK_ULANG in _summary(page)


def test_a_wrong_mothers_name_is_kept_as_typed_to_be_corrected(client, wilayah_pekalongan):
    page = daftar(client, nama_ibu="Siti Aminah 2").content.decode()
    assert _value(page, "nama_ibu") == "Siti Aminah 2"
    assert [field for field, _ in _field_errors(page)] == ["nama_ibu"]


def test_a_region_refresh_without_javascript_also_says_what_to_type_again(
    client, wilayah_pekalongan
):
    url = reverse("accounts:daftar")
    client.get(url)
    response = client.post(url, {**registrasi_data(), "wilayah_refresh": "1"})
    page = response.content.decode()
    assert 'class="error-summary"' not in page
    assert KETIK_ULANG in page
    assert _value(page, "nama_ibu") == NAMA_IBU


def test_a_fresh_form_says_nothing_about_typing_again(client, wilayah_pekalongan):
    assert KETIK_ULANG not in client.get(reverse("accounts:daftar")).content.decode()


# --- each error twice: in the summary and at its input ------------------------------------------
@pytest.mark.parametrize(
    "overrides",
    [
        {"tanggal_lahir": "18-08-1990"},
        {"password1": "12345678", "password2": "12345678"},
        {"password1": "abcdefgh", "password2": "abcdefgh"},
        {"password1": "Lahir17081990", "password2": "Lahir17081990"},
        {"password2": "LainLagi123"},
        {"desa": ""},
        {"nik": "", "nama_ibu": "", "email": "x@"},
        {"nomor_kk": "123", "nomor_hp": "0211234567", "nama_lengkap": "Ahmad 123"},
    ],
    ids=",".join,
)
def test_each_error_shows_once_in_the_summary_and_once_at_its_field(
    client, wilayah_pekalongan, overrides
):
    page = daftar(client, **overrides).content.decode()
    errors = _field_errors(page)
    assert errors
    summary = _summary(page)
    for field, message in errors:
        assert page.count(message) == 2, message
        assert summary.count(message) == 1, message
        link = re.search(rf'<a href="#id_{field}">[^<]*{re.escape(message)}</a>', summary)
        assert link is not None, (field, message)
    # Nothing in the summary that is not at a field (these forms have no form-wide error).
    assert summary.count("<li>") == len(errors)


def test_a_wrong_captcha_answer_is_listed_once_and_named_as_the_question(
    client, wilayah_pekalongan
):
    url = reverse("accounts:daftar")
    client.get(url)
    data = {**registrasi_data(), "captcha_token": "x" * 32, "captcha": "1"}
    page = client.post(url, data).content.decode()
    errors = _field_errors(page)
    assert [field for field, _ in errors] == ["captcha"]
    message = errors[0][1]
    assert page.count(message) == 2
    summary = _summary(page)
    # The question shown below is a new one: the summary does not present it as the
    # question that was answered wrongly.
    assert f'<a href="#id_captcha">Pertanyaan perhitungan: {message}</a>' in summary


def test_a_form_wide_error_is_listed_once(client, wilayah_pekalongan):
    # Three registrations a day for one phone number; the fourth is refused for the form.
    for n in (1, 2, 3):
        assert daftar(client, nik=nik_for(n)).status_code == 302
    page = daftar(client, nik=nik_for(4)).content.decode()
    assert not _field_errors(page)
    summary = _summary(page)
    message = re.search(r"<li>(Terlalu banyak pendaftaran[^<]*)</li>", summary)
    assert message is not None
    assert page.count(message[1]) == 1
    assert KETIK_ULANG in summary


# --- the NIK and the birth date ----------------------------------------------------------------
def test_a_birth_date_that_disagrees_with_the_nik_names_the_date_the_nik_implies(
    client, wilayah_pekalongan
):
    nik = nik_for(42, lahir=dt.date(1994, 3, 15))
    page = daftar(client, nik=nik, tanggal_lahir="16-03-1994").content.decode()
    message = "Menurut NIK, tanggal lahir 15-03-1994. Periksa kembali NIK atau Tanggal Lahir."
    assert page.count(message) == 2
    assert f'<a href="#id_tanggal_lahir">Tanggal Lahir: {message}</a>' in _summary(page)
    assert "DDMMYY" not in page
    assert not Pemohon.objects.exists()


def test_a_womans_nik_implies_her_real_birth_day(client, wilayah_pekalongan):
    nik = nik_for(43, lahir=dt.date(1994, 3, 15), perempuan=True)  # day coded as 55
    page = daftar(client, nik=nik, tanggal_lahir="15-03-1995").content.decode()
    assert "Menurut NIK, tanggal lahir 15-03-1994." in page
