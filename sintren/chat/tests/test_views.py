"""MSG-1 pages: the panel on the detail page, sending without JavaScript, the polled
list, closed requests, access (another applicant: 404 everywhere), escaping."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sintren.chat.models import Pesan
from sintren.chat.services import pesan_kirim
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def masuk(client: Client, pemohon: Any) -> Client:
    client.force_login(pemohon.user)
    return client


@pytest.fixture
def terkirim(pemohon):
    return PengajuanFactory.create(pemohon=pemohon, dikirim=True)


def _detail(client: Client, kode: str) -> str:
    response = client.get(reverse("pengajuan:detail", args=[kode]))
    assert response.status_code == 200
    return response.content.decode()


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_panel_on_the_detail_page(masuk, terkirim):
    html = _detail(masuk, terkirim.kode)
    assert 'id="chat"' in html
    assert "Tulis pesan" in html
    assert ">Kirim</button>" in html
    assert f'hx-get="{reverse("chat:daftar", args=[terkirim.kode])}"' in html
    assert 'hx-trigger="every 10s"' in html
    assert 'hx-include="#chat-terakhir"' in html
    assert "js/htmx.min.js" in html
    assert f'action="{reverse("chat:panel", args=[terkirim.kode])}"' in html


def test_applicant_sends_without_javascript(masuk, pemohon, terkirim):
    url = reverse("chat:panel", args=[terkirim.kode])
    response = masuk.post(url, {"isi": "Apakah berkas saya lengkap?"}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/pemohon/pengajuan/{terkirim.kode}/#chat")
    assert "Pesan terkirim." in _messages(response)
    pesan = Pesan.objects.get()
    assert (pesan.pengirim, pesan.dari_petugas) == (pemohon.user, False)
    html = response.content.decode()
    assert "Apakah berkas saya lengkap?" in html
    assert "Anda" in html


def test_staff_reply_shows_labelled_and_is_marked_read(masuk, verifikator, terkirim):
    pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="Mohon unggah KK terbaru.")
    html = _detail(masuk, terkirim.kode)
    assert "Petugas" in html
    assert "Mohon unggah KK terbaru." in html
    assert ">Baru</span>" in html
    assert Pesan.objects.get().dibaca_pemohon_pada is not None
    assert ">Baru</span>" not in _detail(masuk, terkirim.kode)


def test_polling_partial_returns_the_new_message(masuk, pemohon, verifikator, terkirim):
    url = reverse("chat:daftar", args=[terkirim.kode])
    assert "Belum ada pesan." in masuk.get(url, HTTP_HX_REQUEST="true").content.decode()
    pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi="Pertama")
    pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="Balasan baru dari petugas")
    response = masuk.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Pertama") < html.index("Balasan baru dari petugas")  # oldest first
    assert "<html" not in html
    assert "Tulis pesan" not in html
    assert not Pesan.objects.filter(dari_petugas=True, dibaca_pemohon_pada__isnull=True).exists()


def test_polling_stops_when_the_session_ended(client, terkirim):
    url = reverse("chat:daftar", args=[terkirim.kode])
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 286
    assert client.get(url).status_code == 302  # a normal visit: the login page


@pytest.mark.parametrize("trait", ["selesai", "ditolak"])
def test_closed_request_is_read_only(masuk, pemohon, verifikator, trait):
    tutup = PengajuanFactory.create(pemohon=pemohon, diproses=True)
    pesan_kirim(actor=verifikator, pengajuan=tutup, isi="Riwayat lama")
    tutup.status = trait
    tutup.save(update_fields=["status"])
    response = masuk.post(reverse("chat:panel", args=[tutup.kode]), {"isi": "Halo?"}, follow=True)
    assert any("hanya dapat dibaca" in m for m in _messages(response))
    assert Pesan.objects.count() == 1
    html = response.content.decode()
    assert "Riwayat lama" in html
    assert "Riwayat chat hanya dapat dibaca" in html
    assert "Tulis pesan" not in html
    assert "hx-trigger" not in html
    daftar = masuk.get(reverse("chat:daftar", args=[tutup.kode]), HTTP_HX_REQUEST="true")
    assert daftar.status_code == 286  # nothing new can come: polling stops


def test_draft_shows_no_form(masuk, pemohon):
    draf = PengajuanFactory.create(pemohon=pemohon)
    html = _detail(masuk, draf.kode)
    assert "setelah pengajuan dikirim" in html
    assert "Tulis pesan" not in html
    masuk.post(reverse("chat:panel", args=[draf.kode]), {"isi": "Halo"})
    assert not Pesan.objects.exists()


def test_empty_message_is_refused(masuk, terkirim):
    response = masuk.post(reverse("chat:panel", args=[terkirim.kode]), {"isi": "   "}, follow=True)
    assert "Pesan tidak boleh kosong." in _messages(response)
    assert not Pesan.objects.exists()


def test_get_of_the_chat_url_leads_to_the_panel(masuk, terkirim):
    response = masuk.get(reverse("chat:panel", args=[terkirim.kode]))
    assert response.status_code == 302
    assert response["Location"] == f"/pemohon/pengajuan/{terkirim.kode}/#chat"


def test_another_applicant_gets_404_everywhere(client, pemohon, pemohon_lain, verifikator):
    milik_a = PengajuanFactory.create(pemohon=pemohon, dikirim=True)
    pesan_kirim(actor=verifikator, pengajuan=milik_a, isi="Rahasia A")
    client.force_login(pemohon_lain.user)
    panel = reverse("chat:panel", args=[milik_a.kode])
    daftar = reverse("chat:daftar", args=[milik_a.kode])
    assert client.get(panel).status_code == 404
    assert client.get(daftar).status_code == 404
    assert client.get(daftar, HTTP_HX_REQUEST="true").status_code == 404
    assert client.post(panel, {"isi": "Menyusup"}).status_code == 404
    assert Pesan.objects.count() == 1
    assert Pesan.objects.get().dibaca_pemohon_pada is None  # nothing marked read either


def test_staff_login_gets_404(verifikator_client, terkirim):
    for name in ("panel", "daftar"):
        assert (
            verifikator_client.get(reverse(f"chat:{name}", args=[terkirim.kode])).status_code == 404
        )


def test_html_in_a_message_is_escaped(masuk, pemohon, verifikator, terkirim):
    jahat = '<script>alert("x")</script><b>tebal</b>'
    pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi=jahat)
    pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="<img src=x onerror=alert(1)>")
    for html in (
        _detail(masuk, terkirim.kode),
        masuk.get(reverse("chat:daftar", args=[terkirim.kode])).content.decode(),
    ):
        assert "<script>alert" not in html
        assert "<b>tebal</b>" not in html
        assert "&lt;script&gt;" in html
        assert "<img src=x" not in html
        assert "&lt;img src=x" in html


def test_poll_without_news_swaps_nothing(masuk, pemohon, verifikator, terkirim):
    url = reverse("chat:daftar", args=[terkirim.kode])
    pertama = pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi="Pertama")
    assert f'name="terakhir" value="{pertama.pk}"' in _detail(masuk, terkirim.kode)
    tetap = masuk.get(url, {"terakhir": pertama.pk}, HTTP_HX_REQUEST="true")
    assert tetap.status_code == 204
    assert tetap.content == b""
    balasan = pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="Ada kabar")
    baru = masuk.get(url, {"terakhir": pertama.pk}, HTTP_HX_REQUEST="true")
    assert baru.status_code == 200
    assert "Ada kabar" in baru.content.decode()
    assert f'value="{balasan.pk}"' in baru.content.decode()
