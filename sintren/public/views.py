"""Public pages (PUB-1…PUB-5): thin views over the catalogue and informasi selectors,
and ``/robots.txt``.

Every view here is marked with ``konten_publik`` (``/robots.txt``: ``konten_statis``):
its answer to an anonymous visitor is the same for everybody, so
``AnonymousPageMiddleware`` keeps the finished page until the content changes
(docs/public-site.md, "Caching of the public pages").
"""

from __future__ import annotations

from typing import Any

from django.core.validators import slug_re
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from sintren.catalog import selectors as katalog
from sintren.core.konten import konten_publik, konten_statis
from sintren.informasi import selectors as info

HOME_INFORMASI_COUNT = 5
ROBOTS_CACHE_SECONDS = 24 * 60 * 60

# Crawlers may index the public pages; the applicant's, the staff's and the development
# pages are nobody's search result (they need a login anyway, or exist only locally).
ROBOTS_TXT = """\
User-agent: *
Disallow: /pemohon/
Disallow: /backoffice/
Disallow: /admin/
Disallow: /dev/
Allow: /
"""


def _home_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "informasi_terbaru": list(info.informasi_visible(request.user)[:HOME_INFORMASI_COUNT]),
        "layanan_umum": list(katalog.layanan_umum()),
        "kategori_khusus": list(katalog.kategori_khusus()),
    }


@require_safe
@konten_publik
def home(request: HttpRequest) -> HttpResponse:
    """Beranda. The anonymous page is the same for everybody: kept until content changes."""
    return render(request, "public/home.html", _home_context(request))


@require_safe
@konten_publik
def persyaratan(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Requirements and process of one service type, chosen in the side menu."""
    semua = list(katalog.layanan_semua())
    if slug is None and semua:
        slug = semua[0].slug
    layanan = katalog.layanan_get_by_slug(slug) if slug else None
    context = {"layanan_list": semua, "layanan": layanan}
    return render(request, "public/persyaratan.html", context)


@require_safe
@konten_publik
def formulir(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """All blank forms, or those of one service type chosen in the side menu."""
    slug = slug or request.GET.get("layanan") or None
    if slug is not None and not slug_re.match(slug):
        raise Http404  # as /formulir/<slug>/ would (PostgreSQL also refuses a NUL byte)
    layanan = katalog.layanan_get_by_slug(slug) if slug else None
    context = {
        "layanan_list": list(katalog.layanan_semua()),
        "layanan": layanan,
        "formulir_list": list(katalog.formulir_list(layanan=layanan)),
    }
    return render(request, "public/formulir.html", context)


@require_safe
@konten_publik
def informasi_list(request: HttpRequest) -> HttpResponse:
    """Information items the visitor may see (confidential ones only after login)."""
    items = info.informasi_visible(request.user)
    return render(request, "public/informasi_list.html", {"informasi_list": items})


@require_safe
@konten_publik
def informasi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One information item, or 404 when it is not visible to this visitor."""
    item = info.informasi_get_visible(request.user, pk)
    return render(request, "public/informasi_detail.html", {"informasi": item})


PANDUAN_BAGIAN = {
    "menu-utama": "A. Menu Utama",
    "pemohon": "B. Pemohon",
    "pengajuan": "C. Pengajuan",
    "solusi-permasalahan": "D. Solusi Permasalahan",
}


@require_safe
@konten_publik
def panduan(request: HttpRequest, bagian: str | None = None) -> HttpResponse:
    """The applicant's guide: a contents page and one page per part of the manual."""
    if bagian is not None and bagian not in PANDUAN_BAGIAN:
        raise Http404("Bagian panduan tidak ditemukan.")
    template = f"public/panduan/{bagian or 'index'}.html"
    bagian_list = list(PANDUAN_BAGIAN.items())
    context = {
        "bagian": bagian,
        "judul": PANDUAN_BAGIAN.get(bagian or ""),
        "bagian_list": bagian_list,
    }
    return render(request, template, context)


@require_safe
@konten_statis
@cache_control(public=True, max_age=ROBOTS_CACHE_SECONDS)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """The fixed ``/robots.txt``: no template, no database, no session."""
    return HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")
