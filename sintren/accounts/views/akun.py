"""The logged-in applicant's pages: profile, mode switch, change of phone (ACC-7, 8, 11)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sintren.accounts.decorators import pemohon_required, request_pemohon
from sintren.accounts.forms.akun import GantiHpForm, KodeForm
from sintren.accounts.modes import current_mode, mode_switch
from sintren.accounts.selectors_akun import profil_data
from sintren.accounts.services_akun import (
    KodeCooldownError,
    kode_otp_pending,
    nomor_hp_kode_kirim,
    nomor_hp_kode_kirim_ulang,
    nomor_hp_konfirmasi,
)
from sintren.core.masking import mask_phone
from sintren.core.net import safe_next

HOME_URL = "/"


@never_cache
@pemohon_required
@require_http_methods(["GET"])
def profil(request: HttpRequest) -> HttpResponse:
    """The applicant's own data, memberships and account links (ACC-11)."""
    context = profil_data(request_pemohon(request))
    context["mode"] = current_mode(request)
    return render(request, "accounts/profil.html", context)


@require_POST
@pemohon_required
def mode(request: HttpRequest) -> HttpResponse:
    """Switch between *Pemohon Pribadi* and a group mode (ACC-7); a plain form POST."""
    try:
        chosen = mode_switch(request, target=request.POST.get("mode", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Mode aktif: %(mode)s.") % {"mode": chosen.pilihan})
    return redirect(safe_next(request, request.POST.get("next"), HOME_URL))


@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def ganti_hp(request: HttpRequest) -> HttpResponse:
    """*Ganti Nomor HP*: the new number → *Kirim Kode* (ACC-8)."""
    form = GantiHpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            nomor_hp_kode_kirim(
                user=request.user,
                nomor_hp_baru=form.cleaned_data["nomor_hp_baru"],
            )
        except KodeCooldownError as exc:
            form.add_error(None, exc)
        except ValidationError as exc:
            form.add_error("nomor_hp_baru", exc)
        else:
            messages.info(request, _("Kode telah dikirim melalui WhatsApp ke Nomor HP Baru."))
            return redirect("accounts:ganti_hp_kode")
    context = {"form": form, "nomor_hp": mask_phone(request_pemohon(request).nomor_hp)}
    return render(request, "accounts/ganti_hp.html", context)


@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def ganti_hp_kode(request: HttpRequest) -> HttpResponse:
    """*Kode Aktivasi* → *Simpan*; or *Kirim Ulang Kode* after the 60-second cooldown."""
    if request.method == "POST" and "kirim_ulang" in request.POST:
        return _kirim_ulang(request)
    pending = kode_otp_pending(user=request.user)
    if request.method == "GET" and (pending is None or pending.dipakai_pada is not None):
        messages.info(request, _("Isi Nomor HP Baru terlebih dahulu, lalu klik Kirim Kode."))
        return redirect("accounts:ganti_hp")
    form = KodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        hasil = nomor_hp_konfirmasi(user=request.user, kode=form.cleaned_data["kode"])
        if hasil.ok:
            messages.success(request, _("Nomor HP berhasil disimpan."))
            return redirect("accounts:profil")
        form.add_error(hasil.field if hasil.field == "kode" else None, hasil.message)
    nomor = mask_phone(pending.nilai_baru) if pending else ""
    return render(request, "accounts/ganti_hp_kode.html", {"form": form, "nomor_baru": nomor})


def _kirim_ulang(request: HttpRequest) -> HttpResponse:
    try:
        nomor_hp_kode_kirim_ulang(user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.info(request, _("Kode baru telah dikirim melalui WhatsApp ke Nomor HP Baru."))
    return redirect("accounts:ganti_hp_kode")
