"""The options partial is cheap: one query, no model objects, the template's exact output,
a day of ``Cache-Control``, and kept by ``AnonymousPageMiddleware`` like a public page."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from sintren.core.konten import konten_memo_clear
from sintren.regions.forms import wilayah_chain_from_query, wilayah_choices
from sintren.regions.models import Wilayah
from sintren.regions.views import wilayah_pilihan

pytestmark = pytest.mark.usefixtures("pekalongan")

QUERIES = [
    "parent=",
    "parent=33",
    "parent=33.26",
    "parent=33.26.07",
    "parent=33.99",
    "chain=provinsi,kabupaten&provinsi=33&kabupaten=33.26",
    "chain=provinsi,kabupaten&provinsi=34&kabupaten=33.26",
    "chain=provinsi&provinsi=",
]


def _view(query: str) -> Any:
    return wilayah_pilihan(RequestFactory().get(f"/wilayah/pilihan/?{query}"))


@pytest.mark.parametrize("query", QUERIES)
def test_options_are_what_the_template_renders_from_the_form_choices(query: str) -> None:
    request = RequestFactory().get(f"/wilayah/pilihan/?{query}")
    parsed = wilayah_chain_from_query(request.GET)
    assert parsed is not None
    expected = render_to_string(
        "regions/partials/wilayah_options.html", {"choices": wilayah_choices(*parsed)}
    )
    assert _view(query).content.decode() == expected


def test_repeated_names_are_told_apart_as_in_the_form() -> None:
    district = Wilayah.objects.get(code="33.26.07")
    Wilayah.objects.create(code="33.26.07.9001", parent=district, level=4, name="Karangsari")
    html = _view("parent=33.26.07").content.decode()
    assert '<option value="33.26.07.2008">Karangsari (2008)</option>' in html
    assert '<option value="33.26.07.9001">Karangsari (9001)</option>' in html
    expected = render_to_string(
        "regions/partials/wilayah_options.html", {"choices": wilayah_choices("33.26.07", 4)}
    )
    assert html == expected


def test_one_query_and_no_model_objects(
    django_assert_num_queries: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_objects(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("model objects built")

    monkeypatch.setattr(Wilayah, "from_db", classmethod(no_objects))
    with django_assert_num_queries(1):
        response = _view("parent=33.26.07")
    assert response.status_code == 200
    with django_assert_num_queries(0):
        assert _view("chain=provinsi,kabupaten&provinsi=34&kabupaten=33.26").status_code == 200


def test_a_day_of_public_caching() -> None:
    response = _view("parent=33.26")
    assert response["Cache-Control"] == "public, max-age=86400"
    assert _view("parent=abc").status_code == 400


def test_kept_by_the_middleware_and_served_without_queries(
    settings: Any, django_assert_num_queries: Any
) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"wilayah-{id(settings)}",
        }
    }
    konten_memo_clear()
    client = Client()
    query = "/wilayah/pilihan/?chain=provinsi,kabupaten&provinsi=33&kabupaten=33.26"
    first = client.get(query, HTTP_HX_REQUEST="true")
    with django_assert_num_queries(0):
        again = client.get(query, HTTP_HX_REQUEST="true")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert "Cookie" not in again.get("Vary", "")  # the same for every visitor
    konten_memo_clear()
