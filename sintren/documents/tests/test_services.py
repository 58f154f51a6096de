"""The documents services without HTTP: ownership, editability, dedup, the sweeper."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sintren.accounts.actors import SYSTEM
from sintren.catalog.tests.factories import DokumenPersyaratanFactory
from sintren.documents.models import Berkas, DataDukung
from sintren.documents.services import berkas_upload, datadukung_attach, datadukung_detach
from sintren.documents.tests.test_validation import jpeg
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.selectors import dokumen_wajib_kurang
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("berkas_root")]


def _upload(pemohon: Any, data: bytes | None = None) -> Berkas:
    return berkas_upload(
        actor=pemohon.user,
        pemohon=pemohon,
        file=io.BytesIO(data or jpeg()),
        name="foto.jpg",
        size=None,
    )


def test_upload_dedups_per_account_not_across(pemohon, pemohon_lain, berkas_root):
    a1, a2, b = _upload(pemohon), _upload(pemohon), _upload(pemohon_lain)
    assert a1.pk == a2.pk != b.pk
    assert a1.sha256 == b.sha256
    assert a1.lembar == 1
    assert len([p for p in berkas_root.rglob("*") if p.is_file()]) == 4


def test_attach_checks_owner_service_and_status(pemohon, pemohon_lain, draf, ktp):
    foreign = _upload(pemohon_lain)
    with pytest.raises(ValidationError):
        datadukung_attach(actor=pemohon.user, pengajuan=draf, dokumen=ktp, berkas=foreign)
    with pytest.raises(ValidationError):
        datadukung_attach(actor=SYSTEM, pengajuan=draf, dokumen=ktp, berkas=foreign)
    own = _upload(pemohon)
    other_service = DokumenPersyaratanFactory.create()
    with pytest.raises(ValidationError):
        datadukung_attach(actor=pemohon.user, pengajuan=draf, dokumen=other_service, berkas=own)
    assert dokumen_wajib_kurang(draf) == ["KTP Ayah"]
    link = datadukung_attach(actor=pemohon.user, pengajuan=draf, dokumen=ktp, berkas=own)
    again = datadukung_attach(actor=pemohon.user, pengajuan=draf, dokumen=ktp, berkas=own)
    assert link.pk == again.pk
    assert dokumen_wajib_kurang(draf) == []
    draf.status = StatusPengajuan.DIKIRIM
    draf.save()
    with pytest.raises(ValidationError):
        datadukung_detach(actor=pemohon.user, pengajuan=draf, datadukung=link)
    assert DataDukung.objects.filter(pk=link.pk).exists()


def test_detach_only_a_link_of_the_request(pemohon, draf, ktp, layanan):
    own = _upload(pemohon)
    other = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, subjek_nama="Lain")
    link = datadukung_attach(actor=pemohon.user, pengajuan=other, dokumen=ktp, berkas=own)
    with pytest.raises(ValidationError):
        datadukung_detach(actor=pemohon.user, pengajuan=draf, datadukung=link)
    datadukung_detach(actor=pemohon.user, pengajuan=other, datadukung=link)
    assert not DataDukung.objects.exists()
    assert dokumen_wajib_kurang(other) == ["KTP Ayah"]
