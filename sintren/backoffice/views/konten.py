"""Content pages of the back office (BO-4): information items, message templates, groups.

Admins only, like the rest of the catalogue (``views/katalog.py``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sintren.accounts.models import AnggotaGrup, GrupPemohon, User
from sintren.accounts.services_grup import anggota_set_aktif, anggota_tambah, grup_simpan
from sintren.backoffice.decorators import petugas, staff_required
from sintren.backoffice.forms_katalog import (
    AnggotaTambahForm,
    GrupPemohonForm,
    InformasiForm,
    TemplatPesanForm,
)
from sintren.backoffice.selectors_katalog import (
    grup_anggota,
    grup_semua,
    informasi_semua,
    templat_daftar,
)
from sintren.core.pagination import keyset_page
from sintren.informasi.models import Informasi
from sintren.informasi.services import informasi_hapus, informasi_simpan
from sintren.notifications.choices import Event, Kanal
from sintren.notifications.defaults import DEFAULTS_BY_KEY
from sintren.notifications.models import TemplatPesan
from sintren.notifications.services_templat import templat_pesan_simpan
from sintren.notifications.templat import templat_variabel

ADMIN = User.Role.ADMIN
PER_PAGE = 50
EDIT_METHODS = ["GET", "HEAD", "POST"]


# --- Information items (PUB-4) ---------------------------------------------------------------
@staff_required(role=ADMIN)
@require_GET
def katalog_informasi(request: HttpRequest) -> HttpResponse:
    """Every information item, newest first, in keyset pages."""
    page = keyset_page(
        informasi_semua(),
        cursor=request.GET.get("kursor"),
        per_page=PER_PAGE,
        namespace="informasi",
    )
    return render(request, "backoffice/katalog/informasi_list.html", {"page": page})


def _informasi_page(request: HttpRequest, item: Informasi) -> HttpResponse:
    form = InformasiForm(request.POST if request.method == "POST" else None, instance=item)
    if request.method == "POST" and form.is_valid():
        informasi_simpan(actor=petugas(request), form=form)
        messages.success(request, gettext("Informasi disimpan."))
        return redirect("backoffice:katalog_informasi")
    context = {"form": form, "item": item, "baru": item.pk is None}
    return render(request, "backoffice/katalog/informasi_form.html", context)


@staff_required(role=ADMIN)
@require_http_methods(EDIT_METHODS)
def katalog_informasi_baru(request: HttpRequest) -> HttpResponse:
    """Write a new information item."""
    return _informasi_page(request, Informasi())


@staff_required(role=ADMIN)
@require_http_methods(EDIT_METHODS)
def katalog_informasi_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an information item."""
    return _informasi_page(request, get_object_or_404(Informasi, pk=pk))


@staff_required(role=ADMIN)
@require_POST
def katalog_informasi_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an information item."""
    informasi_hapus(actor=petugas(request), item=get_object_or_404(Informasi, pk=pk))
    messages.success(request, gettext("Informasi dihapus."))
    return redirect("backoffice:katalog_informasi")


# --- Message templates (NOTIF-2) -------------------------------------------------------------
@staff_required(role=ADMIN)
@require_GET
def katalog_templat(request: HttpRequest) -> HttpResponse:
    """Every event's text per channel, with whether staff changed it."""
    return render(request, "backoffice/katalog/templat_list.html", {"rows": templat_daftar()})


