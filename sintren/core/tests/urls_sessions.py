"""A tiny URLconf for the session-policy tests: a login, a private and a public page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from sintren.core.sessions import session_start


def masuk(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        user = authenticate(
            request, username=request.POST["username"], password=request.POST["password"]
        )
        if user is not None:
            login(request, user)
            session_start(request)
            return HttpResponse("ok")
    shown = " | ".join(str(m) for m in messages.get_messages(request))
    return HttpResponse(f"login page: {shown}")


@login_required(login_url="/masuk/")
def rahasia(request: HttpRequest) -> HttpResponse:
    return HttpResponse("rahasia")


def beranda(request: HttpRequest) -> HttpResponse:
    return HttpResponse("beranda")


urlpatterns = [
    path("masuk/", masuk, name="masuk"),
    path("rahasia/", rahasia, name="rahasia"),
    path("", beranda, name="beranda"),
]
