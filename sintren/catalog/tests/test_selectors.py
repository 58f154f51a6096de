"""Catalogue selectors used by the public pages (PUB-1, PUB-2, PUB-3)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from sintren.catalog.selectors import (
    formulir_list,
    kategori_khusus,
    layanan_get_by_slug,
    layanan_semua,
    layanan_umum,
)
from sintren.catalog.tests.factories import (
    DokumenPersyaratanFactory,
    FormulirFactory,
    KategoriLayananFactory,
    LayananFactory,
)

pytestmark = pytest.mark.django_db


def test_layanan_umum_lists_only_active_general_services_in_order() -> None:
    kategori = KategoriLayananFactory.create(urutan=1)
    kedua = LayananFactory.create(kategori=kategori, urutan=2)
    pertama = LayananFactory.create(kategori=kategori, urutan=1)
    LayananFactory.create(kategori=kategori, grup=True)
    LayananFactory.create(kategori=kategori, nonaktif=True)
    assert list(layanan_umum()) == [pertama, kedua]


def test_layanan_semua_includes_group_services_but_not_inactive_ones() -> None:
    umum = LayananFactory.create()
    grup = LayananFactory.create(grup=True)
    LayananFactory.create(nonaktif=True)
    assert set(layanan_semua()) == {umum, grup}


def test_kategori_khusus_has_only_categories_with_active_group_services() -> None:
    desa = KategoriLayananFactory.create(nama="Kelompok Desa")
    grup = LayananFactory.create(kategori=desa, grup=True)
    LayananFactory.create(kategori=desa)  # a general service in the same category
    LayananFactory.create(kategori=desa, grup=True, nonaktif=True)
    LayananFactory.create(kategori=KategoriLayananFactory.create(), grup=True, nonaktif=True)
    LayananFactory.create(kategori=KategoriLayananFactory.create())
    kategori = list(kategori_khusus())
    assert kategori == [desa]
    with CaptureQueriesContext(connection) as queries:
        assert getattr(kategori[0], "layanan_khusus") == [grup]  # noqa: B009
    assert len(queries) == 0


def test_layanan_get_by_slug_returns_active_and_404s_otherwise() -> None:
    layanan = LayananFactory.create(slug="akta-kelahiran")
    DokumenPersyaratanFactory.create(layanan=layanan)
    LayananFactory.create(slug="lama", nonaktif=True)
    found = layanan_get_by_slug("akta-kelahiran")
    assert found == layanan
    with CaptureQueriesContext(connection) as queries:
        assert len(found.dokumen.all()) == 1
        assert found.kategori.nama
    assert len(queries) == 0
    with pytest.raises(Http404):
        layanan_get_by_slug("lama")
    with pytest.raises(Http404):
        layanan_get_by_slug("tidak-ada")


def test_formulir_list_all_or_by_service() -> None:
    akl, akm = LayananFactory.create(), LayananFactory.create()
    f1 = FormulirFactory.create(urutan=1, layanan=[akl, akm])
    f2 = FormulirFactory.create(urutan=2, layanan=[akm])
    f3 = FormulirFactory.create(urutan=3)
    assert list(formulir_list()) == [f1, f2, f3]
    assert list(formulir_list(akl)) == [f1]
    assert list(formulir_list(layanan=akm)) == [f1, f2]
