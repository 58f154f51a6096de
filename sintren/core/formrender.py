"""Django's form templates for the common fields, written as Python functions.

Rendering one form field through Django's template engine takes about a millisecond
(``field.html`` includes the label, error list and widget templates, a ``<select>``
includes one template per option): a list page with a filter form and a search box
spent more time on its four fields than on its fifty rows. :class:`FormRenderer` is
Django's renderer (``FORM_RENDERER``) with the templates below done in Python; they
produce exactly the HTML Django's own templates produce (``tests/test_formrender.py``
compares them case by case). Any other template, a custom ``template_name`` on a
widget or form, a fieldset group (radio buttons, checkbox lists) and any value the
functions do not know how to print go to the template engine as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

FIELD = "django/forms/field.html"
LABEL = "django/forms/label.html"
ERRORS = ("django/forms/errors/list/default.html", "django/forms/errors/list/ul.html")
SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
TEXTAREA = "django/forms/widgets/textarea.html"
# Widget templates that are nothing but ``{% include "django/forms/widgets/input.html" %}``.
INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "email",
        "password",
        "number",
        "hidden",
        "search",
        "tel",
        "url",
        "date",
        "time",
        "datetime",
        "color",
        "file",
        "checkbox",
    )
)


class _EngineNeededError(Exception):
    """A value the Python templates do not print the engine's way: use the engine."""


def _text(value: Any) -> str:
    """``{{ value }}``: strings and lazy strings, escaped unless marked safe."""
    if isinstance(value, str | Promise):
        return conditional_escape(str(value))
    if value is None or isinstance(value, bool | int):
        # What the engine prints for these without localisation (ints: no separator).
        shown = localize(value)
        if isinstance(shown, str):
            return escape(shown)
    raise _EngineNeededError


def _stringformat(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: ``"%s" % value``, escaped unless marked safe."""
    if isinstance(value, tuple):
        raise _EngineNeededError  # the filter wraps tuples; never seen in a widget
    formatted = "%s" % (value,)  # noqa: UP031 - the filter's own formatting
    return formatted if isinstance(value, SafeData) else escape(formatted)


def _attrs(attrs: Mapping[str, Any]) -> str:
    """``django/forms/widgets/attrs.html`` and ``django/forms/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_text(name)}")
        else:
            parts.append(f' {_text(name)}="{_stringformat(value)}"')
    return "".join(parts)


def _input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_stringformat(value)}"'
    kind, name = _text(widget["type"]), _text(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


def _select(widget: Mapping[str, Any]) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                raise _EngineNeededError
            parts.append(
                f'\n  <option value="{_stringformat(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = _text(value) if value else ""
    name = _text(widget["name"])
    return f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n{shown}</textarea>'


def _widget(render: Callable[[Mapping[str, Any]], str]) -> Callable[[Mapping[str, Any]], str]:
    return lambda context: render(context["widget"])


def _label(context: Mapping[str, Any]) -> str:
    label = _text(context["label"])
    if not context["use_tag"]:
        return label
    tag = _text(context["tag"])
    return f"<{tag}{_attrs(context['attrs'] or {})}>{label}</{tag}>"


def _errors(context: Mapping[str, Any]) -> str:
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    shown_id = f' id="{_text(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_text(error)}</li>" for error in errors)
    return f'<ul class="{_text(context["error_class"])}"{shown_id}>{items}</ul>'


def _field(context: Mapping[str, Any]) -> str:
    field = context["field"]
    if field.use_fieldset:
        raise _EngineNeededError
    label = str(field.label_tag()) if field.label else ""
    help_text = ""
    if field.help_text:
        shown_id = f' id="{_text(field.auto_id)}_helptext"' if field.auto_id else ""
        help_text = f'<div class="helptext"{shown_id}>{field.help_text}</div>'
    return f"{label}\n\n{help_text}\n{field.errors}\n{field}"


_RENDER: dict[str, Callable[[Mapping[str, Any]], str]] = {
    FIELD: _field,
    LABEL: _label,
    SELECT: _widget(_select),
    TEXTAREA: _widget(_textarea),
    **dict.fromkeys(ERRORS, _errors),
    **dict.fromkeys(INPUTS, _widget(_input)),
}


class FormRenderer(DjangoTemplates):
    """Django's default renderer, with the common form templates done in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        render = _RENDER.get(template_name)
        if render is not None:
            try:
                return render(context).strip()
            except _EngineNeededError:
                pass
        return super().render(template_name, context, request=request)
