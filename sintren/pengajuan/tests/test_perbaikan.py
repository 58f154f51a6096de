"""Item-level correction (X-2, REQ-8) without HTTP: the editability rules, asking for a
correction item by item, editing and replacing only what was marked, *Kirim Ulang*.

Requests start as drafts from the factory and move on through the services only (send,
take for processing, ask for a correction), with real sanitised files attached.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sintren.catalog.models import DokumenPersyaratan, Layanan
from sintren.catalog.tests.factories import DokumenPersyaratanFactory, LayananFactory
from sintren.core.models import AuditEvent
from sintren.core.tests.concurrency import run_concurrently
from sintren.documents.models import DataDukung
from sintren.documents.services import datadukung_attach, datadukung_detach
from sintren.notifications.models import Notifikasi
from sintren.pengajuan.choices import JenisItemPerbaikan, StatusPengajuan
from sintren.pengajuan.models import ItemPerbaikan, Pengajuan, RiwayatStatus
from sintren.pengajuan.perbaikan import (
    HakUbah,
    ItemDiminta,
    catatan_perbaikan,
    hak_ubah,
    label_item,
    periksa_items,
)
from sintren.pengajuan.selectors import hak_ubah_for, perbaikan_rows
from sintren.pengajuan.services import (
    pengajuan_kirim_ulang,
    pengajuan_minta_perbaikan,
    pengajuan_update,
)
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.pengajuan.tests.helpers import data_pengajuan
from sintren.pengajuan.tests.perbaikan_setup import (
    berkas_root_in,
    dikembalikan,
    diproses,
    dokumen_layanan,
    unggah,
)

pytestmark = pytest.mark.django_db

Status = StatusPengajuan
Jenis = JenisItemPerbaikan


# --- the rules, without a database ----------------------------------------------------------
def _item(jenis: str, dokumen_id: int | None = None, field: str = "") -> Any:
    return SimpleNamespace(jenis=jenis, dokumen_id=dokumen_id, field=field)


def test_a_draft_may_change_everything():
    hak = hak_ubah(Status.DRAF, [_item(Jenis.DATA, field="detail")])
    assert hak.semua
    assert hak.boleh_field("subjek_nama")
    assert hak.boleh_field("tambahan_apa_saja")
    assert hak.boleh_dokumen(12345)
    assert hak.ada_field
    assert hak.ada_dokumen


def test_a_correction_may_change_only_the_open_marked_items():
    items = [_item(Jenis.DOKUMEN, dokumen_id=7), _item(Jenis.DATA, field="tambahan_nama_bayi")]
    hak = hak_ubah(Status.PERBAIKAN, items)
    assert not hak.semua
    assert hak.boleh_dokumen(7)
    assert not hak.boleh_dokumen(8)
    assert hak.boleh_field("tambahan_nama_bayi")
    assert not hak.boleh_field("subjek_nama")
    assert not hak.boleh_field("tambahan_berat_bayi")
    assert hak.ada_field
    assert hak.ada_dokumen


def test_a_correction_of_documents_only_opens_no_field():
    hak = hak_ubah(Status.PERBAIKAN, [_item(Jenis.DOKUMEN, dokumen_id=7)])
    assert not hak.ada_field
    assert hak.ada_dokumen


@pytest.mark.parametrize(
    "status",
    [s for s in Status.values if s not in (Status.DRAF, Status.PERBAIKAN)],
)
def test_any_other_status_may_change_nothing(status):
    hak = hak_ubah(status, [_item(Jenis.DOKUMEN, dokumen_id=7), _item(Jenis.DATA, field="detail")])
    assert hak == HakUbah()
    assert not hak.ada_field
    assert not hak.ada_dokumen
    assert not hak.boleh_dokumen(7)
    assert not hak.boleh_field("detail")


def test_items_are_named_in_plain_words():
    dokumen, tambahan = {7: "KTP Ayah"}, {"nama_bayi": "Nama bayi"}
    assert label_item(_item(Jenis.DOKUMEN, 7), dokumen=dokumen, tambahan=tambahan) == (
        "Data Dukung KTP Ayah"
    )
    assert label_item(_item(Jenis.DATA, field="subjek_nama"), dokumen={}, tambahan={}) == (
        "Nama Lengkap"
    )
    assert (
        label_item(_item(Jenis.DATA, field="tambahan_nama_bayi"), dokumen={}, tambahan=tambahan)
        == "Nama bayi"
    )
    note = catatan_perbaikan("Mohon segera.", [("Nama Lengkap", "Ejaan salah")])
    assert note == "Mohon segera.\nYang perlu diperbaiki:\n- Nama Lengkap: Ejaan salah"


def test_item_check_lists_every_problem_in_indonesian():
    diminta = [
        ItemDiminta.untuk_dokumen(99, "Buram"),  # not a document of the service
        ItemDiminta.untuk_data("password", "x"),  # not a field of the request
        ItemDiminta.untuk_tambahan("tidak_ada", "x"),  # not an extra field of the service
        ItemDiminta.untuk_data("nomor_hp", "x"),  # the account's, in the personal mode
        ItemDiminta.untuk_data("detail", "  "),  # no note
        ItemDiminta.untuk_dokumen(7, "Buram"),
        ItemDiminta.untuk_dokumen(7, "Lagi"),  # twice
        ItemDiminta(jenis="lain", catatan="x"),
    ]
    with pytest.raises(ValidationError) as caught:
        periksa_items(
            diminta, dokumen={7: "KTP Ayah"}, tambahan={"nama_bayi": "Nama bayi"}, mode_pribadi=True
        )
    assert caught.value.messages == [
        "Dokumen yang ditandai bukan persyaratan layanan ini.",
        "Data “password” tidak ada pada pengajuan layanan ini.",
        "Data “tambahan_tidak_ada” tidak ada pada pengajuan layanan ini.",
        "Nomor HP (WhatsApp) mengikuti data akun pemohon (mode Pemohon Pribadi) dan tidak "
        "dapat diperbaiki pada pengajuan.",
        "Catatan untuk Detail Permohonan wajib diisi.",
        "Data Dukung KTP Ayah ditandai lebih dari sekali.",
        "Jenis item perbaikan tidak dikenal.",
    ]
    codes = [error.code for error in caught.value.error_list]
    assert codes == ["item", "item", "item", "item", "catatan", "item", "item"]


def test_item_check_allows_the_account_fields_in_a_group_request():
    sah = periksa_items(
        [ItemDiminta.untuk_data("nomor_hp", " Nomor tidak aktif ")],
        dokumen={},
        tambahan={},
        mode_pribadi=False,
    )
    assert [(s.field, s.catatan, s.label) for s in sah] == [
        ("nomor_hp", "Nomor tidak aktif", "Nomor HP (WhatsApp)")
    ]


def test_item_check_needs_at_least_one_item():
    with pytest.raises(ValidationError) as caught:
        periksa_items([], dokumen={}, tambahan={}, mode_pribadi=True)
    assert caught.value.code == "item"


# --- the services ------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def berkas_root(settings: Any, tmp_path: Path) -> Path:
    return berkas_root_in(settings, tmp_path)


@pytest.fixture
def dokumen(layanan: Layanan) -> tuple[DokumenPersyaratan, DokumenPersyaratan]:
    return dokumen_layanan(layanan)


@pytest.fixture
def ktp(dokumen: tuple[DokumenPersyaratan, DokumenPersyaratan]) -> DokumenPersyaratan:
    return dokumen[0]


@pytest.fixture
def surat(dokumen: tuple[DokumenPersyaratan, DokumenPersyaratan]) -> DokumenPersyaratan:
    return dokumen[1]


@pytest.fixture
def perbaikan(pemohon, layanan, ktp, verifikator) -> Pengajuan:
    """A request sent back: the KTP and the baby's name marked, the rest fine."""
    return dikembalikan(pemohon, layanan, verifikator, ktp)


