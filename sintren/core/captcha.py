"""Server-side math captcha (ACC-12): signed, stateless questions, each usable once.

A question such as *Berapa 6 dikali 3?* is shown as the label of a plain text input, so
screen readers read it like any other field. Issuing a question writes nothing: the form
carries a token signed with the site's secret (``django.core.signing``, own salt) that
holds

* a random nonce,
* the form's scope (:attr:`CaptchaFormMixin.captcha_scope`, by default the class name),
* a binding to the browser: a hash of its CSRF secret (the CSRF cookie),
* the question's operands, so an error can name the question that was answered,
* ``HMAC(SECRET_KEY, nonce|answer)``: never the answer itself, because the token is
  only signed and anyone can read it,

and the signer's timestamp (the issue time). :func:`captcha_check` verifies all of it,
refuses tokens older than :data:`CAPTCHA_TIMEOUT_SECONDS`, and then claims the nonce by
inserting a :class:`~sintren.core.models.CaptchaTerpakai` row: the unique nonce lets only
the first check of a token pass, right or wrong, also when two arrive at once. Only that
check writes; rows are purged hourly by :func:`captcha_purge` (``manage.py
housekeeping``). See docs/adr/0003-stateless-captcha.md.

Forms get the captcha by subclassing :class:`CaptchaFormMixin` (before ``forms.Form``)::

    class LoginForm(CaptchaFormMixin, forms.Form):
        nik = forms.CharField(...)

and render it with ``{% include "core/captcha_field.html" %}`` (or ``{{ form }}``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.db import connection
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_lazy

from sintren.core.context import current_request
from sintren.core.csrf import csrf_secret
from sintren.core.models import CaptchaTerpakai

CAPTCHA_TIMEOUT_SECONDS = 10 * 60
TOKEN_FIELD = "captcha_token"  # noqa: S105 - a form field name
ANSWER_FIELD = "captcha"
MAX_TOKEN_LENGTH = 600
SIGNING_SALT = "sintren.core.captcha"
_ANSWER_SALT = "sintren.core.captcha.answer"
_BINDING_PREFIX = b"sintren.core.captcha.binding|"
# The binding of a token issued or checked outside a request (commands, unit tests).
NO_REQUEST_BINDING = ""
_PAYLOAD_VERSION = 1
_NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{22}$")
_ANSWER_RE = re.compile(r"^-?\d{1,4}$")

# The three operations, by the code stored in the token.
_QUESTIONS = {
    "x": gettext_lazy("Berapa %(a)d dikali %(b)d?"),
    "+": gettext_lazy("Berapa %(a)d ditambah %(b)d?"),
    "-": gettext_lazy("Berapa %(a)d dikurangi %(b)d?"),
}
# Every draw of three independent choices (operation, then two numbers 1 to 9), as one
# index: subtraction puts the larger number first, so it never goes below zero.
_DRAWS: tuple[tuple[int, str, int], ...] = tuple(
    (max(a, b), operation, min(a, b)) if operation == "-" else (a, operation, b)
    for operation in _QUESTIONS
    for a in range(1, 10)
    for b in range(1, 10)
)

WRONG_ANSWER_MESSAGE = gettext_lazy(
    "Jawaban perhitungan tidak sesuai. Silakan jawab pertanyaan baru."
)
WRONG_ANSWER_FOR_MESSAGE = gettext_lazy(
    'Jawaban untuk "%(question)s" tidak sesuai. Silakan jawab pertanyaan baru.'
)
EXPIRED_MESSAGE = gettext_lazy(
    'Waktu untuk menjawab "%(question)s" sudah habis. Silakan jawab pertanyaan baru.'
)
USED_MESSAGE = gettext_lazy(
    'Pertanyaan "%(question)s" sudah pernah dijawab. Silakan jawab pertanyaan baru.'
)


@dataclass(frozen=True)
class Captcha:
    """One issued question; ``token`` goes into the form, the answer is in no one's hands."""

    token: str
    question: str


