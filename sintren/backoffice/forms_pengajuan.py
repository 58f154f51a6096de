"""Forms of the staff's request pages (BO-3): the queue's filters, a rejection, and the
item-by-item correction (X-2)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sintren.backoffice.selectors_pengajuan import STATUS_TERKIRIM, PilihanPerbaikan
from sintren.catalog.models import Layanan
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.perbaikan import ItemDiminta

MENUNGGU_PILIHAN = (3, 7, 14, 30)


class AntreanFilterForm(forms.Form):
    """The queue's filters, all in the URL (none carries personal data)."""

    layanan = forms.ModelChoiceField(
        label=_("Layanan"),
        queryset=Layanan.objects.none(),
        required=False,
        empty_label=_("Semua layanan saya"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Perlu ditangani (Dikirim, Diproses)")),
            *[(s.value, s.label) for s in STATUS_TERKIRIM],
        ],
    )
    menunggu = forms.TypedChoiceField(
        label=_("Lama menunggu"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Berapa pun")),
            *[(str(n), _("Lebih dari %(n)s hari") % {"n": n}) for n in MENUNGGU_PILIHAN],
        ],
    )
    milik_saya = forms.BooleanField(label=_("Milik saya"), required=False)

    def __init__(self, *args: Any, layanan: QuerySet[Layanan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["layanan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = layanan


class TolakPengajuanForm(forms.Form):
    """*Ditolak*: the reason the applicant is told (required)."""

    catatan = forms.CharField(
        label=_("Alasan penolakan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Alasan penolakan wajib diisi.")},
    )


class PerbaikanForm(forms.Form):
    """*Perlu Perbaikan*: each document of the service and each field of the request
    with a checkbox (``tandai_<kunci>``) and a note (``catatan_<kunci>``); a marked item
    needs its note. ``cleaned_data["items"]`` holds the :class:`ItemDiminta` list."""

    catatan = forms.CharField(
        label=_("Catatan umum (opsional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, pilihan: list[PilihanPerbaikan], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "perbaikan_%s")  # the Ditolak form has a "catatan" too
        super().__init__(*args, **kwargs)
        self.pilihan = pilihan
        for item in pilihan:
            self.fields[f"tandai_{item.kunci}"] = forms.BooleanField(
                label=item.label, required=False
            )
            self.fields[f"catatan_{item.kunci}"] = forms.CharField(
                label=gettext("Catatan untuk %(label)s") % {"label": item.label},
                max_length=1000,
                required=False,
            )

    def baris(self) -> list[tuple[PilihanPerbaikan, forms.BoundField, forms.BoundField]]:
        """(item, checkbox, note) per row, in the listed order (the template's table)."""
        return [
            (item, self[f"tandai_{item.kunci}"], self[f"catatan_{item.kunci}"])
            for item in self.pilihan
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        items: list[ItemDiminta] = []
        for item in self.pilihan:
            if not data.get(f"tandai_{item.kunci}"):
                continue
            catatan = str(data.get(f"catatan_{item.kunci}") or "").strip()
            if not catatan:
                self.add_error(
                    f"catatan_{item.kunci}",
                    gettext("Catatan untuk %(label)s wajib diisi.") % {"label": item.label},
                )
            elif item.dokumen_id is not None:
                items.append(ItemDiminta.untuk_dokumen(item.dokumen_id, catatan))
            else:
                items.append(ItemDiminta.untuk_data(item.field, catatan))
        if not items and not self.errors:
            raise forms.ValidationError(
                gettext("Tandai sedikitnya satu dokumen atau data yang perlu diperbaiki.")
            )
        data["items"] = items
        return data


# Decisions of the detail page's action form (besides taking the request and the
# correction, which have their own forms); the transition table decides which appear.
AKSI_SEDERHANA = frozenset({StatusPengajuan.SIAP_DIAMBIL, StatusPengajuan.SELESAI})
