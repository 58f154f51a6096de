"""Login and logout of applicants (ACC-5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from sintren.accounts.backends import BACKEND
from sintren.accounts.decorators import active_pemohon
from sintren.accounts.forms.registrasi import LoginForm
from sintren.accounts.models import Pemohon
from sintren.accounts.services import LoginHasil, pemohon_login_check
from sintren.accounts.views.registrasi import pendaftaran_remember
from sintren.core.formcache import form_page
from sintren.core.net import client_ip, safe_next
from sintren.core.sessions import session_login

SALAH = "NIK atau Kata Kunci salah."
HOME_URL = "/"

STATUS_MESSAGES: dict[str, str] = {
    Pemohon.Status.MENUNGGU: (
        "Pendaftaran Anda masih menunggu verifikasi oleh petugas Dinas. Anda dapat login "
        "setelah pendaftaran disetujui dan akun diaktifkan."
    ),
    Pemohon.Status.DISETUJUI: (
        "Pendaftaran Anda sudah disetujui, tetapi akun belum diaktifkan. Buka link aktivasi "
        "yang dikirim melalui WhatsApp/email, isi Nama Ibu Kandung, lalu klik Proses "
        "Aktivasi. Belum menerima link? Gunakan tombol Kirim Ulang Link Aktivasi."
    ),
    Pemohon.Status.DITOLAK: (
        "Pendaftaran Anda tidak disetujui. Perbaiki data Anda melalui Daftar Ulang."
    ),
}


def _next_url(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"), HOME_URL)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """*Login Pemohon*: NIK, Kata Kunci and captcha; the outcome depends on the status."""
    if active_pemohon(request.user) is not None:
        return redirect(HOME_URL)
    if request.method == "GET":
        next_url = _next_url(request) if "next" in request.GET else ""
        return form_page(
            request, "accounts/login.html", lambda: {"form": LoginForm(), "next": next_url}
        )
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        hasil = pemohon_login_check(
            nik=form.cleaned_data["nik"],
            password=form.cleaned_data["password"],
            ip=client_ip(request),
        )
        if hasil.pemohon is not None:
            return _login_outcome(request, hasil.pemohon)
        form.add_error(None, _login_error(hasil))
    context = {"form": form, "next": _next_url(request) if "next" in request.GET else ""}
    return render(request, "accounts/login.html", context)


def _login_error(hasil: LoginHasil) -> str:
    if hasil.lockout is not None:
        return hasil.lockout.message
    if hasil.sisa:
        return _("%(salah)s Sisa percobaan: %(sisa)d sebelum login dikunci selama 15 menit.") % {
            "salah": _(SALAH),
            "sisa": hasil.sisa,
        }
    return _(SALAH)


def _login_outcome(request: HttpRequest, pemohon: Pemohon) -> HttpResponse:
    """Log an active applicant in; show any other applicant their registration status."""
    if pemohon.status == Pemohon.Status.AKTIF:
        if request.user.is_authenticated:
            auth_logout(request)  # never carry another person's session over
        session_login(request, pemohon.user, backend=BACKEND)
        messages.success(request, _("Anda berhasil login."))
        return redirect(_next_url(request))
    pendaftaran_remember(request, pemohon, lengkap=True)
    level = messages.ERROR if pemohon.status == Pemohon.Status.DITOLAK else messages.INFO
    messages.add_message(request, level, _(STATUS_MESSAGES[pemohon.status]))
    return redirect("accounts:status")


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out (POST only, from the user menu) and go back to the login page."""
    auth_logout(request)
    messages.success(request, _("Anda telah logout."))
    return redirect("accounts:login")
