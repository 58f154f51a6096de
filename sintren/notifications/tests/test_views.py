"""The development outbox page (/dev/outbox/) and its absence outside the embedded default."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.core.mail import send_mail
from django.urls import NoReverseMatch, clear_url_caches, reverse
from django.utils import timezone

from sintren.notifications.choices import Kanal, StatusNotifikasi
from sintren.notifications.models import Notifikasi
from sintren.notifications.services import notifikasi_queue

pytestmark = pytest.mark.django_db


def test_outbox_lists_newest_first_with_clickable_absolute_links(client):
    older = notifikasi_queue(
        event="kode_ganti_hp", context={"kode": "111111"}, phone="+6281111111111"
    )
    Notifikasi.objects.filter(pk=older[0].pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    notifikasi_queue(
        event="pendaftaran_disetujui",
        context={"nama": "Siti", "aktivasi_url": "/pemohon/aktivasi/tok123/"},
        phone="+6282222222222",
        email="siti@example.id",
    )

    response = client.get(reverse("dev:outbox"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kotak Keluar Pengembangan" in html
    assert "produksi" in html
    link = '<a href="http://testserver/pemohon/aktivasi/tok123/"'
    assert link in html
    # newest first: the activation messages come before the older code message
    assert html.index("+6282222222222") < html.index("+6281111111111")
    assert html.index("siti@example.id") < html.index("111111")
    assert "Aktivasi akun SINTREN" in html  # the email's subject
    assert "WhatsApp" in html
    assert "Email" in html
    assert "Menunggu" in html  # status shown
    assert "<script" not in html.split("</main>")[0].split("<main")[1]


def test_outbox_escapes_message_text(client):
    Notifikasi.objects.create(
        channel=Kanal.WHATSAPP,
        recipient="+6281234567890",
        body="<script>alert(1)</script> lihat http://testserver/x/",
        event="e",
    )
    html = client.get(reverse("dev:outbox")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert '<a href="http://testserver/x/"' in html


def test_outbox_paginates_and_survives_bad_page_numbers(client):
    Notifikasi.objects.bulk_create(
        Notifikasi(channel=Kanal.WHATSAPP, recipient="+628123", body=f"pesan nomor {n}", event="e")
        for n in range(60)
    )
    first = client.get(reverse("dev:outbox")).content.decode()
    assert "Halaman 1 dari 2" in first
    assert client.get(reverse("dev:outbox") + "?halaman=abc").status_code == 200
    assert client.get(reverse("dev:outbox") + "?halaman=999").status_code == 200


def test_direct_django_mail_lands_in_the_dev_outbox(client, settings):
    settings.EMAIL_BACKEND = "sintren.notifications.email_backend.DevOutboxEmailBackend"
    send_mail("Uji", "Isi uji http://testserver/a/", None, ["x@example.id"])
    pesan = Notifikasi.objects.get()
    assert (pesan.channel, pesan.status, pesan.delivered_via) == (
        Kanal.EMAIL,
        StatusNotifikasi.SENT,
        "dev-outbox",
    )
    assert "Isi uji" in client.get(reverse("dev:outbox")).content.decode()


def test_outbox_is_not_mounted_without_the_embedded_default(client, settings):
    import config.urls

    try:
        settings.EMBEDDED_DEFAULT = False
        importlib.reload(config.urls)
        clear_url_caches()
        assert client.get("/dev/outbox/").status_code == 404
        with pytest.raises(NoReverseMatch):
            reverse("dev:outbox")
    finally:
        settings.EMBEDDED_DEFAULT = True
        importlib.reload(config.urls)
        clear_url_caches()
    assert client.get("/dev/outbox/").status_code == 200
