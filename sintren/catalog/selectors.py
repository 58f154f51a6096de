"""Read-side queries of the service catalogue, used by the public pages and the requests."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from sintren.catalog.models import Formulir, KategoriLayanan, Layanan


def layanan_semua() -> QuerySet[Layanan]:
    """All active services, general and group-only (side menus of Persyaratan/Formulir).

    Ordered by the service's own ``urutan`` (staff set it), then name.
    """
    return Layanan.objects.filter(aktif=True).select_related("kategori").order_by("urutan", "nama")


def layanan_umum() -> QuerySet[Layanan]:
    """Active services open to every applicant (the home page's icon cards)."""
    return layanan_semua().filter(akses=Layanan.Akses.UMUM)


def kategori_khusus() -> QuerySet[KategoriLayanan]:
    """Categories holding active group-only services, with those services in ``layanan_khusus``."""
    khusus = Layanan.objects.filter(aktif=True, akses=Layanan.Akses.GRUP).order_by("urutan", "nama")
    return (
        KategoriLayanan.objects.filter(layanan__in=khusus)
        .distinct()
        .prefetch_related(Prefetch("layanan", queryset=khusus, to_attr="layanan_khusus"))
    )


def layanan_get_by_slug(slug: str) -> Layanan:
    """An active service with everything its pages show; ``Http404`` when unknown or inactive."""
    queryset = (
        Layanan.objects.filter(aktif=True)
        .select_related("kategori")
        .prefetch_related("field_tambahan", "dokumen", "pilihan_dokumen", "jadwal", "formulir")
    )
    return get_object_or_404(queryset, slug=slug)


def formulir_list(layanan: Layanan | None = None) -> QuerySet[Formulir]:
    """Blank forms, all or only those of ``layanan``, with their services prefetched."""
    queryset = Formulir.objects.prefetch_related(
        Prefetch("layanan", queryset=Layanan.objects.filter(aktif=True))
    )
    if layanan is not None:
        queryset = queryset.filter(layanan=layanan)
    return queryset.order_by("urutan", "judul")
