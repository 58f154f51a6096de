"""Region views: the options partial that feeds the cascading selects."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .forms import wilayah_chain_from_query, wilayah_choices


@require_GET
@cache_control(max_age=3600)
def wilayah_pilihan(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements for the children of a region.

    ``?parent=33.26`` lists the districts of Kabupaten Pekalongan; ``?parent=`` lists
    the provinces. The selects call it as ``?chain=provinsi,kabupaten&provinsi=33&
    kabupaten=33.26``; an inconsistent chain (a select above just changed) gives only the
    placeholder, which empties the select. A malformed request is a 400 with a message.
    """
    parsed = wilayah_chain_from_query(request.GET)
    if parsed is None:
        return HttpResponse(
            "Kode wilayah tidak valid.", status=400, content_type="text/plain; charset=utf-8"
        )
    parent, level = parsed
    return render(
        request,
        "regions/partials/wilayah_options.html",
        {"choices": wilayah_choices(parent, level)},
    )
