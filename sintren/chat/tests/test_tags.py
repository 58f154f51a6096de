"""The list page's unread badge: one query for the whole page."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from sintren.chat.services import pesan_kirim
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    "{% load chat_tags %}{% for item in rows %}[{{ item.kode }}:"
    "{% chat_belum_dibaca item rows %}]{% endfor %}"
)


def test_unread_badge_per_row_in_one_query(pemohon, verifikator, django_assert_num_queries):
    rows = [PengajuanFactory.create(pemohon=pemohon, dikirim=True) for _ in range(3)]
    pesan_kirim(actor=verifikator, pengajuan=rows[0], isi="Satu")
    pesan_kirim(actor=verifikator, pengajuan=rows[0], isi="Dua")
    pesan_kirim(actor=verifikator, pengajuan=rows[2], isi="Tiga")
    request = RequestFactory().get("/pemohon/pengajuan/")
    request.user = pemohon.user
    with django_assert_num_queries(1):
        html = TEMPLATE.render(Context({"rows": rows, "request": request}))
    assert f"[{rows[0].kode}:<a" in html
    assert "2 pesan baru" in html
    assert f"[{rows[1].kode}:]" in html
    assert f'href="/pemohon/pengajuan/{rows[2].kode}/#chat">1 pesan baru' in html
