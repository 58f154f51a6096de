"""The seed information items: every kind present, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from sintren.informasi.models import Informasi
from sintren.informasi.seeding import informasi_load

pytestmark = pytest.mark.django_db


def test_seed_has_every_kind_of_item_already_published() -> None:
    informasi_load()
    jenis = list(Informasi.objects.values_list("jenis", flat=True))
    assert jenis.count(Informasi.Jenis.UMUM) >= 2
    assert Informasi.Jenis.RAHASIA in jenis
    assert Informasi.Jenis.SISTEM in jenis
    assert all(len(item.isi) > 80 for item in Informasi.objects.all())
    assert not Informasi.objects.filter(aktif=False).exists()


def test_second_load_changes_nothing_and_keeps_publication_dates() -> None:
    informasi_load()
    before = list(Informasi.objects.order_by("pk").values_list("pk", "judul", "diterbitkan"))
    report = informasi_load()
    assert not report.berubah
    after = list(Informasi.objects.order_by("pk").values_list("pk", "judul", "diterbitkan"))
    assert after == before


def test_load_restores_an_edited_seed_text() -> None:
    informasi_load()
    item = Informasi.objects.filter(jenis=Informasi.Jenis.RAHASIA).get()
    Informasi.objects.filter(pk=item.pk).update(isi="diubah", aktif=False)
    assert informasi_load().diubah == 1
    item.refresh_from_db()
    assert item.aktif
    assert item.isi != "diubah"


def test_command_runs_twice_without_duplicates() -> None:
    call_command("load_informasi", stdout=io.StringIO())
    count = Informasi.objects.count()
    out = io.StringIO()
    call_command("load_informasi", stdout=out)
    assert Informasi.objects.count() == count
    assert "0 dibuat, 0 diubah" in out.getvalue()
