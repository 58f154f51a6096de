"""The side menu keeps the catalogue per process until it changes (REQ-2, X-4; PERF-1).

Every applicant page shows the menu of services with their availability. The services,
their schedules, allowed groups and the closure days are kept per process under the
content key (``sintren.core.konten``); only today's quota use is read per page, and
only when a listed service has a daily cap. Any change of the catalogue shows at once.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from sintren.accounts.models import GrupPemohon
from sintren.catalog.models import JadwalLayanan, Layanan
from sintren.catalog.tests.factories import HariTutupFactory, LayananFactory
from sintren.core.konten import konten_versi
from sintren.pengajuan import availability as av
from sintren.pengajuan.demo import demo_layanan_buka
from sintren.pengajuan.models import KuotaHarian
from sintren.pengajuan.selectors import ketersediaan_menu

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_kerja")]


def menu(**kwargs: Any) -> dict[str, av.Ketersediaan]:
    kwargs.setdefault("mode_grup", False)
    return {item.slug: status for item, status in ketersediaan_menu(**kwargs)}


def hari_ini() -> Any:
    return timezone.now().astimezone(av.ZONA).date()


def test_kept_menu_reads_nothing_without_a_cap_and_only_the_quota_with_one(
    layanan: Layanan, django_assert_num_queries: Any
) -> None:
    menu()  # reads the catalogue
    with django_assert_num_queries(0):
        assert menu()["akta-kelahiran"].tersedia
    layanan.kuota_harian = 3
    layanan.save()
    menu()
    with django_assert_num_queries(1):
        assert menu()["akta-kelahiran"].sisa_kuota == 3


def test_quota_use_shows_at_once(layanan: Layanan) -> None:
    layanan.kuota_harian = 3
    layanan.save()
    assert menu()["akta-kelahiran"].sisa_kuota == 3
    kuota = KuotaHarian.objects.create(layanan=layanan, tanggal=hari_ini(), terpakai=2)
    assert menu()["akta-kelahiran"].sisa_kuota == 1
    KuotaHarian.objects.filter(pk=kuota.pk).update(terpakai=3)  # as a creation takes a slot
    habis = menu()["akta-kelahiran"]
    assert (habis.tersedia, habis.sebab) == (False, av.KUOTA)


def test_every_catalogue_change_shows_at_once(layanan: Layanan) -> None:
    assert menu()["akta-kelahiran"].tersedia
    JadwalLayanan.objects.filter(layanan=layanan, hari=hari_ini().weekday()).delete()
    assert menu()["akta-kelahiran"].sebab == av.JADWAL
    JadwalLayanan.objects.create(
        layanan=layanan, hari=hari_ini().weekday(), jam_mulai="00:00", jam_selesai="23:59"
    )
    assert menu()["akta-kelahiran"].tersedia
    HariTutupFactory.create(tanggal=hari_ini(), keterangan="Rapat kerja")
    ditutup = menu()["akta-kelahiran"]
    assert (ditutup.sebab, "Rapat kerja" in ditutup.alasan) == (av.TUTUP, True)
    baru = LayananFactory.create(slug="kartu-keluarga", buka_setiap_hari=True)
    assert list(menu()) == ["akta-kelahiran", "kartu-keluarga"]
    layanan.urutan = baru.urutan + 1
    layanan.save()
    assert list(menu()) == ["kartu-keluarga", "akta-kelahiran"]
    layanan.aktif = False
    layanan.save()
    assert list(menu()) == ["kartu-keluarga"]


def test_allowed_groups_show_at_once(layanan: Layanan, wilayah_pekalongan: Any) -> None:
    desa_a = GrupPemohon.objects.create(nama="Desa A", wilayah=wilayah_pekalongan)
    desa_b = GrupPemohon.objects.create(nama="Desa B", wilayah=wilayah_pekalongan)
    khusus = LayananFactory.create(slug="khusus", grup=True, buka_setiap_hari=True)
    assert "khusus" not in menu()  # the personal mode lists the general services
    assert menu(semua=True)["khusus"].sebab == av.MODE  # the home cards list every one
    assert menu(mode_grup=True, grup_id=desa_b.pk)["khusus"].tersedia  # no list: any group
    khusus.grup_diizinkan.add(desa_a)
    assert menu(mode_grup=True, grup_id=desa_b.pk)["khusus"].sebab == av.MODE
    assert menu(mode_grup=True, grup_id=desa_a.pk)["khusus"].tersedia
    khusus.grup_diizinkan.remove(desa_a)
    assert menu(mode_grup=True, grup_id=desa_b.pk)["khusus"].tersedia


def test_opening_a_service_for_a_demo_makes_a_new_content_version(layanan: Layanan) -> None:
    """``pengajuan_buka_layanan`` writes the windows in bulk (no ``post_save``); a service
    without windows had nothing to delete either, yet its pages now show new windows."""
    JadwalLayanan.objects.filter(layanan=layanan).delete()
    before = konten_versi()
    demo_layanan_buka("akta-kelahiran")
    assert konten_versi() != before
    assert JadwalLayanan.objects.filter(layanan=layanan).count() == 7
