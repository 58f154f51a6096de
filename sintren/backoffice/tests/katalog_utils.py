"""Helpers of the catalogue page tests: the POST a browser would send for a service."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django import forms
from PIL import Image

from sintren.backoffice.forms_katalog import INLINES, LayananForm
from sintren.catalog.models import Layanan


def _value(bound: forms.BoundField) -> Any:
    value = bound.value()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def form_fields(form: forms.BaseForm) -> dict[str, Any]:
    """What the rendered form posts back untouched (unchecked boxes are left out)."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        bound = form[name]
        if isinstance(field, forms.FileField):
            continue
        value = _value(bound)
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        data[bound.html_name] = value
    return data


def layanan_post(layanan: Layanan | None = None, **changes: Any) -> dict[str, Any]:
    """The POST of the service page as rendered (``layanan`` None: the empty new form).

    ``changes`` are field names as posted (``kuota_harian``, ``jadwal-0-DELETE``, …);
    a value ``None`` removes the key (an unticked box).
    """
    instance = layanan or Layanan()
    data = form_fields(LayananForm(instance=instance))
    for prefix, _heading, formset_class in INLINES:
        formset = formset_class(instance=instance, prefix=prefix)
        data.update(
            {
                formset.management_form[k].html_name: v
                for k, v in formset.management_form.initial.items()
            }
        )
        for form in formset:
            data.update(form_fields(form))
            data.pop(f"{form.prefix}-DELETE", None)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def png_bytes(width: int = 60, height: int = 40) -> bytes:
    """A small real PNG."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()
