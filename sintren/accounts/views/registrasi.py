"""Registration, status check, re-registration and activation pages (ACC-1…ACC-4, ACC-6).

The NIK never travels in a URL: between steps the applicant's id is kept in the
session under ``SESSION_KEY`` (``{"pemohon": pk, "lengkap": bool}``; ``lengkap`` when
the password was proven at login, which allows prefilling every non-secret field).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sintren.accounts.forms.registrasi import (
    AktivasiForm,
    RegistrasiForm,
    StatusForm,
    registrasi_initial,
)
from sintren.accounts.models import Pemohon
from sintren.accounts.selectors import pemohon_by_nik, pemohon_find
from sintren.accounts.services import (
    AktivasiHasil,
    aktivasi_link_resend,
    aktivasi_process,
    aktivasi_token_find,
    pendaftaran_create,
    pendaftaran_resubmit,
)
from sintren.core.net import client_ip
from sintren.core.ratelimit import guard, record_failure, record_success

SESSION_KEY = "accounts_pendaftaran"
TIDAK_DITEMUKAN = "Data pendaftaran tidak ditemukan. Periksa kembali NIK Anda."


def pendaftaran_remember(request: HttpRequest, pemohon: Pemohon, *, lengkap: bool) -> None:
    """Keep the applicant whose registration the next pages are about (never the NIK)."""
    if lengkap:
        request.session.cycle_key()  # the password was proven: no fixed session ids
    request.session[SESSION_KEY] = {"pemohon": pemohon.pk, "lengkap": lengkap}


def _remembered(request: HttpRequest) -> tuple[Pemohon | None, bool]:
    entry = request.session.get(SESSION_KEY)
    pk = entry.get("pemohon") if isinstance(entry, dict) else None
    if not isinstance(pk, int):
        return None, False
    pemohon = pemohon_find(pk)
    return pemohon, isinstance(entry, dict) and bool(entry.get("lengkap"))


def _render_registrasi(
    request: HttpRequest, form: RegistrasiForm, *, ulang: bool, status: int = 200
) -> HttpResponse:
    return render(request, "accounts/daftar.html", {"form": form, "ulang": ulang}, status=status)


# --- ACC-1 ---------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def daftar(request: HttpRequest) -> HttpResponse:
    """*Pendaftaran Pemohon*: the registration form."""
    if request.method != "POST":
        return _render_registrasi(request, RegistrasiForm(), ulang=False)
    form = RegistrasiForm(request.POST)
    if form.wilayah_refresh_requested:
        form.refresh_captcha()
        return _render_registrasi(request, form, ulang=False)
    if form.is_valid():
        try:
            pendaftaran_create(data=form.service_data(), request=request)
        except ValidationError as exc:
            form.add_error("nik", exc)
            form.nik_terdaftar = True
        else:
            request.session.pop(SESSION_KEY, None)
            return redirect("accounts:daftar_berhasil")
    return _render_registrasi(request, form, ulang=False)


@require_http_methods(["GET"])
def daftar_berhasil(request: HttpRequest) -> HttpResponse:
    """The confirmation after registering (*Pendaftaran berhasil*)."""
    return render(request, "accounts/daftar_berhasil.html")


# --- ACC-6 ---------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def daftar_ulang(request: HttpRequest) -> HttpResponse:
    """*Daftar Ulang*: the registration form with the NIK fixed, for a rejected applicant."""
    pemohon, lengkap = _remembered(request)
    if pemohon is None or pemohon.status != Pemohon.Status.DITOLAK:
        messages.info(
            request,
            _("Untuk daftar ulang, periksa dahulu status pendaftaran Anda atau login."),
        )
        return redirect("accounts:status")
    if request.method != "POST":
        form = RegistrasiForm(
            nik_tetap=pemohon.nik, initial=registrasi_initial(pemohon, lengkap=lengkap)
        )
        return _render_registrasi(request, form, ulang=True)
    form = RegistrasiForm(request.POST, nik_tetap=pemohon.nik)
    if form.wilayah_refresh_requested:
        form.refresh_captcha()
        return _render_registrasi(request, form, ulang=True)
    if form.is_valid():
        try:
            pendaftaran_resubmit(pemohon=pemohon, data=form.service_data(), request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Pendaftaran ulang berhasil dikirim. Data Anda akan diverifikasi kembali "
                    "oleh petugas Dinas."
                ),
            )
            pendaftaran_remember(request, pemohon, lengkap=False)
            return redirect("accounts:status")
    return _render_registrasi(request, form, ulang=True)


# --- ACC-2 ---------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """*Cek Status Pendaftaran*: NIK + captcha, then the status of that registration."""
    pemohon, _lengkap = _remembered(request)
    if request.method == "POST" and "kirim_ulang" in request.POST:
        return _kirim_ulang(request, pemohon)
    form = StatusForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        nik = form.cleaned_data["nik"]
        ip = client_ip(request)
        lockout = guard("status", nik=nik, ip=ip)
        found = None if lockout else pemohon_by_nik(nik)
        if lockout:
            form.add_error(None, lockout.message)
        elif found is None:
            record_failure("status", nik=nik, ip=ip)
            form.add_error("nik", _(TIDAK_DITEMUKAN))
        else:
            pendaftaran_remember(request, found, lengkap=False)
            return redirect("accounts:status")
    if request.method == "POST":
        pemohon = None  # a new query replaces the one shown
    return render(request, "accounts/status.html", {"form": form, "pemohon": pemohon})


def _kirim_ulang(request: HttpRequest, pemohon: Pemohon | None) -> HttpResponse:
    if pemohon is None:
        return redirect("accounts:status")
    try:
        aktivasi_link_resend(pemohon=pemohon, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Link aktivasi baru telah dikirim ke WhatsApp/email Anda. Link lama tidak berlaku."),
        )
    return redirect("accounts:status")


# --- ACC-4 ---------------------------------------------------------------------------------
def _tidak_berlaku(request: HttpRequest, alasan: str) -> HttpResponse:
    return render(request, "accounts/aktivasi_gagal.html", {"alasan": alasan}, status=410)


@never_cache
@require_http_methods(["GET", "POST"])
def aktivasi(request: HttpRequest, token: str) -> HttpResponse:
    """*Aktivasi Pemohon*: the activation link asks for the mother's name."""
    found = aktivasi_token_find(token)
    if found is None:
        return _tidak_berlaku(request, "tidak_berlaku")
    form = AktivasiForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        nik, ip = found.pemohon.nik, client_ip(request)
        lockout = guard("aktivasi", nik=nik, ip=ip)
        if lockout:
            form.add_error(None, lockout.message)
            return render(request, "accounts/aktivasi.html", context)
        result = aktivasi_process(
            token=token, nama_ibu=form.cleaned_data["nama_ibu"], request=request
        )
        if result.hasil is AktivasiHasil.BERHASIL:
            record_success("aktivasi", nik=nik, ip=ip)
            request.session.pop(SESSION_KEY, None)
            return redirect("accounts:aktivasi_berhasil")
        if result.hasil is AktivasiHasil.TIDAK_BERLAKU:
            return _tidak_berlaku(request, "tidak_berlaku")
        record_failure("aktivasi", nik=nik, ip=ip)
        if result.hasil is AktivasiHasil.HABIS:
            return _tidak_berlaku(request, "habis")
        form.add_error(
            "nama_ibu",
            _("Nama Ibu Kandung tidak sesuai. Sisa percobaan: %(sisa)d.") % {"sisa": result.sisa},
        )
    return render(request, "accounts/aktivasi.html", context)


@require_http_methods(["GET"])
def aktivasi_berhasil(request: HttpRequest) -> HttpResponse:
    """The notice after a successful activation, with the way to log in."""
    return render(request, "accounts/aktivasi_berhasil.html")
