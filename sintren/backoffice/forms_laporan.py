"""The report's filter (BO-5): a period of office days and optionally one service."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sintren.backoffice.selectors_laporan import PERIODE_HARI, PERIODE_MAKS_HARI, Periode


class LaporanFilterForm(forms.Form):
    """*Dari tanggal*, *Sampai tanggal*, *Layanan*; in the URL (no personal data).

    Empty dates mean the last :data:`PERIODE_HARI` days. A period runs at most
    :data:`PERIODE_MAKS_HARI` days and ends today at the latest.
    """

    dari = forms.DateField(
        label=_("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal tidak valid (format: tttt-bb-hh).")},
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal tidak valid (format: tttt-bb-hh).")},
    )
    layanan = forms.TypedChoiceField(
        label=_("Layanan"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Pilih layanan dari daftar.")},
    )

    def __init__(
        self, *args: Any, layanan: list[tuple[int, str]], hari_ini: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.hari_ini = hari_ini
        pilihan = self.fields["layanan"]
        assert isinstance(pilihan, forms.TypedChoiceField)
        pilihan.choices = [("", _("Semua layanan")), *layanan]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        sampai = data.get("sampai") or self.hari_ini
        dari = data.get("dari") or sampai - timedelta(days=PERIODE_HARI - 1)
        if sampai > self.hari_ini:
            self.add_error("sampai", _("Tanggal sampai tidak boleh melewati hari ini."))
        elif dari > sampai:
            self.add_error("dari", _("Tanggal dari harus sebelum atau sama dengan tanggal sampai."))
        elif (sampai - dari).days + 1 > PERIODE_MAKS_HARI:
            self.add_error(
                "dari",
                _("Periode laporan paling panjang %(hari)d hari.") % {"hari": PERIODE_MAKS_HARI},
            )
        else:
            data["periode"] = Periode(dari, sampai)
        return data
