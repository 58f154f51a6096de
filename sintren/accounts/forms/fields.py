"""Inputs shared by the applicant's forms, and the check of a new password with its repeat."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sintren.accounts.validators import password_validate

_NIK_SHAPE = re.compile(r"^[0-9]{16}$")


def nik_field(**kwargs: Any) -> forms.CharField:
    """The NIK input: 16 digits, numeric keyboard on phones."""
    return forms.CharField(
        label=gettext_lazy("NIK"),
        max_length=40,
        error_messages={"required": gettext_lazy("NIK wajib diisi.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": "20"}
        ),
        **kwargs,
    )


def nik_shape(value: Any) -> str:
    """NIK as 16 digits (spaces, dots and dashes dropped), or a ValidationError."""
    digits = re.sub(r"[\s.\-]+", "", str(value or ""))
    if not _NIK_SHAPE.match(digits):
        raise ValidationError(_("NIK harus terdiri dari tepat 16 angka."), code="format")
    return digits


def nama_lengkap_field() -> forms.CharField:
    """*Nama Lengkap* as on the KTP/KK."""
    return forms.CharField(
        label=gettext_lazy("Nama Lengkap"),
        max_length=100,
        error_messages={"required": gettext_lazy("Nama Lengkap wajib diisi.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


def nomor_kk_field(**kwargs: Any) -> forms.CharField:
    """*Nomor KK*: the family card's 16 digits, numeric keyboard on phones."""
    return forms.CharField(
        label=gettext_lazy("Nomor KK"),
        max_length=40,
        error_messages={"required": gettext_lazy("Nomor KK wajib diisi.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        **kwargs,
    )


def phone_field(label: Any, required: Any, help_text: Any) -> forms.CharField:
    """A WhatsApp number input, telephone keyboard on phones (``required``: its message)."""
    return forms.CharField(
        label=label,
        max_length=30,
        help_text=help_text,
        error_messages={"required": required},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


class DescribedBoundField(BoundField):
    """A bound field whose input is also described by elements outside the field."""

    @property
    def aria_describedby(self) -> str:
        own = (super().aria_describedby or "").split()  # help text, then the error
        return " ".join([*own, *getattr(self.field, "described_by", ())])


class DescribedCharField(forms.CharField):
    """A text field described by its help text, its error *and* ``described_by`` ids.

    Setting ``aria-describedby`` on the widget would hide the field's own error from
    screen readers (Django then leaves the attribute as given).
    """

    def __init__(self, *args: Any, described_by: tuple[str, ...] = (), **kwargs: Any) -> None:
        self.described_by = described_by
        super().__init__(*args, **kwargs)

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> BoundField:
        return DescribedBoundField(form, self, field_name)


def password_field(
    label: Any,
    required: Any,
    *,
    autocomplete: str = "new-password",
    described_by: tuple[str, ...] = (),
) -> forms.CharField:
    """A password input, kept as typed and never written back into the page.

    ``required`` is the message for an empty input; ``described_by`` are the ids of
    elements that explain the input (the password rules), read after its own error.
    """
    return DescribedCharField(
        label=label,
        strip=False,
        max_length=128,
        error_messages={"required": required},
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        described_by=described_by,
    )


def password_pair_check(
    form: forms.BaseForm,
    password_name: str,
    repeat_name: str,
    mismatch: str,
    *,
    nik: str | None,
    nomor_kk: str | None,
    tanggal_lahir: date | None,
) -> None:
    """Check a new password and its repeat from ``form.cleaned_data``; errors go on the form.

    The password must keep the rules (``password_validate``: it may not contain the
    applicant's NIK, KK or birth date); the repeat must equal it, else ``mismatch``.
    Nothing is checked while the password is still empty (its own field says so).
    """
    password = form.cleaned_data.get(password_name)
    repeat = form.cleaned_data.get(repeat_name)
    if not password:
        return
    try:
        password_validate(password, nik=nik, nomor_kk=nomor_kk, tanggal_lahir=tanggal_lahir)
    except ValidationError as exc:
        form.add_error(password_name, exc)
    if repeat is not None and repeat != password:
        form.add_error(repeat_name, mismatch)