def test_asking_for_a_correction_writes_items_history_message_and_audit(perbaikan, ktp):
    perbaikan.refresh_from_db()
    assert perbaikan.status == Status.PERBAIKAN
    riwayat = perbaikan.riwayat.latest("pk")
    assert riwayat.status == Status.PERBAIKAN
    assert riwayat.catatan == (
        "Mohon perbaiki dua hal.\nYang perlu diperbaiki:\n"
        "- Data Dukung KTP Ayah: Foto KTP buram, foto ulang.\n"
        "- Nama bayi: Tulis nama bayi sesuai surat lahir."
    )
    items = list(ItemPerbaikan.objects.filter(pengajuan=perbaikan))
    assert [(i.jenis, i.dokumen_id, i.field, i.riwayat_id) for i in items] == [
        (Jenis.DOKUMEN, ktp.pk, "", riwayat.pk),
        (Jenis.DATA, None, "tambahan_nama_bayi", riwayat.pk),
    ]
    attached = DataDukung.objects.get(pengajuan=perbaikan, dokumen=ktp).berkas_id
    assert items[0].berkas_sebelumnya == [attached]
    assert all(i.terbuka for i in items)
    pesan = Notifikasi.objects.get(event="pengajuan_perbaikan", channel="whatsapp")
    assert "- Data Dukung KTP Ayah: Foto KTP buram, foto ulang." in pesan.body
    audit = AuditEvent.objects.filter(action="pengajuan.perbaikan").get()
    assert audit.details["item"] == [f"dokumen:{ktp.pk}", "tambahan_nama_bayi"]


