"""Cascading region selects (Provinsi → Kabupaten/Kota → Kecamatan → Desa/Kelurahan).

Use ``WilayahFormMixin`` as the first base of a form (``class F(WilayahFormMixin,
forms.ModelForm)``), render the group with ``{% include
"regions/partials/wilayah_fields.html" %}`` and read the village from
``form.cleaned_data["wilayah"]``.

With htmx, each select below Provinsi fetches its own options from
``regions:pilihan`` whenever a select above it changes. Without JavaScript, the
*Perbarui pilihan wilayah* button (``name="wilayah_refresh"``) submits the form; the
mixin then re-renders it with the next level's options, keeping the input and showing
no errors, and ``is_valid()`` is False so the view saves nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Wilayah
from .selectors import (
    wilayah_ancestor_codes,
    wilayah_chain_is_consistent,
    wilayah_children,
    wilayah_get,
)

REFRESH_FIELD = "wilayah_refresh"

#: (field name, level, label), top-down.
WILAYAH_LEVELS: tuple[tuple[str, int, Any], ...] = (
    ("provinsi", Wilayah.Level.PROVINSI, gettext_lazy("Provinsi")),
    ("kabupaten", Wilayah.Level.KABUPATEN, gettext_lazy("Kabupaten/Kota")),
    ("kecamatan", Wilayah.Level.KECAMATAN, gettext_lazy("Kecamatan")),
    ("desa", Wilayah.Level.DESA, gettext_lazy("Desa/Kelurahan")),
)
WILAYAH_FIELD_NAMES = tuple(name for name, _level, _label in WILAYAH_LEVELS)


def wilayah_placeholder(level: int) -> str:
    """The empty first option of a level's select, e.g. ``— Pilih Kecamatan —``."""
    label = WILAYAH_LEVELS[level - 1][2]
    return _("— Pilih %(label)s —") % {"label": label}


def wilayah_choices(parent_code: str | None, level: int) -> list[tuple[str, str]]:
    """Options of a select: the placeholder, then the children of ``parent_code`` by name.

    A name that occurs twice under the same parent gets its own code segment appended,
    so that every option can be told apart.
    """
    choices = [("", wilayah_placeholder(level))]
    if level > 1 and not parent_code:
        return choices
    children = list(wilayah_children(parent_code if level > 1 else None))
    repeated = Counter(child.name.casefold() for child in children)
    for child in children:
        label = child.name
        if repeated[child.name.casefold()] > 1:
            label = f"{child.name} ({child.code.rsplit('.', 1)[-1]})"
        choices.append((child.code, label))
    return choices


def _options_when_drawn(parent_code: str | None, level: int) -> Callable[[], list[tuple[str, str]]]:
    """:func:`wilayah_choices` read when the select is drawn, once (Django iterates a
    callable's choices lazily): a valid POST redirects without drawing, and reads none."""
    read: list[list[tuple[str, str]]] = []

    def options() -> list[tuple[str, str]]:
        if not read:
            read.append(wilayah_choices(parent_code, level))
        return read[0]

    return options


def wilayah_refresh_requested(request: HttpRequest) -> bool:
    """True when the no-JavaScript *Perbarui pilihan wilayah* button submitted the form."""
    data = request.POST if request.method == "POST" else request.GET
    return REFRESH_FIELD in data


class WilayahLevelField(forms.Field):
    """One select of the cascade; its cleaned value is the ``Wilayah`` of that level."""

    widget = forms.Select

    def __init__(self, *, level: int, **kwargs: Any) -> None:
        self.level = level
        super().__init__(**kwargs)
        self.error_messages["required"] = format_lazy(gettext_lazy("Pilih {}."), self.label)

    def prepare_value(self, value: Any) -> Any:
        return value.code if isinstance(value, Wilayah) else value

    def to_python(self, value: Any) -> Wilayah | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Wilayah):
            return value
        found = wilayah_get(str(value).strip(), level=self.level)
        if found is None:
            raise forms.ValidationError(
                _("%(label)s yang dipilih tidak dikenal. Pilih dari daftar.")
                % {"label": self.label},
                code="invalid_choice",
            )
        return found


def _level_field(level: int, label: Any) -> WilayahLevelField:
    return WilayahLevelField(level=level, label=label)


