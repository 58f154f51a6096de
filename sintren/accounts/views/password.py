"""Passwords of applicants: change (ACC-9), forgotten password and reset link (ACC-10)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from sintren.accounts.decorators import pemohon_required, request_pemohon
from sintren.accounts.forms.akun import GantiPasswordForm, LupaPasswordForm, ResetPasswordForm
from sintren.accounts.services_akun import (
    password_change_checked,
    password_reset_ask,
    password_reset_with_kk,
)
from sintren.accounts.tokens import RESET_TTL_HOURS, TokenStatus, reset_link_status
from sintren.accounts.validators import KETENTUAN_KATA_KUNCI
from sintren.core.formcache import form_page

PASSWORD_FIELDS = ("password_lama", "password_baru", "password_ulang")


@sensitive_post_parameters(*PASSWORD_FIELDS)
@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def ganti_password(request: HttpRequest) -> HttpResponse:
    """*Ganti Password*: old + new twice → every session ends → login page (ACC-9)."""
    pemohon = request_pemohon(request)
    form = GantiPasswordForm(request.POST if request.method == "POST" else None, pemohon=pemohon)
    if request.method == "POST" and form.is_valid():
        hasil = password_change_checked(
            user=request.user,
            password_lama=form.cleaned_data["password_lama"],
            password_baru=form.cleaned_data["password_baru"],
        )
        if not hasil.ok:
            form.add_error(hasil.field, hasil.message)
        else:
            auth_logout(request)
            messages.success(request, _("Kata kunci berhasil diganti. Silakan login kembali."))
            return redirect("accounts:login")
    context = {"form": form, "ketentuan": KETENTUAN_KATA_KUNCI}
    return render(request, "accounts/ganti_password.html", context)


@sensitive_post_parameters("nik", "nama_lengkap", "nomor_hp")
@never_cache
@require_http_methods(["GET", "POST"])
def lupa_password(request: HttpRequest) -> HttpResponse:
    """*Lupa Password*: the same notice whether or not the data matched an account."""
    if request.method == "GET":
        return form_page(
            request, "accounts/lupa_password.html", lambda: {"form": LupaPasswordForm()}
        )
    form = LupaPasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        hasil = password_reset_ask(
            nik=data["nik"], nama_lengkap=data["nama_lengkap"], nomor_hp=data["nomor_hp"]
        )
        if hasil.ok:
            return render(request, "accounts/lupa_password_terkirim.html")
        form.add_error(None, hasil.message)
    return render(request, "accounts/lupa_password.html", {"form": form})


def _link_refused(request: HttpRequest, status: TokenStatus) -> HttpResponse:
    context = {"kedaluwarsa": status is TokenStatus.EXPIRED, "berlaku_jam": RESET_TTL_HOURS}
    return render(request, "accounts/reset_password_gagal.html", context, status=400)


@sensitive_post_parameters(*PASSWORD_FIELDS, "nomor_kk")
@never_cache
@require_http_methods(["GET", "POST"])
def reset_password(request: HttpRequest, token: str) -> HttpResponse:
    """The reset link: *Nomor KK* + new password twice → *Ganti Password* → login."""
    user, raw_token, status = reset_link_status(token)
    if user is None or status is not TokenStatus.VALID:
        return _link_refused(request, status)
    pemohon = user.pemohon
    form = ResetPasswordForm(request.POST if request.method == "POST" else None, pemohon=pemohon)
    if request.method == "POST" and form.is_valid():
        hasil = password_reset_with_kk(
            user=user,
            token=raw_token,
            nomor_kk=form.cleaned_data["nomor_kk"],
            password_baru=form.cleaned_data["password_baru"],
        )
        if hasil.field == "token":
            return _link_refused(request, TokenStatus.INVALID)
        if not hasil.ok:
            form.add_error(hasil.field, hasil.message)
        else:
            if request.user.is_authenticated:
                auth_logout(request)
            messages.success(
                request, _("Kata kunci berhasil diganti. Silakan login dengan kata kunci baru.")
            )
            return redirect("accounts:login")
    context = {"form": form, "ketentuan": KETENTUAN_KATA_KUNCI}
    return render(request, "accounts/reset_password.html", context)