def test_asking_for_a_correction_is_for_staff_only(pemohon, layanan, ktp):
    pengajuan = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, diproses=True)
    with pytest.raises(ValidationError) as caught:
        pengajuan_minta_perbaikan(
            actor=pemohon.user,
            pengajuan=pengajuan,
            items=[ItemDiminta.untuk_dokumen(ktp.pk, "x")],
        )
    assert caught.value.code == "status"
    pengajuan.refresh_from_db()
    assert pengajuan.status == Status.DIPROSES
    assert not ItemPerbaikan.objects.exists()


def test_a_document_of_another_service_is_refused_and_nothing_changes(
    pemohon, layanan, ktp, verifikator
):
    pengajuan = diproses(pemohon, layanan, verifikator)
    asing = DokumenPersyaratanFactory.create(layanan=LayananFactory.create(), nama="Paspor")
    riwayat = RiwayatStatus.objects.filter(pengajuan=pengajuan).count()
    with pytest.raises(ValidationError) as caught:
        pengajuan_minta_perbaikan(
            actor=verifikator,
            pengajuan=pengajuan,
            items=[
                ItemDiminta.untuk_dokumen(ktp.pk, "Buram"),
                ItemDiminta.untuk_dokumen(asing.pk, "Buram"),
            ],
        )
    assert caught.value.messages == ["Dokumen yang ditandai bukan persyaratan layanan ini."]
    pengajuan.refresh_from_db()
    assert pengajuan.status == Status.DIPROSES
    assert RiwayatStatus.objects.filter(pengajuan=pengajuan).count() == riwayat
    assert not ItemPerbaikan.objects.exists()
    assert not Notifikasi.objects.filter(event="pengajuan_perbaikan").exists()


def test_rights_follow_the_open_items(perbaikan, ktp, surat):
    hak = hak_ubah_for(perbaikan)
    assert hak.boleh_dokumen(ktp.pk)
    assert not hak.boleh_dokumen(surat.pk)
    assert hak.boleh_field("tambahan_nama_bayi")
    assert not hak.boleh_field("detail")
    rows = perbaikan_rows(perbaikan)
    assert [(r.label, r.diganti) for r in rows] == [
        ("Data Dukung KTP Ayah", False),
        ("Nama bayi", False),
    ]


def test_update_in_a_correction_changes_only_the_marked_field(perbaikan, pemohon):
    before = Pengajuan.objects.get(pk=perbaikan.pk)
    forged = data_pengajuan(
        pemohon,
        subjek_nama="Nama Lain",
        detail="Diubah diam-diam",
        data_tambahan={"nama_bayi": "Bayi Ny. Sari Rahayu", "berat_bayi": "9999"},
    )
    pengajuan_update(actor=pemohon.user, pengajuan=perbaikan, data=forged)
    after = Pengajuan.objects.get(pk=perbaikan.pk)
    assert after.data_tambahan == {"nama_bayi": "Bayi Ny. Sari Rahayu", "berat_bayi": "3100"}
    assert (after.subjek_nama, after.detail, after.subjek_kunci) == (
        before.subjek_nama,
        before.detail,
        before.subjek_kunci,
    )
    assert after.status == Status.PERBAIKAN
    audit = AuditEvent.objects.filter(action="pengajuan.ubah").get()
    assert audit.details["diubah"] == ["data_tambahan"]
    assert audit.details["diabaikan"] == ["detail", "subjek_nama", "tambahan_berat_bayi"]