@dataclass(frozen=True)
class CaptchaResult:
    """The outcome of :func:`captcha_verify`; true only when the answer is accepted.

    ``question`` is the question the token was issued with, when its signature is good
    (``None`` for a missing or forged token), so an error message can name it.
    """

    reason: str
    question: str | None = None

    ACCEPTED = "accepted"
    WRONG = "wrong"  # the answer is wrong (or not a number); the token is spent
    USED = "used"  # the token was checked before
    EXPIRED = "expired"  # older than CAPTCHA_TIMEOUT_SECONDS
    OTHER_FORM = "other_form"  # issued for another form
    OTHER_BROWSER = "other_browser"  # issued to another browser (CSRF secret)
    INVALID = "invalid"  # missing, malformed or forged

    @property
    def accepted(self) -> bool:
        return self.reason == self.ACCEPTED

    def __bool__(self) -> bool:
        return self.accepted


@dataclass(frozen=True)
class _Question:
    a: int
    operation: str
    b: int

    @property
    def text(self) -> str:
        return _question_text(self.operation, self.a, self.b, get_language())

    @property
    def answer(self) -> int:
        if self.operation == "x":
            return self.a * self.b
        if self.operation == "+":
            return self.a + self.b
        return self.a - self.b

    @classmethod
    def random(cls) -> _Question:
        """Pick an operation and two numbers 1 to 9; subtraction never goes below zero."""
        a, operation, b = _DRAWS[secrets.randbelow(len(_DRAWS))]
        return cls(a, operation, b)

    @classmethod
    def from_payload(cls, value: Any) -> _Question | None:
        if not isinstance(value, list) or len(value) != 3:
            return None
        a, operation, b = value
        valid = (
            isinstance(a, int)
            and isinstance(b, int)
            and not isinstance(a, bool)
            and not isinstance(b, bool)
            and operation in _QUESTIONS
        )
        return cls(a, operation, b) if valid else None


@functools.lru_cache(maxsize=1024)
def _question_text(operation: str, a: int, b: int, language: str | None) -> str:
    """A question in ``language`` (the translations are fixed for a process's life)."""
    return str(_QUESTIONS[operation]) % {"a": a, "b": b}


def _b64(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@functools.lru_cache(maxsize=8)
def _hmac_key(salt: str, secret: str) -> bytes:
    """The key ``salted_hmac(salt, …, secret=secret, algorithm="sha256")`` derives."""
    return hashlib.sha256((salt + secret).encode()).digest()


def _answer_mac(secret: str, nonce: str, answer: int) -> str:
    """``salted_hmac(_ANSWER_SALT, f"{nonce}|{answer}", secret=secret, algorithm="sha256")``
    in base64, with the derived key computed once per secret key."""
    message = f"{nonce}|{answer}".encode()
    return _b64(hmac.digest(_hmac_key(_ANSWER_SALT, secret), message, "sha256"))


def _answer_macs(nonce: str, answer: int) -> list[str]:
    """``HMAC(secret, nonce|answer)`` under the current secret key, then the fallbacks."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())]
    return [_answer_mac(key, nonce, answer) for key in keys]


def captcha_binding() -> str:
    """What ties a token to the browser: a hash of the current request's CSRF secret.

    :func:`~sintren.core.csrf.csrf_secret` makes sure the request has a CSRF secret
    (and that Django sends the cookie with the response) without masking a token; it
    writes nothing. Outside a request the binding is
    :data:`NO_REQUEST_BINDING`.
    """
    request = current_request()
    if request is None:
        return NO_REQUEST_BINDING
    return captcha_binding_of(csrf_secret(request))


def captcha_binding_of(secret: str) -> str:
    """The binding of a browser whose CSRF secret is ``secret``."""
    return _b64(hashlib.sha256(_BINDING_PREFIX + secret.encode()).digest()[:16])


def _sign(payload: dict[str, Any]) -> str:
    """``signing.dumps(payload, salt=SIGNING_SALT)``, quicker (no compression).

    The same steps as Django's ``TimestampSigner`` (compact JSON, URL-safe base64
    without padding, the base-62 timestamp, ``salted_hmac(SIGNING_SALT + "signer", …)``
    with SHA-256) with the HMAC key derived once per secret key; ``signing.loads``
    reads the token (a test compares both at a frozen clock).
    """
    data = json.dumps(payload, separators=(",", ":")).encode("latin-1")
    value = f"{_b64(data)}:{signing.b62_encode(int(time.time()))}"
    key = _hmac_key(SIGNING_SALT + "signer", settings.SECRET_KEY)
    return f"{value}:{_b64(hmac.digest(key, value.encode(), 'sha256'))}"


def captcha_new(scope: str, *, binding: str | None = None) -> Captcha:
    """Issue a new question for the form ``scope``; nothing is stored anywhere.

    ``binding``: the browser's (:func:`captcha_binding_of`), when the caller knows it
    already; by default :func:`captcha_binding` of the current request.
    """
    question = _Question.random()
    nonce = secrets.token_urlsafe(16)
    payload = {
        "v": _PAYLOAD_VERSION,
        "n": nonce,
        "s": scope,
        "b": captcha_binding() if binding is None else binding,
        "q": [question.a, question.operation, question.b],
        "h": _answer_mac(settings.SECRET_KEY, nonce, question.answer),
    }
    return Captcha(token=_sign(payload), question=question.text)


def _read(token: str) -> tuple[dict[str, Any] | None, bool]:
    """The token's payload if its signature is good, and whether it has expired."""
    try:
        payload = signing.loads(token, salt=SIGNING_SALT, max_age=CAPTCHA_TIMEOUT_SECONDS)
        expired = False
    except signing.SignatureExpired:
        try:
            payload = signing.loads(token, salt=SIGNING_SALT)
        except (signing.BadSignature, ValueError):
            return None, True
        expired = True
    except (signing.BadSignature, ValueError):
        return None, False
    well_formed = (
        isinstance(payload, dict)
        and payload.get("v") == _PAYLOAD_VERSION
        and isinstance(payload.get("n"), str)
        and bool(_NONCE_RE.match(payload["n"]))
        and isinstance(payload.get("s"), str)
        and isinstance(payload.get("b"), str)
        and isinstance(payload.get("h"), str)
        and _Question.from_payload(payload.get("q")) is not None
    )
    return (payload if well_formed else None), expired


