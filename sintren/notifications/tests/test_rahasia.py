"""Links and codes passed as ``secrets`` never reach the stored text or a staff page.

The stored ``subject``/``body`` carry a placeholder; the channel (the WhatsApp stub
gateway, the SMTP server on loopback, the development outbox) gets the real text; the
value is wiped once it is no longer needed.
"""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin as django_admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sintren.notifications import channels, delivery
from sintren.notifications.choices import Kanal, StatusNotifikasi
from sintren.notifications.models import KotakDev, Notifikasi, TemplatPesan
from sintren.notifications.rahasia import prepare_secrets, reveal
from sintren.notifications.services import (
    RAHASIA_MAX_AGE,
    notifikasi_queue,
    notifikasi_rahasia_purge,
    notifikasi_resend,
)
from sintren.notifications.tasks import deliver_pesan

pytestmark = pytest.mark.django_db

PHONE = "+6281234567890"
EMAIL = "siti@example.id"
TOKEN = "Zq7tOkEnRahasia-0123456789abcdef"
AKTIVASI = f"/pemohon/aktivasi/{TOKEN}/"
AKTIVASI_ABS = f"http://testserver{AKTIVASI}"
RESET = f"/pemohon/reset/{TOKEN}/"
RESET_ABS = f"http://testserver{RESET}"
KODE = "482913"


def _activation(**recipients: str) -> list[Notifikasi]:
    recipients = recipients or {"phone": PHONE, "email": EMAIL}
    return notifikasi_queue(
        event="pendaftaran_disetujui",
        context={"nama": "Siti", "berlaku_hari": 7},
        secrets={"aktivasi_url": AKTIVASI, "link": AKTIVASI},
        **recipients,
    )


def _code() -> Notifikasi:
    return notifikasi_queue(
        event="kode_ganti_hp",
        context={"nama": "Siti", "berlaku_menit": 10},
        secrets={"kode": KODE},
        phone=PHONE,
    )[0]


def _stored(pesan: Notifikasi) -> Notifikasi:
    return Notifikasi.objects.get(pk=pesan.pk)


def _no_secret_stored() -> None:
    """No subject or body in the outbox holds the token or the code."""
    for field in ("subject", "body"):
        assert not Notifikasi.objects.filter(**{f"{field}__contains": TOKEN}).exists()
        assert not Notifikasi.objects.filter(**{f"{field}__contains": KODE}).exists()


# --- Stored text -----------------------------------------------------------------------
def test_activation_link_is_stored_as_a_placeholder_and_kept_apart():
    rows = _activation()
    assert [p.channel for p in rows] == [Kanal.WHATSAPP, Kanal.EMAIL]
    _no_secret_stored()
    for pesan in rows:
        stored = _stored(pesan)
        assert "[tautan rahasia]" in stored.body
        assert stored.rahasia == {"[tautan rahasia]": AKTIVASI_ABS}
        assert stored.berisi_rahasia
    assert _stored(rows[1]).subject == "Aktivasi akun SINTREN"


def test_code_is_stored_as_a_placeholder():
    stored = _stored(_code())
    assert "*[kode rahasia]*" in stored.body
    assert stored.rahasia == {"[kode rahasia]": KODE}
    _no_secret_stored()


def test_secret_in_the_subject_and_passed_again_as_context_is_hidden_too():
    TemplatPesan.objects.filter(key="reset_password", channel=Kanal.EMAIL).update(
        subject="Reset {{ kode_tiket }}", body="Buka {{ reset_url }} atau {{ link }}"
    )
    pesan = notifikasi_queue(
        event="reset_password",
        context={"nama": "Siti", "link": RESET},  # the same link by mistake as context
        secrets={"reset_url": RESET, "kode_tiket": "TIKET-998877"},
        email=EMAIL,
    )[0]
    stored = _stored(pesan)
    assert stored.subject == "Reset [kode rahasia]"
    assert stored.body == "Buka [tautan rahasia] atau [tautan rahasia]"
    _no_secret_stored()
    assert delivery.compose(stored).body == f"Buka {RESET_ABS} atau {RESET_ABS}"
    assert delivery.compose(stored).subject == "Reset TIKET-998877"


def test_placeholders_are_numbered_per_kind_and_reveal_restores_the_text():
    hidden = prepare_secrets({"a_url": "/a/", "b_url": "/b/", "kode": "1", "pin": "2", "x": ""})
    assert hidden.context == {
        "a_url": "[tautan rahasia]",
        "b_url": "[tautan rahasia 2]",
        "kode": "[kode rahasia]",
        "pin": "[kode rahasia 2]",
        "x": "",
    }
    text = "[tautan rahasia] [tautan rahasia 2] [kode rahasia] [kode rahasia 2]"
    assert reveal(text, hidden.values) == "http://testserver/a/ http://testserver/b/ 1 2"


