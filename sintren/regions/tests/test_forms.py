"""The cascading region selects as a form piece, with the no-JavaScript refresh."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings

from sintren.regions.forms import WilayahFormMixin, wilayah_refresh_requested
from sintren.regions.models import Wilayah

pytestmark = pytest.mark.usefixtures("dua_provinsi")

KARANGSARI = {
    "provinsi": "33",
    "kabupaten": "33.26",
    "kecamatan": "33.26.07",
    "desa": "33.26.07.2008",
}


class AlamatForm(WilayahFormMixin, forms.Form):
    nama = forms.CharField(label="Nama Lengkap")


class OpsionalForm(WilayahFormMixin, forms.Form):
    wilayah_required = False


def _values(form: forms.Form, name: str) -> list[str]:
    return [value for value, _label in form.fields[name].widget.choices]


def _selected(html: str, select_id: str) -> str | None:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, select_id
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(1))
    return chosen.group(1) if chosen else None


def test_defaults_to_the_configured_regency() -> None:
    form = AlamatForm()
    html = render_to_string("regions/partials/wilayah_fields.html", {"form": form})
    assert _selected(html, "id_provinsi") == "33"
    assert _selected(html, "id_kabupaten") == "33.26"
    assert _selected(html, "id_kecamatan") == ""  # the placeholder
    assert set(_values(form, "provinsi")) == {"", "33", "34"}
    assert len(_values(form, "kecamatan")) == 1 + 19
    assert _values(form, "desa") == [""]


@override_settings(SINTREN={"REGENCY_CODE": "34.71"})
def test_default_follows_the_setting() -> None:
    form = AlamatForm()
    assert form.initial["kabupaten"] == "34.71"
    assert "33.26.07" not in _values(form, "kecamatan")


def test_labels_are_exactly_the_manuals() -> None:
    html = render_to_string("regions/partials/wilayah_fields.html", {"form": AlamatForm()})
    for field_id, label in [
        ("id_provinsi", "Provinsi"),
        ("id_kabupaten", "Kabupaten/Kota"),
        ("id_kecamatan", "Kecamatan"),
        ("id_desa", "Desa/Kelurahan"),
    ]:
        assert re.search(rf'<label for="{field_id}">{re.escape(label)}:?</label>', html)
    assert "<noscript>" in html
    assert re.search(r'<button type="submit" name="wilayah_refresh"[^>]*formnovalidate', html)
    assert "Perbarui pilihan wilayah" in html
    assert "<script" not in html
    assert "style=" not in html


def test_selects_carry_htmx_attributes_for_the_next_level() -> None:
    form = AlamatForm(prefix="alamat")
    attrs = form.fields["kecamatan"].widget.attrs
    assert attrs["hx-get"] == "/wilayah/pilihan/?chain=alamat-provinsi%2Calamat-kabupaten"
    assert attrs["hx-include"] == "#id_alamat-provinsi, #id_alamat-kabupaten"
    assert attrs["hx-trigger"] == (
        "change from:#id_alamat-provinsi, change from:#id_alamat-kabupaten"
    )
    assert "hx-get" not in form.fields["provinsi"].widget.attrs
    assert form.fields["provinsi"].widget.attrs["aria-controls"] == (
        "id_alamat-kabupaten id_alamat-kecamatan id_alamat-desa"
    )


def test_prefills_from_a_village_code_or_instance() -> None:
    for initial in ("33.26.07.2008", Wilayah.objects.get(code="33.26.07.2008")):
        form = AlamatForm(initial={"wilayah": initial})
        html = render_to_string("regions/partials/wilayah_fields.html", {"form": form})
        assert _selected(html, "id_kecamatan") == "33.26.07"
        assert _selected(html, "id_desa") == "33.26.07.2008"
        assert "33.26.07.2008" in _values(form, "desa")


def test_valid_choice_yields_the_village() -> None:
    form = AlamatForm(data={"nama": "Budi", **KARANGSARI})
    assert form.is_valid(), form.errors
    village = form.cleaned_data["wilayah"]
    assert isinstance(village, Wilayah)
    assert (village.code, village.name) == ("33.26.07.2008", "Karangsari")
    assert form.cleaned_data["kecamatan"].name == "Karanganyar"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"desa": "33.26.08.2001"},
            "desa",
            "Desa/Kelurahan yang dipilih tidak berada di Kecamatan yang dipilih.",
        ),
        (
            {"kabupaten": "33.25"},
            "kecamatan",
            "Kecamatan yang dipilih tidak berada di Kabupaten/Kota yang dipilih.",
        ),
        (
            {"provinsi": "34"},
            "kabupaten",
            "Kabupaten/Kota yang dipilih tidak berada di Provinsi yang dipilih.",
        ),
    ],
)
def test_mismatched_parent_is_refused_in_indonesian(
    change: dict[str, str], field: str, message: str
) -> None:
    form = AlamatForm(data={"nama": "Budi", **KARANGSARI, **change})
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert "wilayah" not in form.cleaned_data


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"desa": ""}, "desa", "Pilih Desa/Kelurahan."),
        ({"desa": "33.26.07.9999"}, "desa", "Desa/Kelurahan yang dipilih tidak dikenal."),
        ({"kecamatan": "33.26.07.2008"}, "kecamatan", "Kecamatan yang dipilih tidak dikenal."),
        ({"provinsi": "<script>"}, "provinsi", "Provinsi yang dipilih tidak dikenal."),
    ],
)
def test_missing_or_unknown_choice(change: dict[str, str], field: str, message: str) -> None:
    form = AlamatForm(data={"nama": "Budi", **KARANGSARI, **change})
    assert not form.is_valid()
    assert str(form.errors[field][0]).startswith(message)


def test_errors_are_linked_to_their_select() -> None:
    form = AlamatForm(data={"nama": "Budi", **KARANGSARI, "desa": "33.26.08.2001"})
    html = render_to_string("regions/partials/wilayah_fields.html", {"form": form})
    assert 'id="id_desa_error"' in html
    assert re.search(r'<select[^>]*aria-invalid="true"[^>]*id="id_desa"', html) or re.search(
        r'<select[^>]*id="id_desa"[^>]*aria-invalid="true"', html
    )


def test_no_js_refresh_shows_the_next_level_and_keeps_the_input() -> None:
    data: dict[str, Any] = {
        "nama": "Budi",
        "provinsi": "33",
        "kabupaten": "33.26",
        "kecamatan": "33.26.07",
        "desa": "",
        "wilayah_refresh": "1",
    }
    form = AlamatForm(data=data)
    assert form.wilayah_refresh_requested
    assert form.is_valid() is False
    assert form.errors == {}
    html = render_to_string("regions/partials/wilayah_fields.html", {"form": form})
    assert "Karangsari" in html
    assert "errorlist" not in html
    assert 'value="Budi"' in form["nama"].as_widget()


def test_no_js_refresh_after_changing_the_province_empties_lower_levels() -> None:
    form = AlamatForm(data={**KARANGSARI, "provinsi": "34", "wilayah_refresh": "1", "nama": "Budi"})
    assert "34.71" in _values(form, "kabupaten")
    assert _values(form, "kecamatan") == [""]
    assert _values(form, "desa") == [""]


def test_refresh_helper_for_views(rf: RequestFactory) -> None:
    assert wilayah_refresh_requested(rf.post("/", {"wilayah_refresh": "1"}))
    assert not wilayah_refresh_requested(rf.post("/", {"nama": "x"}))
    assert not wilayah_refresh_requested(rf.get("/"))


def test_bound_querydict_with_repeated_values_is_harmless() -> None:
    data = QueryDict("nama=B&provinsi=33&provinsi=34&kabupaten=33.26&kecamatan=x&desa=y")
    form = AlamatForm(data=data)
    assert not form.is_valid()
    assert "kecamatan" in form.errors


def test_optional_group_all_or_nothing() -> None:
    empty = OpsionalForm(data={})
    assert empty.is_valid(), empty.errors
    assert empty.cleaned_data["wilayah"] is None
    partial = OpsionalForm(data={"provinsi": "33", "kabupaten": "33.26"})
    assert not partial.is_valid()
    assert partial.errors["kecamatan"] == ["Pilih Kecamatan."]
    full = OpsionalForm(data=KARANGSARI)
    assert full.is_valid()
    assert full.cleaned_data["wilayah"].code == "33.26.07.2008"
