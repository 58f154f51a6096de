"""ACC-12 in a real browser: the question is the input's accessible name."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string

from sintren.core.captcha import CaptchaFormMixin
from sintren.core.tests.utils import solve_captcha


class _Form(CaptchaFormMixin, forms.Form):
    nik = forms.CharField(label="NIK")


def _document(form: _Form) -> str:
    body = render_to_string("core/captcha_field.html", {"form": form})
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Uji</title>'
        f"</head><body><main><h1>Uji</h1><form>{body}</form></main></body></html>"
    )


@pytest.mark.browser
@pytest.mark.django_db
def test_captcha_is_named_by_its_question_and_passes_axe(page: Any, axe_violations: Any) -> None:
    form = _Form()
    page.set_content(_document(form))
    field = page.get_by_label(form.captcha_question)
    assert field.get_attribute("inputmode") == "numeric"
    assert field.get_attribute("autocomplete") == "off"
    assert axe_violations(page) == []


@pytest.mark.browser
@pytest.mark.django_db
def test_captcha_error_is_announced_with_the_field(page: Any, axe_violations: Any) -> None:
    bound = _Form({"nik": "1", "captcha_token": "x" * 32, "captcha": "3"})
    assert not bound.is_valid()
    page.set_content(_document(bound))
    field = page.get_by_label(bound.captcha_question)
    assert field.get_attribute("aria-invalid") == "true"
    description = page.evaluate(
        "id => document.getElementById(id).textContent",
        field.get_attribute("aria-describedby").split()[0],
    )
    assert "Jawaban perhitungan tidak sesuai" in description
    assert axe_violations(page) == []


@pytest.mark.browser
@pytest.mark.django_db
def test_wrong_answer_error_names_the_question_answered(page: Any, axe_violations: Any) -> None:
    shown = _Form()
    wrong = solve_captcha(shown.captcha_question) + 1
    bound = _Form(
        {"nik": "1", "captcha_token": shown.fields["captcha_token"].initial, "captcha": wrong}
    )
    assert not bound.is_valid()
    page.set_content(_document(bound))
    field = page.get_by_label(bound.captcha_question, exact=True)
    assert field.get_attribute("aria-invalid") == "true"
    description = page.evaluate(
        "id => document.getElementById(id).textContent",
        field.get_attribute("aria-describedby").split()[0],
    )
    assert description == (
        f'Jawaban untuk "{shown.captcha_question}" tidak sesuai. Silakan jawab pertanyaan baru.'
    )
    assert axe_violations(page) == []