# --- Delivery ----------------------------------------------------------------------------
def test_whatsapp_gateway_gets_the_real_link_then_the_secret_is_wiped(wa_gateway):
    pesan = _activation(phone=PHONE)[0]
    assert deliver_pesan.call(pesan.pk) == "sent"
    assert len(wa_gateway.requests) == 1
    assert AKTIVASI_ABS in wa_gateway.requests[0].body["text"]["body"]
    assert "[tautan rahasia]" not in wa_gateway.requests[0].body["text"]["body"]
    stored = _stored(pesan)
    assert stored.status == StatusNotifikasi.SENT
    assert stored.rahasia == {}
    assert "[tautan rahasia]" in stored.body
    _no_secret_stored()


def test_email_reset_link_reaches_smtp_then_the_secret_is_wiped(smtp_server):
    pesan = notifikasi_queue(
        event="reset_password",
        context={"nama": "Siti", "berlaku_jam": 2},
        secrets={"reset_url": RESET},
        email=EMAIL,
    )[0]
    _no_secret_stored()
    assert deliver_pesan.call(pesan.pk) == "sent"
    message = message_from_bytes(smtp_server.messages[0].original_content)
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert RESET_ABS in payload.decode()
    assert _stored(pesan).rahasia == {}


def test_code_reaches_the_gateway_then_the_secret_is_wiped(wa_gateway):
    pesan = _code()
    assert deliver_pesan.call(pesan.pk) == "sent"
    assert f"*{KODE}*" in wa_gateway.requests[0].body["text"]["body"]
    assert _stored(pesan).rahasia == {}
    _no_secret_stored()


def test_a_retry_keeps_the_secret_until_the_message_is_sent(wa_gateway):
    pesan = _activation(phone=PHONE)[0]
    wa_gateway.stop()
    assert delivery.deliver(pesan.pk).status == "retry"
    assert _stored(pesan).rahasia == {"[tautan rahasia]": AKTIVASI_ABS}
    wa_gateway.start()
    Notifikasi.objects.filter(pk=pesan.pk).update(next_attempt_at=timezone.now())
    assert delivery.deliver(pesan.pk).status == "sent"
    assert AKTIVASI_ABS in wa_gateway.requests[0].body["text"]["body"]
    assert _stored(pesan).rahasia == {}


def test_a_rejected_number_wipes_the_secret_and_is_not_resent(wa_gateway):
    wa_gateway.mode = "reject"
    pesan = _activation(phone=PHONE)[0]
    assert delivery.deliver(pesan.pk).status == "failed"
    assert _stored(pesan).rahasia == {}
    assert notifikasi_resend(pesan_ids=[pesan.pk]) == 0
    assert _stored(pesan).status == StatusNotifikasi.FAILED


def test_out_of_attempts_keeps_the_secret_for_a_resend(wa_gateway):
    wa_gateway.mode = "error"
    pesan = _activation(phone=PHONE)[0]
    Notifikasi.objects.filter(pk=pesan.pk).update(attempts=delivery.MAX_ATTEMPTS - 1)
    assert delivery.deliver(pesan.pk).status == "failed"
    assert _stored(pesan).rahasia == {"[tautan rahasia]": AKTIVASI_ABS}

    wa_gateway.mode = "ok"
    assert notifikasi_resend(pesan_ids=[pesan.pk]) == 1
    assert delivery.deliver(pesan.pk).status == "sent"
    assert AKTIVASI_ABS in wa_gateway.requests[0].body["text"]["body"]
    assert _stored(pesan).rahasia == {}


def test_purge_wipes_old_secrets_only_and_a_purged_message_is_never_sent(wa_gateway):
    old, new = _activation(phone=PHONE)[0], _activation(phone="+6289876543210")[0]
    plain = notifikasi_queue(event="pendaftaran_ditolak", context={"alasan": "x"}, phone=PHONE)[0]
    long_ago = timezone.now() - RAHASIA_MAX_AGE - timedelta(minutes=1)
    Notifikasi.objects.filter(pk__in=[old.pk, plain.pk]).update(
        created_at=long_ago, status=StatusNotifikasi.FAILED
    )

    assert notifikasi_rahasia_purge() == 1
    assert notifikasi_rahasia_purge() == 0
    assert _stored(old).rahasia == {}
    assert _stored(new).rahasia == {"[tautan rahasia]": AKTIVASI_ABS}

    assert notifikasi_resend(pesan_ids=[old.pk, plain.pk]) == 1  # only the one without secret
    Notifikasi.objects.filter(pk=old.pk).update(status=StatusNotifikasi.PENDING)  # e.g. a stale row
    assert delivery.deliver(old.pk).status == "failed"
    assert _stored(old).last_error == delivery.RAHASIA_GONE
    assert wa_gateway.requests == []


