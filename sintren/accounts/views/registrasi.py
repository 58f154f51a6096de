"""Registration, status check, re-registration and activation pages (ACC-1…ACC-4, ACC-6).

The NIK never travels in a URL: between steps the applicant's id is kept in the
session under ``SESSION_KEY`` (``{"pemohon": pk, "lengkap": bool, "sejak": epoch}``;
``lengkap`` when the password was proven at login, which alone allows *Daftar Ulang*,
*Kirim Ulang* and seeing the rejection reason).
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from sintren.accounts.forms.registrasi import (
    AktivasiForm,
    RegistrasiForm,
    StatusForm,
    registrasi_initial,
)
from sintren.accounts.models import Pemohon
from sintren.accounts.selectors import nama_samaran, pemohon_find
from sintren.accounts.services import (
    AktivasiHasil,
    aktivasi_attempt,
    aktivasi_link_resend,
    aktivasi_token_find,
    pendaftaran_create,
    pendaftaran_resubmit,
    pendaftaran_status_cek,
)
from sintren.core.formcache import form_page
from sintren.core.net import client_ip

SESSION_KEY = "accounts_pendaftaran"
# How long a password proven at login lets the status page act for the applicant.
BUKTI_DETIK = 30 * 60


def pendaftaran_remember(request: HttpRequest, pemohon: Pemohon, *, lengkap: bool) -> None:
    """Keep the applicant whose registration the next pages are about (never the NIK).

    ``lengkap`` means the password was proven at login: only then may the status page
    show the rejection reason and offer *Daftar Ulang* and *Kirim Ulang* (for
    ``BUKTI_DETIK``); a status check with NIK, KK and birth date shows the status only.
    """
    if lengkap:
        request.session.cycle_key()  # the password was proven: no fixed session ids
    request.session[SESSION_KEY] = {
        "pemohon": pemohon.pk,
        "lengkap": lengkap,
        "sejak": int(time.time()),
    }


def _remembered(request: HttpRequest) -> tuple[Pemohon | None, bool]:
    entry = request.session.get(SESSION_KEY)
    if not isinstance(entry, dict) or not isinstance(entry.get("pemohon"), int):
        return None, False
    pemohon = pemohon_find(entry["pemohon"])
    sejak = entry.get("sejak")
    fresh = isinstance(sejak, int) and time.time() - sejak < BUKTI_DETIK
    return pemohon, bool(entry.get("lengkap")) and fresh


def _render_registrasi(
    request: HttpRequest, form: RegistrasiForm, *, ulang: bool, status: int = 200
) -> HttpResponse:
    return render(request, "accounts/daftar.html", {"form": form, "ulang": ulang}, status=status)


# --- ACC-1 ---------------------------------------------------------------------------------
@sensitive_post_parameters("password1", "password2", "nama_ibu")
@never_cache
@require_http_methods(["GET", "POST"])
def daftar(request: HttpRequest) -> HttpResponse:
    """*Pendaftaran Pemohon*: the registration form.

    A NIK that is already registered gets the same notice as a new registration (its
    owner is told on the phone on file), so the form confirms nothing to a stranger.
    """
    if request.method != "POST":
        return form_page(
            request, "accounts/daftar.html", lambda: {"form": RegistrasiForm(), "ulang": False}
        )
    form = RegistrasiForm(request.POST)
    if form.wilayah_refresh_requested:
        form.refresh_captcha()
        return _render_registrasi(request, form, ulang=False)
    if form.is_valid():
        try:
            pendaftaran_create(data=form.service_data(), ip=client_ip(request))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.session.pop(SESSION_KEY, None)
            return redirect("accounts:daftar_berhasil")
    return _render_registrasi(request, form, ulang=False)


@require_http_methods(["GET"])
def daftar_berhasil(request: HttpRequest) -> HttpResponse:
    """The confirmation after registering (*Pendaftaran berhasil*)."""
    return render(request, "accounts/daftar_berhasil.html")


# --- ACC-6 ---------------------------------------------------------------------------------
@sensitive_post_parameters("password1", "password2", "nama_ibu")
@never_cache
@require_http_methods(["GET", "POST"])
def daftar_ulang(request: HttpRequest) -> HttpResponse:
    """*Daftar Ulang*: the registration form with the NIK fixed, for a rejected applicant.

    Only after the applicant proved the password at login (manual B.8): a NIK, or a
    NIK with the KK number, is not enough to replace someone's password and phone.
    """
    pemohon, lengkap = _remembered(request)
    if pemohon is None or not lengkap or pemohon.status != Pemohon.Status.DITOLAK:
        messages.info(
            request,
            _(
                "Untuk daftar ulang, login terlebih dahulu dengan NIK dan Kata Kunci yang "
                "Anda daftarkan."
            ),
        )
        return redirect("accounts:login")
    context = {"alasan": pemohon.alasan_penolakan}
    if request.method != "POST":
        form = RegistrasiForm(nik_tetap=pemohon.nik, initial=registrasi_initial(pemohon))
        return _render_ulang(request, form, context)
    form = RegistrasiForm(request.POST, nik_tetap=pemohon.nik)
    if form.wilayah_refresh_requested:
        form.refresh_captcha()
        return _render_ulang(request, form, context)
    if form.is_valid():
        try:
            pendaftaran_resubmit(pemohon=pemohon, data=form.service_data())
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
    return _render_ulang(request, form, context)


def _render_ulang(
    request: HttpRequest, form: RegistrasiForm, context: dict[str, Any]
) -> HttpResponse:
    return render(request, "accounts/daftar.html", {"form": form, "ulang": True, **context})


# --- ACC-2 ---------------------------------------------------------------------------------
@sensitive_post_parameters("nik", "nomor_kk", "tanggal_lahir")
@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """*Cek Status Pendaftaran*: NIK + Nomor KK + Tanggal Lahir + captcha → the status.

    Every lookup counts against the NIK and the client address, found or not. The
    name is shown masked; the rejection reason and the actions only after login.
    """
    pemohon, lengkap = _remembered(request)
    if request.method == "GET" and pemohon is None:
        return form_page(request, "accounts/status.html", _status_blank)
    if request.method == "POST" and "kirim_ulang" in request.POST:
        return _kirim_ulang(request, pemohon if lengkap else None)
    form = StatusForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cek = pendaftaran_status_cek(
            nik=data["nik"], nomor_kk=data["nomor_kk"], tanggal_lahir=data["tanggal_lahir"]
        )
        if cek.pemohon is not None:
            pendaftaran_remember(request, cek.pemohon, lengkap=False)
            return redirect("accounts:status")
        form.add_error(None, cek.pesan)
    if request.method == "POST":
        pemohon, lengkap = None, False  # a new query replaces the one shown
    context = {
        "form": form,
        "pemohon": pemohon,
        "lengkap": lengkap,
        "nama_samaran": nama_samaran(pemohon.nama_lengkap) if pemohon else "",
    }
    return render(request, "accounts/status.html", context)


def _status_blank() -> dict[str, Any]:
    """The status page's context before any lookup: the empty form only."""
    return {"form": StatusForm(), "pemohon": None, "lengkap": False, "nama_samaran": ""}


def _kirim_ulang(request: HttpRequest, pemohon: Pemohon | None) -> HttpResponse:
    if pemohon is None:
        messages.info(
            request,
            _("Untuk mengirim ulang link aktivasi, login dengan NIK dan Kata Kunci Anda."),
        )
        return redirect("accounts:login")
    try:
        aktivasi_link_resend(pemohon=pemohon, ip=client_ip(request))
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
        result = aktivasi_attempt(token=token, nama_ibu=form.cleaned_data["nama_ibu"])
        if result.hasil is AktivasiHasil.TERKUNCI:
            form.add_error(None, result.pesan)
            return render(request, "accounts/aktivasi.html", context)
        if result.hasil is AktivasiHasil.BERHASIL:
            request.session.pop(SESSION_KEY, None)
            return redirect("accounts:aktivasi_berhasil")
        if result.hasil is AktivasiHasil.TIDAK_BERLAKU:
            return _tidak_berlaku(request, "tidak_berlaku")
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
