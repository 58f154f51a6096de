"""The rating form of a finished request (X-9): 1-5 stars and an optional comment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sintren.pengajuan.penilaian import ARTI_NILAI
from sintren.pengajuan.services_penilaian import KOMENTAR_MAKS


class PenilaianForm(forms.Form):
    """*Penilaian Layanan*: the stars are radio buttons, each labelled with its meaning."""

    nilai = forms.TypedChoiceField(
        label=_("Nilai"),
        choices=[(n, f"{n} dari 5 bintang: {arti}") for n, arti in ARTI_NILAI.items()],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih nilai 1 sampai 5 bintang."),
            "invalid_choice": _("Pilih nilai 1 sampai 5 bintang."),
        },
    )
    komentar = forms.CharField(
        label=_("Komentar (tidak wajib)"),
        required=False,
        max_length=KOMENTAR_MAKS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Komentar paling banyak %(limit_value)d karakter."),
        },
    )
