"""The staff's request pages through the Django client (BO-3, X-1, X-2, MSG-1): the
queue, the detail page and its audit row, each action from the transition table, forged
actions, the files and the chat."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sintren.accounts.models import User
from sintren.backoffice.selectors_pengajuan import hari_ini
from sintren.backoffice.services_pengajuan import pengajuan_ambil
from sintren.backoffice.tests.pengajuan_setup import (
    antre,
    hari_lalu,
    layanan_akta,
    layanan_kematian,
    terkirim,
    verifikator_untuk,
)
from sintren.backoffice.tests.utils import assert_no_nik_in_urls
from sintren.catalog.models import Layanan
from sintren.chat.models import Pesan
from sintren.chat.services import pesan_kirim
from sintren.core.models import AuditEvent
from sintren.notifications.models import Notifikasi
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import ItemPerbaikan, Pengajuan
from sintren.pengajuan.tests.perbaikan_setup import berkas_root_in

Status = StatusPengajuan
pytestmark = pytest.mark.django_db
LIST = reverse("backoffice:pengajuan_list")


@pytest.fixture(autouse=True)
def berkas_root(settings: Any, tmp_path: Path) -> Path:
    return berkas_root_in(settings, tmp_path)


@pytest.fixture
def akta(db: None) -> Layanan:
    return layanan_akta()


@pytest.fixture
def kematian(db: None) -> Layanan:
    return layanan_kematian()


@pytest.fixture
def petugas(akta: Layanan) -> User:
    return verifikator_untuk(akta, username="vakta")


@pytest.fixture
def staf(client: Client, petugas: User) -> Client:
    client.force_login(petugas)
    return client


@pytest.fixture
def lain(kematian: Layanan) -> Client:
    """A client of a verifier of another service."""
    client = Client()
    client.force_login(verifikator_untuk(kematian, username="vkematian"))
    return client


@pytest.fixture
def dikirim(pemohon: Any, akta: Layanan) -> Pengajuan:
    return terkirim(pemohon, akta)


def _url(name: str, pengajuan: Pengajuan, *args: Any) -> str:
    return reverse(f"backoffice:{name}", args=[pengajuan.kode, *args])


def _status(pengajuan: Pengajuan) -> str:
    return str(Pengajuan.objects.get(pk=pengajuan.pk).status)


def _messages(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


# --- the queue ---------------------------------------------------------------------------
def test_queue_lists_overdue_first_then_by_due_date_with_the_late_badge(
    staf: Client, pemohon: Any, akta: Layanan, kematian: Layanan
) -> None:
    today = hari_ini()
    lewat = antre(pemohon, akta, dikirim=hari_lalu(9), jatuh_tempo=today - dt.timedelta(days=2))
    besok = antre(pemohon, akta, dikirim=hari_lalu(1), jatuh_tempo=today + dt.timedelta(days=1))
    lusa = antre(pemohon, akta, dikirim=hari_lalu(3), jatuh_tempo=today + dt.timedelta(days=2))
    antre(pemohon, kematian, dikirim=hari_lalu(20), jatuh_tempo=today - dt.timedelta(days=9))
    antre(
        pemohon,
        akta,
        dikirim=hari_lalu(30),
        jatuh_tempo=today - dt.timedelta(days=20),
        status=Status.SELESAI,
    )
    response = staf.get(LIST)
    assert response.status_code == 200
    assert [p.pk for p in response.context["page"]] == [lewat.pk, besok.pk, lusa.pk]
    text = response.content.decode()
    row = re.search(rf"<tr[^>]*>.*?{lewat.kode}.*?</tr>", text, re.S)
    assert row is not None
    assert "Terlambat" in row.group(0)
    assert text.count(">Terlambat<") == 1
    assert 'aria-current="page"' in text
    assert ">Pengajuan</a>" in text
    assert_no_nik_in_urls(text)


def test_queue_filters_by_service_status_age_and_mine(
    staf: Client, petugas: User, pemohon: Any, akta: Layanan
) -> None:
    today = hari_ini()
    lama = antre(pemohon, akta, dikirim=hari_lalu(10), jatuh_tempo=today)
    mine = antre(
        pemohon,
        akta,
        dikirim=hari_lalu(1),
        jatuh_tempo=today,
        status=Status.DIPROSES,
        petugas=petugas,
    )
    selesai = antre(pemohon, akta, dikirim=hari_lalu(1), jatuh_tempo=today, status=Status.SELESAI)

    def pks(query: str) -> list[int]:
        return [p.pk for p in staf.get(f"{LIST}?{query}").context["page"]]

    assert pks(f"layanan={akta.pk}") == [lama.pk, mine.pk]
    assert pks("status=selesai") == [selesai.pk]
    assert pks("menunggu=7") == [lama.pk]
    assert pks("milik_saya=on") == [mine.pk]
    # Bad input: a clear form error, the default queue, never a 500.
    response = staf.get(f"{LIST}?status=bogus&menunggu=x")
    assert response.status_code == 200
    assert response.context["filters"].errors


def test_queue_pages_with_keyset_links(
    staf: Client, pemohon: Any, akta: Layanan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sintren.backoffice.views.pengajuan.PER_PAGE", 3)
    today = hari_ini()
    rows = [
        antre(pemohon, akta, dikirim=hari_lalu(10 - n), jatuh_tempo=today + dt.timedelta(days=n))
        for n in range(5)
    ]
    first = staf.get(LIST + "?status=dikirim")
    assert [p.pk for p in first.context["page"]] == [r.pk for r in rows[:3]]
    link = re.search(r'href="\?([^"]*kursor=[^"]*)" rel="next"', first.content.decode())
    assert link is not None
    assert "status=dikirim" in link.group(1)
    second = staf.get(LIST + "?" + link.group(1).replace("&amp;", "&"))
    assert [p.pk for p in second.context["page"]] == [r.pk for r in rows[3:]]


def _queue_queries(client: Client) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_queue_costs_the_same_queries_at_two_sizes(
    staf: Client, petugas: User, pemohon: Any, akta: Layanan
) -> None:
    today = hari_ini()

    def fill(n: int) -> None:
        for i in range(n):
            queued = antre(
                pemohon,
                akta,
                dikirim=hari_lalu(i % 9),
                jatuh_tempo=today,
                status=Status.DIPROSES if i % 2 else Status.DIKIRIM,
                petugas=petugas if i % 2 else None,
            )
            if i % 3 == 0:
                pesan_kirim(actor=pemohon.user, pengajuan=queued, isi=f"Pertanyaan {i}")

    fill(3)
    _queue_queries(staf)  # the session's first page also refreshes the session row
    small = _queue_queries(staf)
    fill(57)
    large = _queue_queries(staf)
    assert len(small) == len(large), "\n".join(large)
    assert len(large) <= 6
    assert not any("OFFSET" in sql.upper() for sql in large)


def test_queue_shows_unread_applicant_messages(
    staf: Client, pemohon: Any, dikirim: Pengajuan
) -> None:
    pesan_kirim(actor=pemohon.user, pengajuan=dikirim, isi="Kapan selesai?")
    pesan_kirim(actor=pemohon.user, pengajuan=dikirim, isi="Terima kasih.")
    assert "2 pesan baru" in staf.get(LIST).content.decode()
    staf.get(_url("pengajuan_detail", dikirim))  # opening the chat reads them
    assert "pesan baru" not in staf.get(LIST).content.decode()


# --- access -------------------------------------------------------------------------------
def test_verifier_of_another_service_gets_404_everywhere(lain: Client, dikirim: Pengajuan) -> None:
    link = dikirim.data_dukung.first()
    assert link is not None
    assert lain.get(_url("pengajuan_detail", dikirim)).status_code == 404
    assert lain.get(_url("pengajuan_berkas", dikirim, link.pk)).status_code == 404
    assert lain.get(_url("pengajuan_berkas_thumb", dikirim, link.pk)).status_code == 404
    for name in ("pengajuan_ambil", "pengajuan_aksi", "pengajuan_perbaikan", "pengajuan_chat"):
        assert lain.post(_url(name, dikirim), {"status": "diproses"}).status_code == 404
    assert _status(dikirim) == Status.DIKIRIM
    assert dikirim.kode not in lain.get(LIST).content.decode()


def test_applicant_is_sent_to_the_staff_login(
    client: Client, pemohon: Any, dikirim: Pengajuan
) -> None:
    client.force_login(pemohon.user)
    for url in (LIST, _url("pengajuan_detail", dikirim)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("backoffice:login"))
    response = client.post(_url("pengajuan_ambil", dikirim))
    assert response.status_code == 302
    assert _status(dikirim) == Status.DIKIRIM


# --- the detail page ----------------------------------------------------------------------
def test_detail_shows_everything_and_each_view_is_audited(staf: Client, dikirim: Pengajuan) -> None:
    response = staf.get(_url("pengajuan_detail", dikirim))
    assert response.status_code == 200
    text = response.content.decode()
    for expected in (
        dikirim.kode,
        dikirim.subjek_nama,
        "Bayi Ny. Sari",
        "KTP Ayah",
        "Surat Keterangan Lahir",
        "Lama Menunggu",
        "Jatuh Tempo",
        "Riwayat Status",
        "Pengajuan Dikirim",
        "js/penampil.js",
    ):
        assert expected in text, expected
    assert dikirim.jatuh_tempo is not None
    assert dikirim.jatuh_tempo.strftime("%d-%m-%Y") in text
    # Only the table's actions from "Pengajuan Dikirim": taking it (Diproses).
    assert ">Diproses</button>" in text
    assert "Ditolak</button>" not in text
    assert "Kirim Permintaan Perbaikan" not in text
    staf.get(_url("pengajuan_detail", dikirim))
    views = AuditEvent.objects.filter(action="pengajuan.lihat", target_id=str(dikirim.pk))
    assert views.count() == 2
    assert all(dikirim.subjek_nama not in str(e.details) for e in views)


def test_files_are_served_with_sec4_headers_and_every_view_is_audited(
    staf: Client, dikirim: Pengajuan
) -> None:
    link = dikirim.data_dukung.first()
    assert link is not None
    response = staf.get(_url("pengajuan_berkas", dikirim, link.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.content[:2] == b"\xff\xd8"
    staf.get(_url("pengajuan_berkas", dikirim, link.pk))
    assert AuditEvent.objects.filter(action="berkas.lihat").count() == 2
    thumb = staf.get(_url("pengajuan_berkas_thumb", dikirim, link.pk))
    assert thumb.status_code == 200
    assert len(thumb.content) < len(response.content)
    # A link of another request is not found through this one.
    assert staf.get(_url("pengajuan_berkas", dikirim, link.pk + 999)).status_code == 404


# --- actions ------------------------------------------------------------------------------
def test_diproses_takes_the_request(staf: Client, petugas: User, dikirim: Pengajuan) -> None:
    response = staf.post(_url("pengajuan_aksi", dikirim), {"status": "diproses"}, follow=True)
    assert "sekarang Anda tangani" in _messages(response)
    fresh = Pengajuan.objects.get(pk=dikirim.pk)
    assert (fresh.status, fresh.petugas) == (Status.DIPROSES, petugas)
    text = response.content.decode()
    assert "Kirim Permintaan Perbaikan" in text
    assert ">Ditolak</button>" in text
    assert "Selesai</button>" in text
    assert "Dokumen Siap Diambil</button>" in text
    # Sudah Terbit TTE is issued on the issued-documents page: a link to it.
    keluaran = reverse("backoffice:keluaran", kwargs={"kode": dikirim.kode})
    assert f'href="{keluaran}"' in text


def test_forged_actions_outside_the_table_are_refused(
    staf: Client, petugas: User, dikirim: Pengajuan
) -> None:
    for forged in ("selesai", "ditolak", "terbit", "draf", "bogus"):
        response = staf.post(
            _url("pengajuan_aksi", dikirim), {"status": forged, "catatan": "x"}, follow=True
        )
        assert "tidak tersedia" in _messages(response)
        assert _status(dikirim) == Status.DIKIRIM
    response = staf.post(_url("pengajuan_perbaikan", dikirim), {}, follow=True)
    assert "tidak tersedia" in _messages(response)
    pengajuan_ambil(actor=petugas, pengajuan=dikirim)
    # "Sudah Terbit TTE" is in the table but is issued with the documents, not here.
    response = staf.post(_url("pengajuan_aksi", dikirim), {"status": "terbit"}, follow=True)
    assert _status(dikirim) == Status.DIPROSES
    assert "Gunakan formulir" in _messages(response)


def test_a_verifier_not_holding_the_request_cannot_decide(
    client: Client, akta: Layanan, petugas: User, dikirim: Pengajuan
) -> None:
    pengajuan_ambil(actor=petugas, pengajuan=dikirim)
    client.force_login(verifikator_untuk(akta, username="vakta2"))
    page = client.get(_url("pengajuan_detail", dikirim)).content.decode()
    assert "ditangani petugas lain" in page
    assert "Selesai</button>" not in page
    response = client.post(_url("pengajuan_aksi", dikirim), {"status": "selesai"}, follow=True)
    assert "sedang ditangani" in _messages(response)
    assert _status(dikirim) == Status.DIPROSES


def test_rejection_needs_a_reason_then_tells_the_applicant(
    staf: Client, petugas: User, dikirim: Pengajuan
) -> None:
    pengajuan_ambil(actor=petugas, pengajuan=dikirim)
    response = staf.post(_url("pengajuan_aksi", dikirim), {"status": "ditolak", "catatan": " "})
    assert response.status_code == 400
    assert "Alasan penolakan wajib diisi." in response.content.decode()
    assert _status(dikirim) == Status.DIPROSES
    staf.post(
        _url("pengajuan_aksi", dikirim),
        {"status": "ditolak", "catatan": "Data kelahiran tidak sesuai surat lahir."},
    )
    assert _status(dikirim) == Status.DITOLAK
    assert Notifikasi.objects.filter(
        event="pengajuan_status", body__contains="tidak sesuai surat lahir"
    ).exists()


def test_ready_for_pickup_then_finished(staf: Client, petugas: User, dikirim: Pengajuan) -> None:
    pengajuan_ambil(actor=petugas, pengajuan=dikirim)
    staf.post(_url("pengajuan_aksi", dikirim), {"status": "siap_diambil"})
    assert _status(dikirim) == Status.SIAP_DIAMBIL
    page = staf.get(_url("pengajuan_detail", dikirim)).content.decode()
    assert "Selesai</button>" in page
    assert "Ditolak</button>" not in page
    staf.post(_url("pengajuan_aksi", dikirim), {"status": "selesai"})
    assert _status(dikirim) == Status.SELESAI
    page = staf.get(_url("pengajuan_detail", dikirim)).content.decode()
    assert "tidak ada tindakan petugas yang menunggu" in page


def test_correction_marks_one_document_with_its_note(
    staf: Client, petugas: User, akta: Layanan, dikirim: Pengajuan
) -> None:
    pengajuan_ambil(actor=petugas, pengajuan=dikirim)
    ktp = akta.dokumen.get(nama="KTP Ayah")
    url = _url("pengajuan_perbaikan", dikirim)
    # Marked without a note: refused, nothing changed.
    response = staf.post(url, {f"tandai_dokumen_{ktp.pk}": "on"})
    assert response.status_code == 400
    assert "Catatan untuk KTP Ayah wajib diisi." in response.content.decode()
    # Nothing marked: refused.
    response = staf.post(url, {"catatan": "Periksa lagi"})
    assert "Tandai sedikitnya satu" in response.content.decode()
    assert _status(dikirim) == Status.DIPROSES
    staf.post(url, {f"tandai_dokumen_{ktp.pk}": "on", f"catatan_dokumen_{ktp.pk}": "Foto buram."})
    assert _status(dikirim) == Status.PERBAIKAN
    item = ItemPerbaikan.objects.get(pengajuan=dikirim)
    assert (item.dokumen_id, item.catatan) == (ktp.pk, "Foto buram.")
    assert Notifikasi.objects.filter(event="pengajuan_perbaikan").exists()


def test_correction_form_lists_documents_and_fields_but_not_account_fields(
    staf: Client, petugas: User, dikirim: Pengajuan
) -> None:
    pengajuan_ambil(actor=petugas, pengajuan=dikirim)
    page = staf.get(_url("pengajuan_detail", dikirim)).content.decode()
    for name in ("tandai_data_subjek_nama", "tandai_data_detail", "tandai_data_tambahan_nama_bayi"):
        assert f'name="{name}"' in page
    assert 'name="tandai_data_nomor_hp"' not in page  # personal mode: follows the account


# --- chat ---------------------------------------------------------------------------------
def test_staff_reply_and_polling(staf: Client, pemohon: Any, dikirim: Pengajuan) -> None:
    staf.post(_url("pengajuan_chat", dikirim), {"isi": "Dokumen sedang kami periksa."})
    pesan = Pesan.objects.get(pengajuan=dikirim)
    assert pesan.dari_petugas
    assert Notifikasi.objects.filter(event="chat_balasan").exists()
    poll = _url("pengajuan_chat_daftar", dikirim)
    htmx = {"HX-Request": "true"}
    assert staf.get(poll, {"terakhir": pesan.pk}, headers=htmx).status_code == 204
    baru = pesan_kirim(actor=pemohon.user, pengajuan=dikirim, isi="Baik, terima kasih.")
    response = staf.get(poll, {"terakhir": pesan.pk}, headers=htmx)
    assert response.status_code == 200
    assert "Baik, terima kasih." in response.content.decode()
    baru.refresh_from_db()
    assert baru.dibaca_petugas_pada is not None
    # Empty message: a clear refusal, nothing stored.
    response = staf.post(_url("pengajuan_chat", dikirim), {"isi": "  "}, follow=True)
    assert "tidak boleh kosong" in _messages(response)
    assert Pesan.objects.filter(pengajuan=dikirim).count() == 2


def test_poll_after_logout_stops_quietly(client: Client, dikirim: Pengajuan) -> None:
    response = client.get(_url("pengajuan_chat_daftar", dikirim), HTTP_HX_REQUEST="true")
    assert response.status_code == 286


# --- the applicant's side of X-1 ------------------------------------------------------------
def test_applicant_sees_waiting_time_and_expected_date(
    client: Client, pemohon: Any, dikirim: Pengajuan
) -> None:
    client.force_login(pemohon.user)
    page = client.get(reverse("pengajuan:detail", args=[dikirim.kode])).content.decode()
    assert "Lama Menunggu" in page
    assert "sejak dikirim" in page
    assert 'id="perkiraan-selesai"' in page