_CLAIM_SQL = "INSERT INTO {t} (nonce, dipakai) VALUES (%s, %s) ON CONFLICT (nonce) DO NOTHING"


def _claim(nonce: str) -> bool:
    """Record the nonce as used; false if it already was (by anyone, at any time).

    One statement, no savepoint: a taken nonce inserts nothing (``ON CONFLICT DO
    NOTHING``) rather than raising, so a caller's transaction is never broken by it.
    """
    table = connection.ops.quote_name(CaptchaTerpakai._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_CLAIM_SQL.format(t=table), [nonce, now])
        return bool(cursor.rowcount == 1)


def captcha_verify(token: str | None, answer: int | str | None, scope: str) -> CaptchaResult:
    """Check ``answer`` for ``token`` issued for ``scope``; say why when it is refused.

    A token that is genuine, fresh, for this form and this browser is spent by this
    call whatever the answer: the first check inserts its nonce, later ones find it.
    Nothing about the answer is revealed before the nonce is claimed.
    """
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return CaptchaResult(CaptchaResult.INVALID)
    payload, expired = _read(token)
    if payload is None:
        return CaptchaResult(CaptchaResult.INVALID)
    question = _Question.from_payload(payload["q"])
    text = question.text if question is not None else None
    if expired:
        return CaptchaResult(CaptchaResult.EXPIRED, text)
    if payload["s"] != scope:
        return CaptchaResult(CaptchaResult.OTHER_FORM, text)
    if payload["b"] != captcha_binding():
        return CaptchaResult(CaptchaResult.OTHER_BROWSER, text)
    if not _claim(payload["n"]):
        return CaptchaResult(CaptchaResult.USED, text)
    given = str(answer).strip() if isinstance(answer, int | str) else ""
    if isinstance(answer, bool) or not _ANSWER_RE.match(given):
        return CaptchaResult(CaptchaResult.WRONG, text)
    expected = payload["h"].encode()
    macs = _answer_macs(payload["n"], int(given))
    if any(hmac.compare_digest(mac.encode(), expected) for mac in macs):
        return CaptchaResult(CaptchaResult.ACCEPTED, text)
    return CaptchaResult(CaptchaResult.WRONG, text)