@staff_required(role=ADMIN)
@require_http_methods(EDIT_METHODS)
def katalog_templat_ubah(request: HttpRequest, key: str, channel: str) -> HttpResponse:
    """Edit one text: the variables of its event beside it, a trial render, then save."""
    default = DEFAULTS_BY_KEY.get((key, channel))
    if default is None or key not in Event.values:
        raise Http404(gettext("Templat tidak ditemukan."))
    row = TemplatPesan.objects.filter(key=key, channel=channel).first()
    source = row or default
    initial = {"subject": source.subject, "body": source.body, "aktif": row.aktif if row else True}
    data = request.POST if request.method == "POST" else None
    form = TemplatPesanForm(data, initial=initial, key=key, channel=channel)
    percobaan = None
    if request.method == "POST" and form.is_valid():
        percobaan = form.percobaan
        if request.POST.get("aksi") != "coba":
            templat_pesan_simpan(
                actor=petugas(request),
                key=key,
                channel=channel,
                subject=form.cleaned_data.get("subject", ""),
                body=form.cleaned_data["body"],
                aktif=form.cleaned_data["aktif"],
            )
            messages.success(request, gettext("Templat pesan disimpan."))
            return redirect("backoffice:katalog_templat")
    context = {
        "form": form,
        "event_label": Event(key).label,
        "channel_label": Kanal(channel).label,
        "variabel": templat_variabel(key),
        "percobaan": percobaan,
        "diubah": row,
    }
    return render(request, "backoffice/katalog/templat_form.html", context)


# --- Applicant groups (ACC-7) ---------------------------------------------------------------
@staff_required(role=ADMIN)
@require_GET
def katalog_grup(request: HttpRequest) -> HttpResponse:
    """Every applicant group with its region scope and number of active members."""
    return render(request, "backoffice/katalog/grup_list.html", {"grup_list": grup_semua()})


def _grup_page(request: HttpRequest, grup: GrupPemohon) -> HttpResponse:
    form = GrupPemohonForm(request.POST if request.method == "POST" else None, instance=grup)
    if request.method == "POST" and form.is_valid():
        saved = grup_simpan(actor=petugas(request), form=form)
        messages.success(request, gettext("Grup pemohon disimpan."))
        return redirect("backoffice:katalog_grup_ubah", pk=saved.pk)
    return _grup_render(request, grup, form, AnggotaTambahForm())


def _grup_render(
    request: HttpRequest, grup: GrupPemohon, form: GrupPemohonForm, tambah: AnggotaTambahForm
) -> HttpResponse:
    anggota = None
    if grup.pk:
        anggota = keyset_page(
            grup_anggota(grup),
            cursor=request.GET.get("kursor"),
            per_page=PER_PAGE,
            namespace="anggota",
        )
    context = {"form": form, "grup": grup, "anggota": anggota, "tambah": tambah}
    return render(request, "backoffice/katalog/grup_form.html", context)


@staff_required(role=ADMIN)
@require_http_methods(EDIT_METHODS)
def katalog_grup_baru(request: HttpRequest) -> HttpResponse:
    """A new applicant group."""
    return _grup_page(request, GrupPemohon())


@staff_required(role=ADMIN)
@require_http_methods(EDIT_METHODS)
def katalog_grup_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a group; its members, and the form to promote an applicant into it."""
    return _grup_page(request, get_object_or_404(GrupPemohon, pk=pk))


@staff_required(role=ADMIN)
@require_POST
def katalog_grup_anggota(request: HttpRequest, pk: int) -> HttpResponse:
    """Promote an active applicant (by NIK) into the group."""
    grup = get_object_or_404(GrupPemohon.objects.select_related("wilayah"), pk=pk)
    tambah = AnggotaTambahForm(request.POST)
    if tambah.is_valid():
        try:
            anggota_tambah(actor=petugas(request), grup=grup, nik=tambah.cleaned_data["nik"])
        except ValidationError as exc:
            tambah.add_error("nik", exc)
        else:
            messages.success(request, gettext("Pemohon ditambahkan ke grup."))
            return redirect("backoffice:katalog_grup_ubah", pk=grup.pk)
    return _grup_render(request, grup, GrupPemohonForm(instance=grup), tambah)


@staff_required(role=ADMIN)
@require_POST
def katalog_grup_anggota_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """Switch one membership on or off."""
    anggota = get_object_or_404(AnggotaGrup, pk=pk)
    aktif = request.POST.get("aktif") == "1"
    anggota_set_aktif(actor=petugas(request), anggota=anggota, aktif=aktif)
    pesan = gettext("Keanggotaan diaktifkan.") if aktif else gettext("Keanggotaan dinonaktifkan.")
    messages.success(request, pesan)
    return redirect("backoffice:katalog_grup_ubah", pk=anggota.grup_id)
