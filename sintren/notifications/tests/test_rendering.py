"""Message texts: built-in defaults, admins' edits, absolute links, the loader command."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.template import TemplateSyntaxError

from sintren.notifications.choices import Kanal
from sintren.notifications.defaults import DEFAULTS, EVENT_KEYS
from sintren.notifications.models import TemplatPesan
from sintren.notifications.rendering import compile_check, prepare_context, render_event
from sintren.notifications.utils import absolute_url, redact

SAMPLE = {
    "nama": "Siti Aminah",
    "status_url": "/pemohon/status/",
    "aktivasi_url": "/pemohon/aktivasi/abc/",
    "daftar_ulang_url": "/pemohon/daftar-ulang/",
    "reset_url": "/pemohon/reset/xyz/?a=1&b=2",
    "alasan": "Nama ibu belum sesuai KK",
    "kode": "123456",
    "kode_pengajuan": "AKL-202500001",
    "layanan": "Akta Kelahiran",
    "status": "Selesai",
    "catatan": "Foto KK buram",
    "pengajuan_url": "/pengajuan/AKL-202500001/",
    "berlaku_sampai": "31-12-2025",
}


def test_absolute_url_uses_site_url(settings):
    settings.SITE_URL = "https://sintren.example.go.id"
    assert absolute_url("/a/b/") == "https://sintren.example.go.id/a/b/"
    assert absolute_url("a/") == "https://sintren.example.go.id/a/"
    assert absolute_url("https://other.example/x") == "https://other.example/x"


def test_prepare_context_makes_links_absolute_and_leaves_other_values():
    ctx = prepare_context({"aktivasi_url": "/aktivasi/t/", "nama": "/bukan-link", "n": 3})
    assert ctx["aktivasi_url"] == "http://testserver/aktivasi/t/"
    assert ctx["nama"] == "/bukan-link"
    assert ctx["n"] == 3
    assert ctx["app_name"] == "SINTREN"


def test_redact_hides_recipient_with_and_without_plus():
    text = "refused +6281234567890 and 6281234567890 and a@b.id"
    assert redact(text, "+6281234567890", "a@b.id") == "refused *** and *** and ***"


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "channel"), [(d.key, d.channel) for d in DEFAULTS])
def test_every_builtin_text_renders_without_leftover_syntax(key, channel):
    TemplatPesan.objects.all().delete()  # the built-in text itself, not the seeded copy
    rendered = render_event(key, channel, prepare_context(SAMPLE))
    assert rendered is not None
    assert rendered.body
    assert not re.search(r"{[{%]|[%}]}", rendered.body + rendered.subject)
    if channel == Kanal.EMAIL:
        assert rendered.subject
    for name in ("aktivasi_url", "reset_url", "pengajuan_url", "status_url", "daftar_ulang_url"):
        if "{{ " + name in next(d.body for d in DEFAULTS if (d.key, d.channel) == (key, channel)):
            assert absolute_url(SAMPLE[name]) in rendered.body


@pytest.mark.django_db
def test_links_are_not_html_escaped():
    rendered = render_event("reset_password", Kanal.WHATSAPP, prepare_context(SAMPLE))
    assert rendered is not None
    assert "http://testserver/pemohon/reset/xyz/?a=1&b=2" in rendered.body


@pytest.mark.django_db
def test_seeded_templates_cover_the_required_events():
    keys = set(TemplatPesan.objects.values_list("key", flat=True))
    required = {
        "pendaftaran_diterima",
        "pendaftaran_disetujui",
        "pendaftaran_ditolak",
        "reset_password",
        "kode_ganti_hp",
        "nomor_hp_diganti",
    }
    assert required <= keys
    assert set(EVENT_KEYS) == keys


@pytest.mark.django_db
def test_admin_edit_wins_over_builtin_text():
    TemplatPesan.objects.filter(key="kode_ganti_hp", channel=Kanal.WHATSAPP).update(
        body="Kode Anda {{ kode }} ya"
    )
    rendered = render_event("kode_ganti_hp", Kanal.WHATSAPP, {"kode": "654321"})
    assert rendered is not None
    assert rendered.body == "Kode Anda 654321 ya"


@pytest.mark.django_db
def test_inactive_template_sends_nothing_on_that_channel():
    TemplatPesan.objects.filter(key="pendaftaran_diterima", channel=Kanal.EMAIL).update(aktif=False)
    assert render_event("pendaftaran_diterima", Kanal.EMAIL, SAMPLE) is None
    assert render_event("pendaftaran_diterima", Kanal.WHATSAPP, SAMPLE) is not None


@pytest.mark.django_db
def test_broken_admin_text_falls_back_to_builtin_text():
    TemplatPesan.objects.filter(key="kode_ganti_hp", channel=Kanal.WHATSAPP).update(
        body="Kode {% if %}"
    )
    rendered = render_event("kode_ganti_hp", Kanal.WHATSAPP, prepare_context({"kode": "111222"}))
    assert rendered is not None
    assert "*111222*" in rendered.body


@pytest.mark.django_db
def test_unknown_event_or_channel_has_no_text():
    assert render_event("tidak_ada", Kanal.WHATSAPP, {}) is None
    assert render_event("kode_ganti_hp", Kanal.EMAIL, {}) is None


def test_compile_check_rejects_bad_syntax():
    compile_check("Halo {{ nama }}")
    with pytest.raises(TemplateSyntaxError):
        compile_check("Halo {% for %}")


@pytest.mark.django_db
def test_load_command_is_idempotent_and_keeps_admin_edits():
    edited = TemplatPesan.objects.get(key="reset_password", channel=Kanal.WHATSAPP)
    edited.body = "Teks staf {{ reset_url }}"
    edited.save()
    TemplatPesan.objects.filter(key="kode_ganti_hp").delete()

    call_command("load_templat_pesan")
    call_command("load_templat_pesan")

    edited.refresh_from_db()
    assert edited.body == "Teks staf {{ reset_url }}"
    assert TemplatPesan.objects.filter(key="kode_ganti_hp").count() == 1
    assert TemplatPesan.objects.count() == len(DEFAULTS)
