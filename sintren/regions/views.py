"""Region views: the options partial that feeds the cascading selects."""

from __future__ import annotations

from collections import Counter

from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from sintren.core.konten import konten_statis

from .forms import wilayah_chain_from_query, wilayah_placeholder
from .models import Wilayah
from .selectors import wilayah_code_is_wellformed

# Region data changes only with a new Kemendagri list (``load_wilayah``): browsers and
# proxies may keep the options for a day.
CACHE_SECONDS = 24 * 60 * 60


def _options(parent: str | None, level: int) -> list[tuple[str, str]]:
    """The same options as ``forms.wilayah_choices``, in one query without model objects."""
    choices = [("", wilayah_placeholder(level))]
    if level > 1 and not parent:
        return choices
    if level == 1:
        rows = Wilayah.objects.filter(level=Wilayah.Level.PROVINSI)
    elif parent is not None and wilayah_code_is_wellformed(parent):
        rows = Wilayah.objects.filter(parent_id=parent)
    else:
        return choices
    children = list(rows.order_by("name").values_list("code", "name"))
    repeated = Counter(name.casefold() for _code, name in children)
    for code, name in children:
        label = name
        if repeated[name.casefold()] > 1:
            label = f"{name} ({code.rsplit('.', 1)[-1]})"
        choices.append((code, label))
    return choices


@require_GET
@konten_statis
@cache_control(public=True, max_age=CACHE_SECONDS)
def wilayah_pilihan(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements for the children of a region.

    ``?parent=33.26`` lists the districts of Kabupaten Pekalongan; ``?parent=`` lists
    the provinces. The selects call it as ``?chain=provinsi,kabupaten&provinsi=33&
    kabupaten=33.26``; an inconsistent chain (a select above just changed) gives only the
    placeholder, which empties the select. A malformed request is a 400 with a message.
    The answer is the same for everybody: ``AnonymousPageMiddleware`` keeps it.
    """
    parsed = wilayah_chain_from_query(request.GET)
    if parsed is None:
        return HttpResponse(
            "Kode wilayah tidak valid.", status=400, content_type="text/plain; charset=utf-8"
        )
    parent, level = parsed
    # What regions/partials/wilayah_options.html renders, without the template engine.
    html = "".join(
        f'<option value="{escape(value)}">{escape(label)}</option>\n'
        for value, label in _options(parent, level)
    )
    return HttpResponse(html + "\n")
