"""The Python form templates print exactly what Django's templates print."""

from __future__ import annotations

import datetime
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

import sintren
from sintren.core import formrender
from sintren.core.formrender import FormRenderer

TEMPLATES = DjangoTemplates()
FAST = FormRenderer()


class Semua(forms.Form):
    """One field of every kind the Python templates handle, and some they hand back."""

    required_css_class = "wajib"

    teks = forms.CharField(label=_("Nama Lengkap"), max_length=20, help_text="Sesuai <b>KTP</b>.")
    surel = forms.EmailField(label="Email", required=False)
    sandi = forms.CharField(widget=forms.PasswordInput(render_value=True))
    angka = forms.IntegerField(min_value=1, max_value=5)
    tanggal = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    cari = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autofocus": True, "hilang": False}),
    )
    catatan = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    setuju = forms.BooleanField(label="Saya setuju?")
    tersembunyi = forms.CharField(widget=forms.HiddenInput, required=False)
    pilih = forms.ChoiceField(choices=[("", "—"), ("a", "A & B"), ("b", mark_safe("<i>B</i>"))])
    kelompok = forms.ChoiceField(
        choices=[("Jawa", [("33", "Jawa Tengah"), ("35", "Jawa Timur")]), ("x", "Lain")]
    )
    banyak = forms.MultipleChoiceField(choices=[("1", "Satu"), ("2", "Dua")], required=False)
    nilai = forms.TypedChoiceField(choices=[(1, 1), (2, 2)], coerce=int)
    ya_tidak = forms.NullBooleanField(required=False)
    radio = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    berkas = forms.FileField(required=False)
    tanpa_label = forms.CharField(label="", required=False)
    awal = forms.CharField(show_hidden_initial=True, required=False)
    hari = forms.ChoiceField(choices=[("1", datetime.date(2026, 12, 3))], required=False)


def _both(make: Any) -> tuple[str, str]:
    return str(make(TEMPLATES)), str(make(FAST))


BOUND_DATA = {
    "teks": 'Budi "<script>" & co, lebih dari dua puluh huruf',
    "surel": "bukan-email",
    "angka": "9",
    "pilih": "a",
    "kelompok": "35",
    "banyak": ["1", "2"],
    "nilai": "2",
    "catatan": "baris <1>\nbaris 2",
}


def _forms(renderer: Any) -> Iterator[forms.Form]:
    yield Semua(renderer=renderer)
    yield Semua(renderer=renderer, auto_id=False)
    yield Semua(renderer=renderer, initial={"teks": "O'Neil <&>", "pilih": "b", "nilai": 1})
    bound = Semua(BOUND_DATA, renderer=renderer)
    bound.is_valid()
    yield bound


@pytest.mark.parametrize("name", list(Semua.base_fields))
def test_every_kind_of_field_renders_the_same(name: str) -> None:
    for slow, fast in zip(_forms(TEMPLATES), _forms(FAST), strict=True):
        for part in ("as_field_group", "__str__", "label_tag"):
            expected = str(getattr(slow[name], part)())
            assert str(getattr(fast[name], part)()) == expected, (name, part)
        assert str(fast[name].errors) == str(slow[name].errors)


def test_bound_form_shows_errors_in_the_python_path() -> None:
    form = Semua(BOUND_DATA, renderer=FAST)
    assert not form.is_valid()
    group = str(form["surel"].as_field_group())
    assert '<ul class="errorlist" id="id_surel_error"><li>' in group
    assert 'aria-invalid="true"' in group
    assert "&lt;script&gt;" in str(form["teks"])  # the value is escaped


def test_unknown_values_and_fieldsets_go_to_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = DjangoTemplates.render

    def spy(self: Any, template_name: str, context: Any, request: Any = None) -> str:
        calls.append(template_name)
        return real(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", spy)
    form = Semua(renderer=FAST)
    str(form["teks"].as_field_group())
    str(form["pilih"].as_field_group())
    assert calls == []  # all in Python
    str(form["nilai"])  # integer labels: localised like the engine does
    assert calls == []
    str(form["hari"])  # a date as a label: printed by the engine
    assert calls == ["django/forms/widgets/select.html"]
    calls.clear()
    str(form["radio"].as_field_group())  # a fieldset of radio buttons
    assert calls[0] == "django/forms/field.html"


def test_settings_use_the_python_renderer() -> None:
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), formrender.FormRenderer)


def _project_forms() -> Iterator[type[forms.BaseForm]]:
    for module_info in pkgutil.walk_packages(sintren.__path__, "sintren."):
        leaf = module_info.name.rsplit(".", 1)[-1]
        if not leaf.startswith("forms") or ".tests" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


@pytest.mark.django_db
def test_every_project_form_renders_the_same() -> None:
    checked = 0
    for cls in _project_forms():
        try:
            pair = [cls(renderer=TEMPLATES), cls(renderer=FAST)]
            bound = [cls({}, renderer=TEMPLATES), cls({}, renderer=FAST)]
        except TypeError:
            continue  # needs arguments (a user, a request)
        for form in bound:
            form.is_valid()
        for slow, fast in (pair, bound):
            for name in slow.fields:
                assert str(fast[name].as_field_group()) == str(slow[name].as_field_group()), (
                    cls,
                    name,
                )
        checked += 1
    assert checked >= 10