class WilayahFormMixin(forms.Form):
    """Adds the four cascading region selects and ``cleaned_data["wilayah"]`` (the village).

    The selects default to ``settings.SINTREN["REGENCY_CODE"]`` (province and regency
    preselected); ``initial={"wilayah": <village code or Wilayah>}`` prefills all four.
    Set ``wilayah_required = False`` on the form to make the group optional (all or
    nothing).
    """

    wilayah_required = True

    provinsi = _level_field(Wilayah.Level.PROVINSI, WILAYAH_LEVELS[0][2])
    kabupaten = _level_field(Wilayah.Level.KABUPATEN, WILAYAH_LEVELS[1][2])
    kecamatan = _level_field(Wilayah.Level.KECAMATAN, WILAYAH_LEVELS[2][2])
    desa = _level_field(Wilayah.Level.DESA, WILAYAH_LEVELS[3][2])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chain = self._wilayah_selected_chain()
        for index, (name, level, _label) in enumerate(WILAYAH_LEVELS):
            field = self.fields[name]
            field.required = self.wilayah_required
            parent = chain[index - 1] if 0 < index <= len(chain) else None
            field.widget.choices = _options_when_drawn(parent, level)
            field.widget.attrs.update(self._wilayah_htmx_attrs(index))
            if not self.is_bound and index < len(chain):
                self.initial[name] = chain[index]

    # --- no-JavaScript refresh -------------------------------------------------------

    @property
    def wilayah_refresh_requested(self) -> bool:
        """True when the form was submitted by the *Perbarui pilihan wilayah* button."""
        return self.is_bound and REFRESH_FIELD in self.data

    def full_clean(self) -> None:
        if self.wilayah_refresh_requested:
            # Only re-rendering with new options: no validation, no error messages.
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.wilayah_refresh_requested and super().is_valid()

    # --- validation --------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        values = [cleaned.get(name) for name in WILAYAH_FIELD_NAMES]
        if not self.wilayah_required and not any(values) and not self._wilayah_errors():
            cleaned["wilayah"] = None
            return cleaned
        parent: Wilayah | None = None
        for index, (name, _level, label) in enumerate(WILAYAH_LEVELS):
            value = values[index]
            if value is None:
                if not self.wilayah_required and name not in self.errors:
                    self.add_error(name, _("Pilih %(label)s.") % {"label": label})
                return cleaned
            if parent is not None and value.parent_id != parent.code:
                self.add_error(
                    name,
                    _("%(label)s yang dipilih tidak berada di %(parent)s yang dipilih.")
                    % {"label": label, "parent": WILAYAH_LEVELS[index - 1][2]},
                )
                return cleaned
            parent = value
        cleaned["wilayah"] = parent
        return cleaned

    def _wilayah_errors(self) -> bool:
        return any(name in self.errors for name in WILAYAH_FIELD_NAMES)

    # --- helpers -----------------------------------------------------------------------

    @property
    def wilayah_fields(self) -> list[forms.BoundField]:
        """The four bound fields, top-down, for the template partial."""
        return [self[name] for name in WILAYAH_FIELD_NAMES]

    def _wilayah_selected_chain(self) -> list[str]:
        """The selected codes, top-down, cut at the first missing or inconsistent one."""
        if self.is_bound:
            raw = [str(self.data.get(self.add_prefix(name)) or "") for name in WILAYAH_FIELD_NAMES]
        else:
            raw = self._wilayah_initial_codes()
        chain: list[str] = []
        for code in (c.strip() for c in raw):
            if not code or not wilayah_chain_is_consistent([*chain, code]):
                break
            chain.append(code)
        return chain

    def _wilayah_initial_codes(self) -> list[str]:
        village = self.initial.get("wilayah")
        if village:
            return wilayah_ancestor_codes(str(getattr(village, "code", village)))
        given = [self.initial.get(name) for name in WILAYAH_FIELD_NAMES]
        if any(given):
            return [str(getattr(value, "code", value) or "") for value in given]
        return wilayah_ancestor_codes(str(settings.SINTREN["REGENCY_CODE"]))

    def _wilayah_htmx_attrs(self, index: int) -> dict[str, str]:
        attrs: dict[str, str] = {}
        if index + 1 < len(WILAYAH_LEVELS):
            attrs["aria-controls"] = " ".join(
                self[name].auto_id for name in WILAYAH_FIELD_NAMES[index + 1 :]
            )
        if index == 0:
            return attrs
        above = [self[name] for name in WILAYAH_FIELD_NAMES[:index]]
        ids = [f"#{bound.auto_id}" for bound in above]
        query = urlencode({"chain": ",".join(bound.html_name for bound in above)})
        attrs.update(
            {
                "hx-get": f"{reverse('regions:pilihan')}?{query}",
                "hx-trigger": ", ".join(f"change from:{css_id}" for css_id in ids),
                "hx-include": ", ".join(ids),
                "hx-target": "this",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        return attrs


def wilayah_chain_from_query(query: Mapping[str, str]) -> tuple[str | None, int] | None:
    """Parent code and level to list, from the partial endpoint's query string.

    Either ``parent=33.26`` or, as the selects send it, ``chain=provinsi,kabupaten`` plus
    those parameters' values. None when the request is malformed or the chain is not
    consistent (a select above changed, so this level has to be emptied).
    """
    if "parent" in query:
        parent = str(query["parent"]).strip()
        if not parent:
            return None, 1
        codes = wilayah_ancestor_codes(parent)
        if not codes or len(codes) >= len(WILAYAH_LEVELS):
            return None
        return parent, len(codes) + 1
    names = [n for n in str(query.get("chain", "")).split(",") if n][: len(WILAYAH_LEVELS) - 1]
    if not names:
        return None, 1
    codes = [str(query.get(name, "")).strip() for name in names]
    if not all(codes) or not wilayah_chain_is_consistent(codes):
        return "", len(codes) + 1
    return codes[-1], len(codes) + 1
