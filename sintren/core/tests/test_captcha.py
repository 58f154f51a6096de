"""ACC-12: the math captcha service, its form mixin, and the captcha on the real forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

import pytest
from django import forms
from django.core import signing
from django.db import connection
from django.http import HttpRequest, HttpResponse, QueryDict
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from sintren.accounts.tests.factories import PASSWORD, PemohonFactory
from sintren.core.captcha import (
    CAPTCHA_TIMEOUT_SECONDS,
    SIGNING_SALT,
    WRONG_ANSWER_MESSAGE,
    Captcha,
    CaptchaFormMixin,
    CaptchaResult,
    captcha_check,
    captcha_new,
    captcha_purge,
    captcha_verify,
)
from sintren.core.context import RequestContextMiddleware
from sintren.core.models import CaptchaTerpakai
from sintren.core.tests.concurrency import run_concurrently
from sintren.core.tests.utils import captcha_post_data, solve_captcha

QUESTION_RE = re.compile(r"^Berapa ([1-9]) (dikali|ditambah|dikurangi) ([1-9])\?$")
LOGIN = "/pemohon/login/"
STATUS = "/pemohon/status/"
ANONYMOUS_FORMS = [LOGIN, "/pemohon/daftar/", STATUS, "/pemohon/lupa-password/"]
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
SCOPE = "NikForm"
T = TypeVar("T")

pytestmark = pytest.mark.django_db


class NikForm(CaptchaFormMixin, forms.Form):
    nik = forms.CharField(max_length=16, min_length=16)


class OtherForm(CaptchaFormMixin, forms.Form):
    captcha_scope = "lain"
    nik = forms.CharField(max_length=16, min_length=16)


def _answer(captcha: Captcha) -> int:
    return solve_captcha(captcha.question)


def _in_browser(csrf_secret: str, func: Callable[[], T]) -> T:
    """Run ``func`` while serving a request from a browser with this CSRF secret."""
    request = RequestFactory().post("/")
    request.META["CSRF_COOKIE"] = csrf_secret
    results: list[T] = []

    def view(_: HttpRequest) -> HttpResponse:
        results.append(func())
        return HttpResponse()

    RequestContextMiddleware(view)(request)
    return results[0]


def _writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


# --- the service ---------------------------------------------------------------------------
def test_questions_use_the_manuals_words_and_small_numbers() -> None:
    seen = set()
    for _ in range(200):
        captcha = captcha_new(SCOPE)
        match = QUESTION_RE.match(captcha.question)
        assert match, captcha.question
        seen.add(match[2])
        if match[2] == "dikurangi":
            assert int(match[1]) >= int(match[3])
    assert seen == {"dikali", "ditambah", "dikurangi"}


def test_issuing_touches_no_database() -> None:
    with CaptureQueriesContext(connection) as queries:
        for _ in range(20):
            captcha_new(SCOPE)
    assert queries.captured_queries == []


def test_token_is_signed_and_does_not_carry_the_answer() -> None:
    captcha = captcha_new(SCOPE)
    payload = signing.loads(captcha.token, salt=SIGNING_SALT)
    assert set(payload) == {"v", "n", "s", "b", "q", "h"}
    assert payload["s"] == SCOPE
    assert payload["b"] == ""  # issued outside a request
    assert len(payload["n"]) == 22
    assert len(payload["h"]) == 43  # HMAC-SHA256, base64 without padding
    assert str(_answer(captcha)) not in (payload["h"], payload["n"])
    # Another question's token has another nonce and another answer HMAC.
    other = signing.loads(captcha_new(SCOPE).token, salt=SIGNING_SALT)
    assert other["n"] != payload["n"]
    assert other["h"] != payload["h"]


def test_right_answer_passes_once() -> None:
    captcha = captcha_new(SCOPE)
    assert captcha_check(captcha.token, _answer(captcha), SCOPE)
    assert not captcha_check(captcha.token, _answer(captcha), SCOPE)
    assert captcha_verify(captcha.token, _answer(captcha), SCOPE).reason == CaptchaResult.USED
    assert CaptchaTerpakai.objects.count() == 1


def test_answer_as_text_with_spaces_is_accepted() -> None:
    captcha = captcha_new(SCOPE)
    assert captcha_check(captcha.token, f" {_answer(captcha)} ", SCOPE)


def test_wrong_answer_consumes_the_token() -> None:
    captcha = captcha_new(SCOPE)
    result = captcha_verify(captcha.token, _answer(captcha) + 1, SCOPE)
    assert not result
    assert result.reason == CaptchaResult.WRONG
    assert result.question == captcha.question
    assert not captcha_check(captcha.token, _answer(captcha), SCOPE)


@pytest.mark.parametrize("token", [None, "", "x", "../../etc", "a" * 200, "a" * 5000, 12345])
def test_malformed_tokens_are_refused(token: object) -> None:
    result = captcha_verify(token, 1, SCOPE)  # type: ignore[arg-type]
    assert result.reason == CaptchaResult.INVALID
    assert result.question is None


@pytest.mark.parametrize("answer", [None, "", "abc", "1e3", [], "3.5", True, "99999"])
def test_garbage_answers_are_refused_and_spend_the_token(answer: object) -> None:
    captcha = captcha_new(SCOPE)
    assert not captcha_check(captcha.token, answer, SCOPE)  # type: ignore[arg-type]
    assert not captcha_check(captcha.token, _answer(captcha), SCOPE)


def _tampered(token: str) -> list[str]:
    payload = signing.loads(token, salt=SIGNING_SALT)
    value, timestamp, signature = token.rsplit(":", 2)
    forged = {**payload, "q": [1, "x", 1], "h": payload["h"]}
    return [
        # Another payload under the original signature.
        signing.dumps(forged, salt=SIGNING_SALT).rsplit(":", 1)[0] + ":" + signature,
        # One character of the signature changed.
        f"{value}:{timestamp}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        # A later issue time under the original signature.
        f"{value}:{timestamp[:-1]}{'z' if timestamp[-1] != 'z' else 'y'}:{signature}",
        # The same payload signed with the default salt or another key.
        signing.dumps(payload),
        signing.dumps(payload, salt=SIGNING_SALT, key="another-secret-key-" * 3),
    ]


def test_tampered_tokens_are_refused() -> None:
    captcha = captcha_new(SCOPE)
    for forged in _tampered(captcha.token):
        result = captcha_verify(forged, _answer(captcha), SCOPE)
        assert result.reason == CaptchaResult.INVALID, forged
    assert not CaptchaTerpakai.objects.exists()
    # None of them spent the genuine token.
    assert captcha_check(captcha.token, _answer(captcha), SCOPE)


def test_token_of_another_form_is_refused() -> None:
    captcha = captcha_new("StatusForm")
    result = captcha_verify(captcha.token, _answer(captcha), "LoginForm")
    assert result.reason == CaptchaResult.OTHER_FORM
    assert captcha_check(captcha.token, _answer(captcha), "StatusForm")


def test_token_of_another_browser_is_refused() -> None:
    captcha = _in_browser("a" * 32, lambda: captcha_new(SCOPE))
    answer = _answer(captcha)
    other = _in_browser("b" * 32, lambda: captcha_verify(captcha.token, answer, SCOPE))
    assert other.reason == CaptchaResult.OTHER_BROWSER
    # Nor outside any request, where the binding is empty.
    assert captcha_verify(captcha.token, answer, SCOPE).reason == CaptchaResult.OTHER_BROWSER
    assert _in_browser("a" * 32, lambda: captcha_check(captcha.token, answer, SCOPE))


def test_token_issued_outside_a_request_is_refused_in_one() -> None:
    captcha = captcha_new(SCOPE)
    answer = _answer(captcha)
    result = _in_browser("a" * 32, lambda: captcha_verify(captcha.token, answer, SCOPE))
    assert result.reason == CaptchaResult.OTHER_BROWSER


def test_answer_expires_after_ten_minutes() -> None:
    with freeze_time("2025-01-06 08:00:00") as frozen:
        fresh = captcha_new(SCOPE)
        stale = captcha_new(SCOPE)
        frozen.tick(CAPTCHA_TIMEOUT_SECONDS - 1)
        assert captcha_check(fresh.token, _answer(fresh), SCOPE)
        frozen.tick(2)
        result = captcha_verify(stale.token, _answer(stale), SCOPE)
    assert result.reason == CaptchaResult.EXPIRED
    assert result.question == stale.question
    assert CaptchaTerpakai.objects.count() == 1  # only the fresh one was claimed


def test_purge_removes_only_records_of_expired_tokens() -> None:
    now = timezone.now()
    old = CaptchaTerpakai.objects.create(
        nonce="o" * 22, dipakai=now - timedelta(seconds=CAPTCHA_TIMEOUT_SECONDS + 1)
    )
    recent = CaptchaTerpakai.objects.create(
        nonce="r" * 22, dipakai=now - timedelta(seconds=CAPTCHA_TIMEOUT_SECONDS - 30)
    )
    assert captcha_purge(now=now) == 1
    assert list(CaptchaTerpakai.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not CaptchaTerpakai.objects.filter(pk=old.pk).exists()
    assert captcha_purge(now=now) == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_uses_of_one_token_pass_exactly_once() -> None:
    captcha = captcha_new(SCOPE)
    answer = _answer(captcha)
    outcomes = run_concurrently(lambda: captcha_check(captcha.token, answer, SCOPE), threads=8)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [False] * 7 + [True]
    assert CaptchaTerpakai.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_uses_of_different_tokens_all_pass() -> None:
    captchas = iter([captcha_new(SCOPE) for _ in range(8)])

    def check() -> bool:
        captcha = next(captchas)
        return captcha_check(captcha.token, _answer(captcha), SCOPE)

    outcomes = run_concurrently(check, threads=8)
    assert outcomes.errors == []
    assert outcomes.results == [True] * 8
    assert CaptchaTerpakai.objects.count() == 8


# --- the form mixin ------------------------------------------------------------------------
def test_rendered_form_does_not_carry_the_answer() -> None:
    form = NikForm()
    html = str(form)
    assert f'value="{solve_captcha(form.captcha_question)}"' not in html
    token = str(form.fields["captcha_token"].initial)
    assert f'value="{token}"' in html
    assert signing.loads(token, salt=SIGNING_SALT)["s"] == "NikForm"


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


def _post(form: CaptchaFormMixin, **data: str) -> QueryDict:
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
    replay = NikForm(data)
    assert not replay.is_valid()
    assert replay.errors["captcha"] == [
        f'Pertanyaan "{form.captcha_question}" sudah pernah dijawab. Silakan jawab pertanyaan baru.'
    ]


def test_wrong_answer_names_the_question_answered_and_asks_a_new_one_keeping_input() -> None:
    form = NikForm()
    wrong = solve_captcha(form.captcha_question) + 1
    bound = NikForm(_post(form, nik="3326071708450001", captcha=str(wrong)))
    assert not bound.is_valid()
    assert bound.errors["captcha"] == [
        f'Jawaban untuk "{form.captcha_question}" tidak sesuai. Silakan jawab pertanyaan baru.'
    ]
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


def test_out_of_range_answer_is_a_wrong_answer_to_the_question() -> None:
    form = NikForm()
    bound = NikForm(_post(form, nik="3326071708450001", captcha="5000"))
    assert not bound.is_valid()
    assert form.captcha_question in bound.errors["captcha"][0]


def test_expired_question_is_named_in_the_error() -> None:
    with freeze_time("2025-01-06 08:00:00") as frozen:
        form = NikForm()
        frozen.tick(CAPTCHA_TIMEOUT_SECONDS + 1)
        right = str(solve_captcha(form.captcha_question))
        bound = NikForm(_post(form, nik="3326071708450001", captcha=right))
        assert not bound.is_valid()
    assert bound.errors["captcha"] == [
        f'Waktu untuk menjawab "{form.captcha_question}" sudah habis. '
        "Silakan jawab pertanyaan baru."
    ]


def test_token_of_another_form_class_is_refused_with_the_general_message() -> None:
    other = OtherForm()
    right = str(solve_captcha(other.captcha_question))
    bound = NikForm(_post(other, nik="3326071708450001", captcha=right))
    assert not bound.is_valid()
    assert bound.errors["captcha"] == [str(WRONG_ANSWER_MESSAGE)]
    assert OtherForm.captcha_scope_name() == "lain"
    assert NikForm.captcha_scope_name() == "NikForm"


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


def test_missing_or_forged_token_is_a_captcha_error_not_a_crash() -> None:
    for token in (None, "x" * 32):
        data = {"nik": "3326071708450001", "captcha": "4"}
        if token:
            data["captcha_token"] = token
        bound = NikForm(data)
        assert not bound.is_valid()
        assert bound.errors["captcha"] == [str(WRONG_ANSWER_MESSAGE)]
        assert list(bound.errors) == ["captcha"]


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


def test_solve_captcha_parses_all_forms() -> None:
    assert solve_captcha("Berapa 6 dikali 3?") == 18
    assert solve_captcha("Berapa 6 ditambah 3?") == 9
    assert solve_captcha("Berapa 6 dikurangi 3?") == 3
    assert solve_captcha("Berapa hasil perhitungan dari 6 dikurangi 2?") == 4
    with pytest.raises(ValueError, match="No captcha"):
        solve_captcha("Siapa nama Anda?")


# --- the real forms, through the test client -------------------------------------------------
@pytest.mark.parametrize("url", ANONYMOUS_FORMS)
def test_showing_a_captcha_form_writes_nothing(url: str) -> None:
    client = Client()
    for visit in ("first", "again with the cookie"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, visit
        assert 'name="captcha_token"' in response.content.decode()
        assert _writes(queries) == [], visit
        # The captcha is bound to the CSRF cookie, which the page sets.
        assert "csrftoken" in response.cookies, visit


def test_thousand_questions_later_the_first_login_page_still_works() -> None:
    pemohon = PemohonFactory.create(aktif=True)
    client = Client()
    first = client.get(LOGIN)
    for _ in range(150):  # the same visitor opening the page again, in other tabs
        assert client.get(LOGIN).status_code == 200
    for _ in range(150):  # other anonymous visitors, each with a new CSRF cookie
        assert Client().get(LOGIN).status_code == 200
    for _ in range(1000 - 301):
        captcha_new("LoginForm")
    assert not CaptchaTerpakai.objects.exists()
    data = {"nik": pemohon.nik, "password": PASSWORD, **captcha_post_data(first.content)}
    response = client.post(LOGIN, data)
    assert response.status_code == 302, response.content.decode()
    assert int(client.session["_auth_user_id"]) == pemohon.user.pk
    assert CaptchaTerpakai.objects.count() == 1


def _refusal(response: Any) -> str:
    """The one captcha error on a re-shown page (and nobody was logged in)."""
    assert response.status_code == 200
    html = response.content.decode()
    errors = re.findall(r'<ul class="errorlist" id="id_captcha_error"><li>(.*?)</li>', html)
    assert len(errors) == 1, html
    assert "_auth_user_id" not in response.wsgi_request.session
    return errors[0]


def test_captcha_from_another_browser_is_refused() -> None:
    pemohon = PemohonFactory.create(aktif=True)
    theirs, ours = Client(), Client()
    page = theirs.get(LOGIN)
    ours.get(LOGIN)  # our own CSRF cookie
    data = {"nik": pemohon.nik, "password": PASSWORD, **captcha_post_data(page.content)}
    assert _refusal(ours.post(LOGIN, data)) == str(WRONG_ANSWER_MESSAGE)
    # A client sending no cookie at all is refused too.
    assert _refusal(Client().post(LOGIN, data)) == str(WRONG_ANSWER_MESSAGE)
    # The token was not spent: its own browser can still use it.
    assert theirs.post(LOGIN, data).status_code == 302


def test_captcha_from_another_form_is_refused() -> None:
    pemohon = PemohonFactory.create(aktif=True)
    client = Client()
    status_page = client.get(STATUS)
    data = {"nik": pemohon.nik, "password": PASSWORD, **captcha_post_data(status_page.content)}
    assert _refusal(client.post(LOGIN, data)) == str(WRONG_ANSWER_MESSAGE)


def test_reused_captcha_is_refused() -> None:
    pemohon = PemohonFactory.create(aktif=True)
    client = Client()
    page = client.get(LOGIN)
    data = {"nik": pemohon.nik, "password": "SalahSekali1", **captcha_post_data(page.content)}
    first = client.post(LOGIN, data).content.decode()
    assert "NIK atau Kata Kunci salah." in first
    assert 'id="id_captcha_error"' not in first
    data["password"] = PASSWORD
    message = _refusal(client.post(LOGIN, data))
    assert "sudah pernah dijawab" in message


def test_wrong_answer_on_the_page_names_the_old_question() -> None:
    client = Client()
    page = client.get(LOGIN)
    question = re.search(r'<label for="id_captcha">([^<]*)</label>', page.content.decode())
    assert question is not None
    captcha = captcha_post_data(page.content)
    captcha["captcha"] = str(int(captcha["captcha"]) + 1)
    response = client.post(LOGIN, {"nik": "3326071708450001", "password": "x", **captcha})
    assert _refusal(response) == (
        f"Jawaban untuk &quot;{question[1]}&quot; tidak sesuai. Silakan jawab pertanyaan baru."
    )
    html = response.content.decode()
    new_token = captcha_post_data(html)["captcha_token"]
    assert new_token != captcha["captcha_token"]


def test_tokens_are_what_signing_dumps_makes_and_follow_the_secret_key() -> None:
    from django.core import signing
    from django.test import override_settings

    from sintren.core.captcha import SIGNING_SALT, captcha_new

    token = captcha_new("login").token
    payload = signing.loads(token, salt=SIGNING_SALT)
    assert payload["s"] == "login"
    with override_settings(SECRET_KEY="kunci-lain-" + "x" * 50):
        other = captcha_new("login").token
        assert signing.loads(other, salt=SIGNING_SALT)["s"] == "login"
    with pytest.raises(signing.BadSignature):
        signing.loads(other, salt=SIGNING_SALT)  # signed with the other key


# --- issuance without Django's per-token set-up (form pages are the hot path) ---------------
@pytest.mark.parametrize("scope", ["login", "Formulir Ω", 'quote"and\\slash'])
def test_quick_signature_is_what_signing_dumps_makes(scope: str) -> None:
    from sintren.core.captcha import _sign

    payload = {"v": 1, "n": "a" * 22, "s": scope, "b": "", "q": [9, "-", 3], "h": "b" * 43}
    with freeze_time("2026-12-03 08:00:01"):
        assert _sign(payload) == signing.dumps(payload, salt=SIGNING_SALT)
    with freeze_time("2027-01-01 00:00:00"):  # another timestamp, another signature
        assert _sign(payload) == signing.dumps(payload, salt=SIGNING_SALT)


def test_quick_answer_hmac_is_salted_hmac_under_every_key() -> None:
    from django.test import override_settings
    from django.utils.crypto import salted_hmac

    from sintren.core.captcha import _ANSWER_SALT, _answer_macs, _b64

    def expected(key: str) -> str:
        mac = salted_hmac(_ANSWER_SALT, "n" * 22 + "|42", secret=key, algorithm="sha256")
        return _b64(mac.digest())

    current, old = "k1-" + "x" * 50, "k0-" + "y" * 50
    with override_settings(SECRET_KEY=current, SECRET_KEY_FALLBACKS=[old]):
        assert _answer_macs("n" * 22, 42) == [expected(current), expected(old)]


def test_one_draw_covers_every_question_with_the_weights_of_three_draws() -> None:
    from collections import Counter

    from sintren.core.captcha import _DRAWS

    expected: Counter[tuple[int, str, int]] = Counter()
    for operation in ("x", "+", "-"):
        for a in range(1, 10):
            for b in range(1, 10):
                draw = (max(a, b), "-", min(a, b)) if operation == "-" else (a, operation, b)
                expected[draw] += 1
    assert Counter(_DRAWS) == expected
    assert all(a >= b for a, operation, b in _DRAWS if operation == "-")


@pytest.mark.django_db(transaction=True)
def test_a_spent_token_inside_a_transaction_does_not_break_it() -> None:
    """The nonce is claimed by one INSERT that does nothing when it is taken: a replay
    checked inside a caller's transaction is refused and the transaction goes on."""
    from django.db import transaction

    captcha = captcha_new(SCOPE)
    answer = _answer(captcha)
    with transaction.atomic():
        assert captcha_check(captcha.token, answer, SCOPE)
        assert not captcha_check(captcha.token, answer, SCOPE)
        assert CaptchaTerpakai.objects.count() == 1  # still usable
    assert CaptchaTerpakai.objects.count() == 1
