"""Read-side queries of information items: who may see which (PUB-4)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sintren.informasi.models import Informasi


def informasi_visible(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Informasi]:
    """Active, published items: *Umum* and *Sistem* for everyone, *Rahasia* once logged in."""
    jenis = [Informasi.Jenis.UMUM, Informasi.Jenis.SISTEM]
    if user.is_authenticated:
        jenis.append(Informasi.Jenis.RAHASIA)
    return Informasi.objects.filter(
        aktif=True, diterbitkan__lte=timezone.now(), jenis__in=jenis
    ).order_by("-diterbitkan", "-id")


def informasi_get_visible(user: AbstractBaseUser | AnonymousUser, pk: int) -> Informasi:
    """One item ``user`` may see; ``Http404`` otherwise (never confirms a hidden item)."""
    return get_object_or_404(informasi_visible(user), pk=pk)