class LeakyChannel:
    """A gateway whose error message quotes the text it was given."""

    def send(self, pesan: Notifikasi) -> channels.Receipt:
        raise channels.DeliveryError(f"rejected text: {pesan.body}")


def test_error_texts_never_hold_the_secret(settings):
    settings.NOTIFICATION_CHANNELS = {
        "whatsapp": "sintren.notifications.tests.test_rahasia.LeakyChannel"
    }
    pesan = _activation(phone=PHONE)[0]
    assert delivery.deliver(pesan.pk).status == "retry"
    stored = _stored(pesan)
    assert stored.last_error.startswith("rejected text:")
    assert TOKEN not in stored.last_error


# --- Staff pages -------------------------------------------------------------------------
def test_admin_change_page_and_changelist_show_no_secret(admin_client_otp: Client):
    pesan = _activation(phone=PHONE)[0]  # still waiting: the secret is in the row
    change = admin_client_otp.get(reverse("admin:notifications_notifikasi_change", args=[pesan.pk]))
    assert change.status_code == 200
    html = change.content.decode()
    assert "[tautan rahasia]" in html
    assert TOKEN not in html
    assert "field-rahasia" not in html
    changelist = admin_client_otp.get(
        reverse("admin:notifications_notifikasi_changelist"), {"q": PHONE}
    )
    assert changelist.status_code == 200
    assert "pendaftaran_disetujui" in changelist.content.decode()
    assert TOKEN not in changelist.content.decode()


def test_admin_cannot_change_or_see_the_secret_through_the_form(admin_client_otp: Client):
    pesan = _activation(phone=PHONE)[0]
    url = reverse("admin:notifications_notifikasi_change", args=[pesan.pk])
    response = admin_client_otp.post(url, {"rahasia": '{"[tautan rahasia]": "http://x/"}'})
    assert response.status_code == 403
    assert _stored(pesan).rahasia == {"[tautan rahasia]": AKTIVASI_ABS}


def test_dev_inbox_is_not_in_the_admin():
    assert KotakDev not in django_admin.site._registry
    assert apps.get_model("notifications", "KotakDev") is KotakDev


