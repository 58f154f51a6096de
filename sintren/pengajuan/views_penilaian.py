"""*Kirim Penilaian* (X-9): the applicant rates a finished request from its detail page.

The form itself is on the detail page (``{% penilaian_panel %}``); this view takes the
POST, loads the request through :func:`pengajuan_get_for_user` (a 404 for anything not
the applicant's in the current mode), calls the service and goes back to the page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sintren.accounts.decorators import pemohon_required, request_pemohon
from sintren.accounts.modes import current_mode
from sintren.pengajuan.forms_penilaian import PenilaianForm
from sintren.pengajuan.selectors import pengajuan_get_for_user
from sintren.pengajuan.services_penilaian import penilaian_kirim


@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def penilaian(request: HttpRequest, kode: str) -> HttpResponse:
    """POST *Kirim Penilaian*; a GET leads to the rating panel of the detail page."""
    pengajuan = pengajuan_get_for_user(request.user, kode, mode=current_mode(request))
    if request.method == "POST":
        form = PenilaianForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            penilaian_kirim(
                actor=request_pemohon(request).user,
                pengajuan=pengajuan,
                nilai=form.cleaned_data["nilai"],
                komentar=form.cleaned_data["komentar"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Terima kasih, penilaian Anda sudah kami terima."))
    url = reverse("pengajuan:detail", kwargs={"kode": pengajuan.kode})
    return redirect(url + "#penilaian")
