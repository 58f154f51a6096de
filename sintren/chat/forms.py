"""The chat's one form: *Tulis pesan*."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sintren.chat.models import ISI_MAX


class PesanForm(forms.Form):
    """The message text; emptiness and length are checked again by the service."""

    isi = forms.CharField(
        label=_("Tulis pesan"),
        max_length=ISI_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": ISI_MAX}),
    )