def test_backoffice_message_list_shows_no_secret(verifikator_client: Client, settings):
    settings.NOTIFICATION_CHANNELS = {
        "whatsapp": "sintren.notifications.tests.test_rahasia.LeakyChannel"
    }
    pesan = _activation(phone=PHONE)[0]
    delivery.deliver(pesan.pk)  # leaves a last_error quoting the text
    response = verifikator_client.get(reverse("backoffice:pesan_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pendaftaran disetujui (link aktivasi)" in html
    assert "rejected text" in html
    assert TOKEN not in html


# --- The development outbox (the citizen's phone) -------------------------------------
def test_dev_outbox_shows_the_real_link_of_a_waiting_message(client):
    _activation()
    html = client.get(reverse("dev:outbox")).content.decode()
    assert f'<a href="{AKTIVASI_ABS}"' in html
    assert "[tautan rahasia]" not in html
    assert "Menunggu" in html


def test_dev_channel_keeps_the_delivered_text_for_the_dev_outbox(client, settings):
    settings.NOTIFICATION_BACKEND = "dev"
    rows = _activation()
    code = _code()
    for pesan in [*rows, code]:
        assert deliver_pesan.call(pesan.pk) == "sent"
        assert _stored(pesan).rahasia == {}
    _no_secret_stored()
    kotak = KotakDev.objects.get(pesan=rows[1])
    assert AKTIVASI_ABS in kotak.body
    assert kotak.subject == "Aktivasi akun SINTREN"

    html = client.get(reverse("dev:outbox")).content.decode()
    assert html.count(f'<a href="{AKTIVASI_ABS}"') == 2
    assert f"*{KODE}*" in html
    assert "[tautan rahasia]" not in html
    assert "[kode rahasia]" not in html
    assert "Terkirim" in html
    assert "Aktivasi akun SINTREN" in html


# --- Rows written before secrets were kept apart ------------------------------------------
def test_migration_moves_old_secrets_out_of_the_text(settings):
    import importlib

    migration = importlib.import_module("sintren.notifications.migrations.0004_rahasia_pesan_lama")
    settings.NOTIFICATION_BACKEND = "dev"
    body = f"Aktifkan: {AKTIVASI_ABS}\nLink: {AKTIVASI_ABS}"
    waiting = Notifikasi.objects.create(
        channel=Kanal.WHATSAPP, recipient=PHONE, body=body, event="pendaftaran_disetujui"
    )
    sent = Notifikasi.objects.create(
        channel=Kanal.WHATSAPP,
        recipient=PHONE,
        body=f"Kode *{KODE}* ya",
        event="kode_ganti_hp",
        status=StatusNotifikasi.SENT,
    )
    other = Notifikasi.objects.create(
        channel=Kanal.WHATSAPP, recipient=PHONE, body="Nomor 123456", event="pengajuan_status"
    )

    class RenamedApps:
        """The app registry as 0004 saw it: the outbox model was still called ``Pesan``."""

        @staticmethod
        def get_model(app_label: str, name: str) -> Any:
            return apps.get_model(app_label, "Notifikasi" if name == "Pesan" else name)

    migration.forwards(RenamedApps, None)

    waiting.refresh_from_db()
    assert waiting.body == "Aktifkan: [tautan rahasia]\nLink: [tautan rahasia]"
    assert waiting.rahasia == {"[tautan rahasia]": AKTIVASI_ABS}
    assert delivery.compose(waiting).body == body
    sent.refresh_from_db()
    assert (sent.body, sent.rahasia, sent.berisi_rahasia) == ("Kode *[kode rahasia]* ya", {}, True)
    assert KotakDev.objects.get(pesan=sent).body == f"Kode *{KODE}* ya"
    other.refresh_from_db()
    assert other.body == "Nomor 123456"
    _no_secret_stored()


# --- End to end through the account services --------------------------------------------
_AKTIVASI_RE = re.compile(r"/pemohon/aktivasi/([A-Za-z0-9_-]+)/")
_RESET_RE = re.compile(r"/pemohon/reset/([^\s/]+)/")


def test_approval_stores_no_activation_token_and_delivers_a_working_link(wa_gateway):
    from sintren.accounts.services import aktivasi_token_find, pendaftaran_approve
    from sintren.accounts.tests.factories import PemohonFactory, StaffFactory

    pemohon = PemohonFactory.create()
    pendaftaran_approve(pemohon=pemohon, actor=StaffFactory.create())
    rows = list(Notifikasi.objects.filter(user=pemohon.user, event="pendaftaran_disetujui"))
    assert rows
    for pesan in rows:
        assert not _AKTIVASI_RE.search(pesan.subject + pesan.body)
        assert "[tautan rahasia]" in pesan.body
    wa = next(p for p in rows if p.channel == Kanal.WHATSAPP)
    assert deliver_pesan.call(wa.pk) == "sent"
    match = _AKTIVASI_RE.search(wa_gateway.requests[0].body["text"]["body"])
    assert match is not None
    assert aktivasi_token_find(match[1]) is not None
    assert _stored(wa).rahasia == {}


def test_password_reset_request_stores_no_reset_link(wa_gateway):
    from sintren.accounts.services_akun import password_reset_request
    from sintren.accounts.tests.factories import PemohonFactory

    pemohon = PemohonFactory.create(aktif=True)
    assert password_reset_request(
        nik=pemohon.nik, nama_lengkap=pemohon.nama_lengkap, nomor_hp=pemohon.nomor_hp
    )
    pesan = Notifikasi.objects.get(user=pemohon.user, event="reset_password")
    assert not _RESET_RE.search(pesan.body)
    assert deliver_pesan.call(pesan.pk) == "sent"
    assert _RESET_RE.search(wa_gateway.requests[0].body["text"]["body"])


def test_phone_change_code_is_not_stored(wa_gateway):
    from sintren.accounts.services_akun import nomor_hp_kode_kirim
    from sintren.accounts.tests.factories import PemohonFactory

    pemohon = PemohonFactory.create(aktif=True)
    nomor_hp_kode_kirim(user=pemohon.user, nomor_hp_baru="+6281299990000")
    pesan = Notifikasi.objects.get(user=pemohon.user, event="kode_ganti_hp")
    assert not re.search(r"\*\d{6}\*", pesan.body)
    assert deliver_pesan.call(pesan.pk) == "sent"
    assert re.search(r"\*\d{6}\*", wa_gateway.requests[0].body["text"]["body"])
