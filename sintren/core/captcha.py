"""Server-side math captcha (ACC-12).

A question such as *Berapa 6 dikali 3?* is shown as the label of a plain text input, so
screen readers read it like any other field. The answer lives only in the shared cache
(never in the page or the session) under a random token, for ten minutes, and is
consumed by the first check, right or wrong.

Forms get the captcha by subclassing :class:`CaptchaFormMixin` (before ``forms.Form``)::

    class LoginForm(CaptchaFormMixin, forms.Form):
        nik = forms.CharField(...)

and render it with ``{% include "core/captcha_field.html" %}`` (or ``{{ form }}``).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.cache import cache
from django.forms.utils import ErrorDict
from django.utils.translation import gettext, gettext_lazy

CAPTCHA_TIMEOUT_SECONDS = 10 * 60
CACHE_PREFIX = "captcha:"
TOKEN_FIELD = "captcha_token"  # noqa: S105 - a form field name
ANSWER_FIELD = "captcha"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")

WRONG_ANSWER_MESSAGE = gettext_lazy(
    "Jawaban perhitungan tidak sesuai. Silakan jawab pertanyaan baru."
)


@dataclass(frozen=True)
class Captcha:
    """One issued question; ``token`` goes into the form, the answer stays in the cache."""

    token: str
    question: str


def _make_question() -> tuple[str, int]:
    """Pick an operation and two numbers 1 to 9; subtraction never goes below zero."""
    rng = secrets.SystemRandom()
    a, b = rng.randint(1, 9), rng.randint(1, 9)
    operation = rng.choice(("kali", "tambah", "kurang"))
    if operation == "kali":
        return gettext("Berapa %(a)d dikali %(b)d?") % {"a": a, "b": b}, a * b
    if operation == "tambah":
        return gettext("Berapa %(a)d ditambah %(b)d?") % {"a": a, "b": b}, a + b
    a, b = max(a, b), min(a, b)
    return gettext("Berapa %(a)d dikurangi %(b)d?") % {"a": a, "b": b}, a - b


def captcha_new() -> Captcha:
    """Issue a new question; its answer is kept in the default cache for 10 minutes."""
    question, answer = _make_question()
    token = secrets.token_urlsafe(24)
    cache.set(CACHE_PREFIX + token, answer, timeout=CAPTCHA_TIMEOUT_SECONDS)
    return Captcha(token=token, question=question)


def captcha_discard(token: str | None) -> None:
    """Forget an issued question without checking it (e.g. when a new one replaces it)."""
    if token and _TOKEN_RE.match(token):
        cache.delete(CACHE_PREFIX + token)


def captcha_check(token: str | None, answer: int | str | None) -> bool:
    """Whether ``answer`` is right for ``token``. Single use: the token is consumed.

    The answer is read, then deleted; only the caller whose delete actually removed
    the key may accept, so two concurrent submissions of one token cannot both pass.
    """
    if not token or not isinstance(token, str) or not _TOKEN_RE.match(token):
        return False
    key = CACHE_PREFIX + token
    expected = cache.get(key)
    if expected is None:
        return False
    if not cache.delete(key):
        return False
    try:
        given = int(str(answer).strip())
    except (TypeError, ValueError):
        return False
    return given == int(expected)


class CaptchaFormMixin(forms.BaseForm):
    """Adds a math captcha to a form: a hidden ``captcha_token`` and a ``captcha`` answer.

    The answer field's label is the question. The check runs during validation; when the
    form turns out invalid (for any reason, or when the view adds an error after
    ``is_valid()``) a new question replaces the consumed one, the answer box is emptied,
    and every other input is kept, so the re-rendered form is ready to submit again.
    Call :meth:`refresh_captcha` yourself only if you re-render a form that was valid
    without adding an error to it.
    """

    captcha_error_message = WRONG_ANSWER_MESSAGE
    _errors: ErrorDict | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._captcha_consumed = False
        self._captcha_refreshed = False
        self._captcha_in_clean = False
        self.fields[TOKEN_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=100
        )
        self.fields[ANSWER_FIELD] = forms.IntegerField(
            label="",
            min_value=-1000,
            max_value=1000,
            help_text=gettext_lazy("Jawab dengan angka."),
            error_messages={
                "required": gettext_lazy("Jawab pertanyaan perhitungan ini dengan angka."),
                "invalid": gettext_lazy("Jawaban perhitungan harus berupa angka."),
                "min_value": WRONG_ANSWER_MESSAGE,
                "max_value": WRONG_ANSWER_MESSAGE,
            },
            widget=forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": "off",
                    "autocapitalize": "off",
                    "spellcheck": "false",
                    "maxlength": "4",
                    "class": "captcha-input",
                }
            ),
        )
        if self.is_bound:
            # The question behind a submitted token is not known here; it is replaced
            # by a new one if the form has to be shown again.
            self.fields[ANSWER_FIELD].label = gettext("Pertanyaan perhitungan")
        else:
            self._captcha_set(captcha_new())

    # --- public ---------------------------------------------------------------------
    @property
    def captcha_question(self) -> str:
        """The question shown with the form (the answer field's label)."""
        return str(self.fields[ANSWER_FIELD].label)

    def refresh_captcha(self) -> Captcha:
        """Replace the question with a new one, empty the answer, keep all other input."""
        old_token = self._captcha_submitted_token()
        if not self._captcha_consumed:
            captcha_discard(old_token)
        captcha = captcha_new()
        self._captcha_set(captcha)
        if self.is_bound:
            data = self.data.copy()  # type: ignore[attr-defined]
            data[self.add_prefix(TOKEN_FIELD)] = captcha.token
            data[self.add_prefix(ANSWER_FIELD)] = ""
            self.data = data
        self._captcha_consumed = False
        self._captcha_refreshed = True
        return captcha

    # --- validation -----------------------------------------------------------------
    def clean_captcha(self) -> int | None:
        """Check the answer against the submitted token (consuming the token)."""
        answer = self.cleaned_data.get(ANSWER_FIELD)
        token = self._captcha_submitted_token()
        self._captcha_consumed = True
        if not captcha_check(token, answer):
            raise forms.ValidationError(self.captcha_error_message, code="captcha_invalid")
        return answer

    def full_clean(self) -> None:
        self._captcha_in_clean = True
        try:
            super().full_clean()
        finally:
            self._captcha_in_clean = False
        if self.is_bound and self._errors and not self._captcha_refreshed:
            self.refresh_captcha()
        self._captcha_describe_errors()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        if self.is_bound and not self._captcha_in_clean and not self._captcha_refreshed:
            self.refresh_captcha()

    # --- helpers --------------------------------------------------------------------
    def _captcha_describe_errors(self) -> None:
        """Tie the answer's error and help text to the input for screen readers."""
        attrs = self.fields[ANSWER_FIELD].widget.attrs
        auto_id = self[ANSWER_FIELD].auto_id
        if not auto_id:
            return
        described = [f"{auto_id}_helptext"]
        if self._errors and ANSWER_FIELD in self._errors:
            described.insert(0, f"{auto_id}_error")
            attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = " ".join(described)
        getattr(self, "_bound_fields_cache", {}).pop(ANSWER_FIELD, None)

    def _captcha_submitted_token(self) -> str | None:
        if not self.is_bound:
            return None
        value = self.fields[TOKEN_FIELD].widget.value_from_datadict(
            self.data, self.files, self.add_prefix(TOKEN_FIELD)
        )
        return value if isinstance(value, str) else None

    def _captcha_set(self, captcha: Captcha) -> None:
        self.fields[TOKEN_FIELD].initial = captcha.token
        self.fields[ANSWER_FIELD].label = captcha.question
        self.fields[ANSWER_FIELD].initial = None
        # Bound fields cache their label; drop them so the new question shows.
        cached = getattr(self, "_bound_fields_cache", {})
        cached.pop(TOKEN_FIELD, None)
        cached.pop(ANSWER_FIELD, None)
