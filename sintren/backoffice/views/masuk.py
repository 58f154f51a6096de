"""Staff login: password, then (admins) the TOTP code or the device enrolment; logout."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from sintren.backoffice import auth, totp
from sintren.backoffice.forms import KodeOtpForm, StaffLoginForm
from sintren.backoffice.services import (
    perangkat_totp_confirm,
    perangkat_totp_prepare,
    perangkat_totp_verify,
    petugas_code_check,
    petugas_logout,
    petugas_password_check,
)
from sintren.core.formcache import form_page


def _second_step(user: Any) -> HttpResponse:
    return redirect(
        "backoffice:login_otp" if totp.device_confirmed(user) else "backoffice:otp_daftar"
    )


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """*Login Petugas*: username + password; admins continue to the second factor."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if auth.staff_session_ok(request):
        return redirect(auth.safe_next(request, next_url))
    if auth.is_admin(request.user):
        auth.pending_set(request, request.user, next_url)
        return _second_step(request.user)
    if request.method == "GET":
        return form_page(
            request, "backoffice/login.html", lambda: {"form": StaffLoginForm(), "next": next_url}
        )
    form = StaffLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _check_password(form)
        if user is not None:
            if auth.needs_second_factor(user):
                auth.pending_set(request, user, next_url)
                return _second_step(user)
            return redirect(
                auth.staff_login_complete(request, user, second_factor=False, next_url=next_url)
            )
    return render(request, "backoffice/login.html", {"form": form, "next": next_url})


def _check_password(form: StaffLoginForm) -> Any | None:
    """The staff user if the password is right and no lock applies; errors on the form."""
    user, error = petugas_password_check(
        username=form.cleaned_data["username"], password=form.cleaned_data["password"]
    )
    if user is None:
        form.add_error(None, error)
    return user


def _code_attempt(user: Any, form: KodeOtpForm, check: Any) -> bool:
    """Run ``check(code)`` under the OTP rate limit; add the error to ``form``."""
    error = petugas_code_check(user=user, kode=form.cleaned_data["kode"], check=check)
    if error:
        form.add_error("kode", error)
    return not error


def _no_pending(request: HttpRequest) -> HttpResponse:
    messages.warning(request, gettext("Silakan login terlebih dahulu."))
    return redirect("backoffice:login")


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_otp(request: HttpRequest) -> HttpResponse:
    """The second step of an admin's login: *Kode Autentikator*."""
    user = auth.pending_user(request)
    if user is None:
        return _no_pending(request)
    if not totp.device_confirmed(user):
        return redirect("backoffice:otp_daftar")
    form = KodeOtpForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _code_attempt(user, form, lambda kode: perangkat_totp_verify(user=user, code=kode))
    ):
        next_url = auth.pending_next(request)
        return redirect(
            auth.staff_login_complete(request, user, second_factor=True, next_url=next_url)
        )
    return render(request, "backoffice/login_otp.html", {"form": form})


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def otp_daftar(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (an admin without one, after the password step)."""
    user = auth.pending_user(request)
    if user is None:
        return _no_pending(request)
    if totp.device_confirmed(user):
        return redirect("backoffice:login_otp")
    perangkat = perangkat_totp_prepare(user=user)
    form = KodeOtpForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _code_attempt(
            user, form, lambda kode: perangkat_totp_confirm(perangkat=perangkat, code=kode)
        )
    ):
        messages.success(request, gettext("Aplikasi autentikator berhasil didaftarkan."))
        next_url = auth.pending_next(request)
        return redirect(
            auth.staff_login_complete(request, user, second_factor=True, next_url=next_url)
        )
    context = {
        "form": form,
        "secret": totp.secret_grouped(perangkat.secret),
        "qr_svg": totp.qr_svg(totp.provisioning_uri(perangkat)),
    }
    return render(request, "backoffice/otp_daftar.html", context)


@require_POST
@csrf_protect
def logout_view(request: HttpRequest) -> HttpResponse:
    """Log out (POST only) and go back to the back-office login."""
    petugas_logout(actor=request.user)
    logout(request)
    messages.info(request, gettext("Anda telah keluar."))
    return redirect("backoffice:login")
