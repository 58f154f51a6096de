"""Public pages (PUB-1…PUB-5): thin views over the catalogue and informasi selectors,
and ``/robots.txt``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.validators import slug_re
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from sintren.catalog import selectors as katalog
from sintren.informasi import selectors as info
from sintren.public.middleware import CACHEABLE_ATTR, home_memo_clear

HOME_CACHE_SECONDS = 60
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


def home_cache_key() -> str:
    """Cache key of the rendered anonymous home page, per language."""
    return f"public:home:anon:{get_language()}"


def home_cache_clear() -> None:
    """Drop the cached anonymous home (shared cache and this process's copy)."""
    cache.delete(home_cache_key())
    home_memo_clear()


def _home_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "informasi_terbaru": list(info.informasi_visible(request.user)[:HOME_INFORMASI_COUNT]),
        "layanan_umum": list(katalog.layanan_umum()),
        "kategori_khusus": list(katalog.kategori_khusus()),
    }


def _cacheable(request: HttpRequest) -> bool:
    """Only an anonymous visitor without pending messages gets the shared page."""
    return not request.user.is_authenticated and not len(messages.get_messages(request))


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Beranda. The anonymous page is the same for everybody: rendered once a minute."""
    if not _cacheable(request):
        return render(request, "public/home.html", _home_context(request))
    key = home_cache_key()
    html = cache.get(key)
    if html is None:
        html = render_to_string("public/home.html", _home_context(request), request=request)
        cache.set(key, html, HOME_CACHE_SECONDS)
    response = HttpResponse(html)
    setattr(response, CACHEABLE_ATTR, True)  # AnonymousHomeMiddleware may keep it
    return response


@require_safe
def persyaratan(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Requirements and process of one service type, chosen in the side menu."""
    semua = list(katalog.layanan_semua())
    if slug is None and semua:
        slug = semua[0].slug
    layanan = katalog.layanan_get_by_slug(slug) if slug else None
    context = {"layanan_list": semua, "layanan": layanan}
    return render(request, "public/persyaratan.html", context)


@require_safe
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
def informasi_list(request: HttpRequest) -> HttpResponse:
    """Information items the visitor may see (confidential ones only after login)."""
    items = info.informasi_visible(request.user)
    return render(request, "public/informasi_list.html", {"informasi_list": items})


@require_safe
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
@cache_control(public=True, max_age=ROBOTS_CACHE_SECONDS)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """The fixed ``/robots.txt``: no template, no database, no session."""
    return HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")