def test_update_refused_when_only_documents_are_marked(pemohon, layanan, ktp, verifikator):
    pengajuan = diproses(pemohon, layanan, verifikator)
    pengajuan_minta_perbaikan(
        actor=verifikator, pengajuan=pengajuan, items=[ItemDiminta.untuk_dokumen(ktp.pk, "x")]
    )
    with pytest.raises(ValidationError) as caught:
        pengajuan_update(actor=pemohon.user, pengajuan=pengajuan, data=data_pengajuan(pemohon))
    assert caught.value.code == "status"


def test_documents_services_touch_only_marked_documents(perbaikan, pemohon, ktp, surat):
    baru = unggah(pemohon, 40)
    with pytest.raises(ValidationError) as caught:
        datadukung_attach(actor=pemohon.user, pengajuan=perbaikan, dokumen=surat, berkas=baru)
    assert caught.value.code == "status"
    assert "tidak ditandai untuk diperbaiki" in caught.value.messages[0]
    link_surat = DataDukung.objects.get(pengajuan=perbaikan, dokumen=surat)
    with pytest.raises(ValidationError):
        datadukung_detach(actor=pemohon.user, pengajuan=perbaikan, datadukung=link_surat)
    assert DataDukung.objects.filter(pk=link_surat.pk).exists()
    assert not DataDukung.objects.filter(berkas=baru).exists()
    # The marked one: the old file may go, a new one may come.
    lama = DataDukung.objects.get(pengajuan=perbaikan, dokumen=ktp)
    datadukung_detach(actor=pemohon.user, pengajuan=perbaikan, datadukung=lama)
    datadukung_attach(actor=pemohon.user, pengajuan=perbaikan, dokumen=ktp, berkas=baru)
    assert list(
        DataDukung.objects.filter(pengajuan=perbaikan, dokumen=ktp).values_list("berkas", flat=True)
    ) == [baru.pk]


def test_kirim_ulang_waits_for_a_replacement_of_the_marked_document(perbaikan, pemohon, ktp):
    def refused() -> list[str]:
        with pytest.raises(ValidationError) as caught:
            pengajuan_kirim_ulang(actor=pemohon.user, pengajuan=perbaikan)
        assert {error.code for error in caught.value.error_list} == {"kurang"}
        assert Pengajuan.objects.get(pk=perbaikan.pk).status == Status.PERBAIKAN
        return caught.value.messages

    missing = "Data Dukung KTP Ayah belum diganti. Unggah dokumen pengganti melalui Tambah Dokumen."
    assert refused() == [missing]
    # Removing the old file alone is no correction.
    lama = DataDukung.objects.get(pengajuan=perbaikan, dokumen=ktp)
    datadukung_detach(actor=pemohon.user, pengajuan=perbaikan, datadukung=lama)
    assert refused() == [missing]
    # Putting the same old file back is no correction either.
    datadukung_attach(actor=pemohon.user, pengajuan=perbaikan, dokumen=ktp, berkas=lama.berkas)
    assert refused() == [missing]
    datadukung_attach(
        actor=pemohon.user, pengajuan=perbaikan, dokumen=ktp, berkas=unggah(pemohon, 41)
    )
    rows = perbaikan_rows(perbaikan)
    assert (rows[0].label, rows[0].diganti) == ("Data Dukung KTP Ayah", True)
    pengajuan_kirim_ulang(actor=pemohon.user, pengajuan=perbaikan)
    assert perbaikan.status == Status.DIKIRIM


