"""Every catalogue and information admin page renders for a superuser (BO-4 fallback)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.template.response import TemplateResponse
from django.test import RequestFactory

from sintren.catalog.models import Formulir, HariTutup, KategoriLayanan, Layanan
from sintren.catalog.seeding import katalog_load
from sintren.informasi.models import Informasi
from sintren.informasi.seeding import informasi_load

pytestmark = pytest.mark.django_db

MODELS: list[type[models.Model]] = [KategoriLayanan, Layanan, Formulir, HariTutup, Informasi]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_list_add_and_change_pages_render(model: type[models.Model]) -> None:
    katalog_load()
    informasi_load()
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "x-1234567")
    model_admin = admin.site._registry[model]
    obj = model._default_manager.first()
    assert obj is not None

    def get(view: str, *args: str) -> str:
        request = RequestFactory().get("/")
        request.user = superuser
        response = getattr(model_admin, view)(request, *args)
        assert response.status_code == 200, view
        assert isinstance(response, TemplateResponse)
        return response.render().content.decode()

    assert str(obj) in get("changelist_view")
    get("add_view")
    page = get("change_view", str(obj.pk))
    if model is Layanan:
        # The inlines of REQ-1: fields, documents, output options, schedule, forms.
        for prefix in ("field_tambahan", "dokumen", "pilihan_dokumen", "jadwal"):
            assert f'name="{prefix}-TOTAL_FORMS"' in page
