"""factory_boy factories of information items, shared by every app's tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from sintren.informasi.models import Informasi


class InformasiFactory(DjangoModelFactory[Informasi]):
    """A published, active *Umum* item published an hour ago.

    Traits: ``rahasia``, ``sistem``, ``nonaktif``, ``terjadwal`` (published tomorrow).
    """

    class Meta:
        model = Informasi

    judul = factory.Sequence(lambda n: f"Informasi {n}")
    ringkasan = "Ringkasan informasi."
    isi = "Isi informasi untuk pemohon."
    jenis = Informasi.Jenis.UMUM
    diterbitkan = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))

    class Params:
        rahasia = factory.Trait(jenis=Informasi.Jenis.RAHASIA)
        sistem = factory.Trait(jenis=Informasi.Jenis.SISTEM)
        nonaktif = factory.Trait(aktif=False)
        terjadwal = factory.Trait(
            diterbitkan=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
        )