def test_kirim_ulang_wants_a_marked_required_field_filled(perbaikan, pemohon, ktp):
    data = data_pengajuan(pemohon, data_tambahan={"nama_bayi": "", "berat_bayi": "3100"})
    pengajuan_update(actor=pemohon.user, pengajuan=perbaikan, data=data)
    datadukung_attach(
        actor=pemohon.user, pengajuan=perbaikan, dokumen=ktp, berkas=unggah(pemohon, 42)
    )
    with pytest.raises(ValidationError) as caught:
        pengajuan_kirim_ulang(actor=pemohon.user, pengajuan=perbaikan)
    assert caught.value.messages == ["Data Tambahan belum diisi: Nama bayi."]


def test_kirim_ulang_closes_the_items_and_tells_the_applicant(perbaikan, pemohon, ktp, surat):
    datadukung_attach(
        actor=pemohon.user, pengajuan=perbaikan, dokumen=ktp, berkas=unggah(pemohon, 43)
    )
    sent = pengajuan_kirim_ulang(actor=pemohon.user, pengajuan=perbaikan)
    assert sent.status == perbaikan.status == Status.DIKIRIM
    assert sent.dikirim_pada is not None
    riwayat = perbaikan.riwayat.latest("pk")
    assert (riwayat.status, riwayat.oleh, riwayat.catatan) == (
        Status.DIKIRIM,
        pemohon.user,
        "Dikirim ulang setelah perbaikan.",
    )
    assert not ItemPerbaikan.objects.filter(selesai_pada__isnull=True).exists()
    assert set(ItemPerbaikan.objects.values_list("selesai_pada", flat=True)) == {riwayat.pada}
    pesan = Notifikasi.objects.get(event="pengajuan_dikirim_ulang", channel="whatsapp")
    assert perbaikan.kode in pesan.body
    assert "Perbaikan pengajuan" in pesan.body
    audit = AuditEvent.objects.filter(action="pengajuan.dikirim").latest("pk")
    assert audit.summary == "Pengajuan dikirim ulang setelah perbaikan"
    # Nothing else moved: the other document keeps its file; nothing is editable now.
    assert DataDukung.objects.filter(pengajuan=perbaikan, dokumen=surat).count() == 1
    assert hak_ubah_for(perbaikan) == HakUbah()


def test_kirim_ulang_only_from_a_correction_and_by_the_applicant(perbaikan, pemohon, verifikator):
    with pytest.raises(ValidationError) as caught:
        pengajuan_kirim_ulang(actor=verifikator, pengajuan=perbaikan)
    assert caught.value.code == "status"
    draf = PengajuanFactory.create(pemohon=pemohon, layanan=perbaikan.layanan)
    with pytest.raises(ValidationError) as caught:
        pengajuan_kirim_ulang(actor=pemohon.user, pengajuan=draf)
    assert caught.value.code == "status"
    assert Pengajuan.objects.get(pk=draf.pk).status == Status.DRAF


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_kirim_ulang_make_one_transition(pemohon, layanan, ktp, verifikator):
    pengajuan = diproses(pemohon, layanan, verifikator)
    pengajuan_minta_perbaikan(
        actor=verifikator,
        pengajuan=pengajuan,
        items=[ItemDiminta.untuk_dokumen(ktp.pk, "Buram")],
    )
    datadukung_attach(
        actor=pemohon.user, pengajuan=pengajuan, dokumen=ktp, berkas=unggah(pemohon, 44)
    )

    def kirim_ulang() -> str:
        fresh = Pengajuan.objects.get(pk=pengajuan.pk)
        try:
            return str(pengajuan_kirim_ulang(actor=pemohon.user, pengajuan=fresh).status)
        except ValidationError as exc:
            return f"ditolak:{exc.code}"

    outcomes = run_concurrently(kirim_ulang, threads=2, timeout=60)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == ["dikirim", "ditolak:status"]
    statuses = list(
        RiwayatStatus.objects.filter(pengajuan=pengajuan).order_by("pk").values_list("status")
    )
    assert [s for (s,) in statuses] == [
        Status.DRAF,
        Status.DIKIRIM,
        Status.DIPROSES,
        Status.PERBAIKAN,
        Status.DIKIRIM,
    ]
    assert (
        Notifikasi.objects.filter(event="pengajuan_dikirim_ulang", channel="whatsapp").count() == 1
    )
    assert ItemPerbaikan.objects.filter(selesai_pada__isnull=True).count() == 0