def captcha_check(token: str | None, answer: int | str | None, scope: str) -> bool:
    """Whether ``answer`` is right for ``token`` issued for ``scope``. Single use.

    See :func:`captcha_verify`; two concurrent submissions of one token cannot both
    pass, because only one of them can insert the token's nonce.
    """
    return captcha_verify(token, answer, scope).accepted


def captcha_purge(now: datetime | None = None) -> int:
    """Delete used-token records older than the token lifetime; return how many went.

    Such a token has expired, so its record no longer protects anything.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=CAPTCHA_TIMEOUT_SECONDS)
    deleted, _ = CaptchaTerpakai.objects.filter(dipakai__lt=cutoff).delete()
    return deleted


class CaptchaFormMixin(forms.BaseForm):
    """Adds a math captcha to a form: a hidden ``captcha_token`` and a ``captcha`` answer.

    The answer field's label is the question. The check runs during validation; when the
    form turns out invalid (for any reason, or when the view adds an error after
    ``is_valid()``) a new question replaces the submitted one, the answer box is emptied,
    and every other input is kept, so the re-rendered form is ready to submit again.
    Call :meth:`refresh_captcha` yourself only if you re-render a form that was valid
    without adding an error to it.

    Tokens are issued for :attr:`captcha_scope` (by default the class name) and refused
    by any other form; set it when two forms share a class name.
    """

    captcha_scope: str | None = None
    captcha_error_message = WRONG_ANSWER_MESSAGE
    _errors: ErrorDict | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._captcha_refreshed = False
        self._captcha_in_clean = False
        # No max_length: an oversized token is refused by the check, without an error
        # message about a field nobody can see.
        self.fields[TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.fields[ANSWER_FIELD] = forms.IntegerField(
            label="",
            help_text=gettext_lazy("Jawab dengan angka."),
            error_messages={
                "required": gettext_lazy("Jawab pertanyaan perhitungan ini dengan angka."),
                "invalid": gettext_lazy("Jawaban perhitungan harus berupa angka."),
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
            # The submitted question is replaced by a new one if the form is shown again.
            self.fields[ANSWER_FIELD].label = gettext("Pertanyaan perhitungan")
        else:
            self._captcha_set(captcha_new(self.captcha_scope_name()))

    # --- public ---------------------------------------------------------------------
    @classmethod
    def captcha_scope_name(cls) -> str:
        """The scope this form's tokens are issued for and checked against."""
        return cls.captcha_scope or cls.__name__

    @property
    def captcha_question(self) -> str:
        """The question shown with the form (the answer field's label)."""
        return str(self.fields[ANSWER_FIELD].label)

    def refresh_captcha(self) -> Captcha:
        """Replace the question with a new one, empty the answer, keep all other input."""
        captcha = captcha_new(self.captcha_scope_name())
        self._captcha_set(captcha)
        if self.is_bound:
            data = self.data.copy()  # type: ignore[attr-defined]
            data[self.add_prefix(TOKEN_FIELD)] = captcha.token
            data[self.add_prefix(ANSWER_FIELD)] = ""
            self.data = data
        self._captcha_refreshed = True
        return captcha

    # --- validation -----------------------------------------------------------------
    def clean_captcha(self) -> int | None:
        """Check the answer against the submitted token (spending the token)."""
        answer = self.cleaned_data.get(ANSWER_FIELD)
        result = captcha_verify(self._captcha_submitted_token(), answer, self.captcha_scope_name())
        if not result.accepted:
            raise forms.ValidationError(self._captcha_message(result), code="captcha_invalid")
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
    def _captcha_message(self, result: CaptchaResult) -> str:
        """The error for a refused answer, naming the question when the token is genuine.

        Tokens of another form or browser, and forged ones, get the general message.
        """
        if result.question is None:
            return str(self.captcha_error_message)
        named = {
            CaptchaResult.WRONG: WRONG_ANSWER_FOR_MESSAGE,
            CaptchaResult.EXPIRED: EXPIRED_MESSAGE,
            CaptchaResult.USED: USED_MESSAGE,
        }.get(result.reason)
        if named is None:
            return str(self.captcha_error_message)
        return str(named) % {"question": result.question}

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
