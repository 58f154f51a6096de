"""ACC-12: the math captcha service and form mixin."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.core.cache import cache, caches
from django.http import QueryDict

from sintren.core.captcha import (
    CACHE_PREFIX,
    WRONG_ANSWER_MESSAGE,
    Captcha,
    CaptchaFormMixin,
    captcha_check,
    captcha_new,
)
from sintren.core.tests.concurrency import run_concurrently
from sintren.core.tests.utils import captcha_post_data, solve_captcha

QUESTION_RE = re.compile(r"^Berapa ([1-9]) (dikali|ditambah|dikurangi) ([1-9])\?$")

pytestmark = pytest.mark.django_db


class NikForm(CaptchaFormMixin, forms.Form):
    nik = forms.CharField(max_length=16, min_length=16)


def _answer(captcha: Captcha) -> int:
    return solve_captcha(captcha.question)


def test_questions_use_the_manuals_words_and_small_numbers() -> None:
    seen = set()
    for _ in range(200):
        captcha = captcha_new()
        match = QUESTION_RE.match(captcha.question)
        assert match, captcha.question
        seen.add(match[2])
        if match[2] == "dikurangi":
            assert int(match[1]) >= int(match[3])
    assert seen == {"dikali", "ditambah", "dikurangi"}


def test_right_answer_passes_once() -> None:
    captcha = captcha_new()
    assert captcha_check(captcha.token, _answer(captcha))
    assert not captcha_check(captcha.token, _answer(captcha))


def test_answer_as_text_with_spaces_is_accepted() -> None:
    captcha = captcha_new()
    assert captcha_check(captcha.token, f" {_answer(captcha)} ")


def test_wrong_answer_consumes_the_token() -> None:
    captcha = captcha_new()
    assert not captcha_check(captcha.token, _answer(captcha) + 1)
    assert not captcha_check(captcha.token, _answer(captcha))


@pytest.mark.parametrize("token", [None, "", "x", "../../etc", "a" * 200, 12345])
def test_malformed_tokens_are_refused(token: object) -> None:
    assert not captcha_check(token, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("answer", [None, "", "abc", "1e3", [], "3.5"])
def test_garbage_answers_are_refused(answer: object) -> None:
    captcha = captcha_new()
    cache.set(CACHE_PREFIX + captcha.token, 3)
    assert not captcha_check(captcha.token, answer)  # type: ignore[arg-type]


def test_expired_question_is_refused() -> None:
    captcha = captcha_new()
    cache.delete(CACHE_PREFIX + captcha.token)  # what the 10-minute timeout does
    assert not captcha_check(captcha.token, _answer(captcha))


def test_answer_expires_after_ten_minutes() -> None:
    backend = caches["default"]
    if "redis" in type(backend).__module__:
        # Redis expires keys by its own clock: check the TTL it was given.
        captcha = captcha_new()
        key = backend.make_and_validate_key(CACHE_PREFIX + captcha.token)
        ttl = backend._cache.get_client(key, write=False).ttl(key)  # type: ignore[attr-defined]
        assert 590 <= ttl <= 600
        return
    from freezegun import freeze_time

    with freeze_time("2025-01-06 08:00:00") as frozen:
        captcha = captcha_new()
        frozen.tick(9 * 60)
        assert cache.get(CACHE_PREFIX + captcha.token) is not None
        frozen.tick(2 * 60)
        assert not captcha_check(captcha.token, _answer(captcha))


def test_rendered_form_does_not_carry_the_answer() -> None:
    form = NikForm()
    html = str(form)
    token = str(form.fields["captcha_token"].initial)
    assert cache.get(CACHE_PREFIX + token) == solve_captcha(form.captcha_question)
    assert f'value="{solve_captcha(form.captcha_question)}"' not in html


# --- the form mixin ----------------------------------------------------------------------
def test_unbound_form_shows_question_as_label_tied_to_the_input() -> None:
    form = NikForm()
    html = str(form)
    assert QUESTION_RE.match(form.captcha_question)
    assert f'<label for="id_captcha">{form.captcha_question}</label>' in html
    assert 'inputmode="numeric"' in html
    assert 'autocomplete="off"' in html
    assert 'type="hidden" name="captcha_token"' in html
    assert "<img" not in html


def test_partial_template_renders_label_input_and_token() -> None:
    from django.template.loader import render_to_string

    form = NikForm()
    html = render_to_string("core/captcha_field.html", {"form": form})
    assert f'<label for="id_captcha">{form.captcha_question}</label>' in html
    assert 'name="captcha_token"' in html
    assert solve_captcha(html) == solve_captcha(form.captcha_question)
    assert captcha_post_data(html)["captcha"] == str(solve_captcha(form.captcha_question))


def _post(form: NikForm, **data: str) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(data)
    query["captcha_token"] = str(form.fields["captcha_token"].initial)
    return query


def test_valid_submission() -> None:
    form = NikForm()
    data = _post(form, nik="3326071708450001", captcha=str(solve_captcha(form.captcha_question)))
    bound = NikForm(data)
    assert bound.is_valid(), bound.errors
    # The token is spent: the same POST cannot be replayed.
    assert not NikForm(data).is_valid()


def test_wrong_answer_gives_indonesian_error_and_a_new_question_keeping_input() -> None:
    form = NikForm()
    wrong = solve_captcha(form.captcha_question) + 1
    bound = NikForm(_post(form, nik="3326071708450001", captcha=str(wrong)))
    assert not bound.is_valid()
    assert bound.errors["captcha"] == [str(WRONG_ANSWER_MESSAGE)]
    html = str(bound)
    assert 'value="3326071708450001"' in html
    assert QUESTION_RE.match(bound.captcha_question)
    new_token = bound.data["captcha_token"]
    assert new_token != form.fields["captcha_token"].initial
    assert f'value="{new_token}"' in html
    assert bound.data["captcha"] == ""
    assert 'aria-invalid="true"' in html
    # The re-rendered form can be submitted with the new question's answer.
    again = bound.data.copy()  # type: ignore[attr-defined]
    again["captcha"] = str(solve_captcha(bound.captcha_question))
    assert NikForm(again).is_valid()


def test_invalid_other_field_also_renews_the_spent_question() -> None:
    form = NikForm()
    right = solve_captcha(form.captcha_question)
    bound = NikForm(_post(form, nik="123", captcha=str(right)))
    assert not bound.is_valid()
    assert "captcha" not in bound.errors
    assert "nik" in bound.errors
    again = bound.data.copy()  # type: ignore[attr-defined]
    again["nik"] = "3326071708450001"
    again["captcha"] = str(solve_captcha(bound.captcha_question))
    assert NikForm(again).is_valid()


def test_error_added_by_the_view_after_validation_renews_the_question() -> None:
    form = NikForm()
    bound = NikForm(
        _post(form, nik="3326071708450001", captcha=str(solve_captcha(form.captcha_question)))
    )
    assert bound.is_valid()
    old_token = bound.data["captcha_token"]
    bound.add_error(None, "NIK atau Kata Kunci salah.")
    assert bound.data["captcha_token"] != old_token
    assert f'value="{bound.data["captcha_token"]}"' in str(bound)
    assert bound.captcha_question in str(bound)


def test_missing_token_is_a_captcha_error_not_a_crash() -> None:
    bound = NikForm({"nik": "3326071708450001", "captcha": "4"})
    assert not bound.is_valid()
    assert bound.errors["captcha"] == [str(WRONG_ANSWER_MESSAGE)]


def test_non_numeric_answer_has_an_indonesian_message() -> None:
    form = NikForm()
    bound = NikForm(_post(form, nik="3326071708450001", captcha="lima"))
    assert not bound.is_valid()
    assert bound.errors["captcha"] == ["Jawaban perhitungan harus berupa angka."]


def test_prefixed_forms_work() -> None:
    form = NikForm(prefix="x")
    data = {
        "x-nik": "3326071708450001",
        "x-captcha_token": str(form.fields["captcha_token"].initial),
        "x-captcha": str(solve_captcha(form.captcha_question)),
    }
    assert NikForm(data, prefix="x").is_valid()


@pytest.mark.django_db(transaction=True)
def test_concurrent_uses_of_one_token_pass_at_most_once() -> None:
    captcha = captcha_new()
    answer = _answer(captcha)
    results = run_concurrently(lambda: captcha_check(captcha.token, answer), threads=8).results
    assert results.count(True) == 1
    assert len(results) == 8


def test_solve_captcha_parses_all_forms() -> None:
    assert solve_captcha("Berapa 6 dikali 3?") == 18
    assert solve_captcha("Berapa 6 ditambah 3?") == 9
    assert solve_captcha("Berapa 6 dikurangi 3?") == 3
    assert solve_captcha("Berapa hasil perhitungan dari 6 dikurangi 2?") == 4
    with pytest.raises(ValueError, match="No captcha"):
        solve_captcha("Siapa nama Anda?")
