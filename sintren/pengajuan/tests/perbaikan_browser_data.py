"""Data of the correction browser test (X-2), made on the served instance through the
real services; this module runs inside ``manage.py shell`` against the server's
database (``test_browser_perbaikan.py`` calls :func:`jalankan`).

The applicant makes a request, uploads and attaches every mandatory document and sends
it; the demo verifier takes it and sends it back, marking one document and the
*Detail Permohonan*. One line of JSON is printed: the request's code and the marked
document, or why the service cannot open today.
"""

from __future__ import annotations

import io
import json
import secrets
from typing import Any

from sintren.accounts.models import Pemohon, User
from sintren.catalog.models import DokumenPersyaratan, Layanan
from sintren.documents.services import berkas_upload, datadukung_attach
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.demo import demo_layanan_buka
from sintren.pengajuan.perbaikan import ItemDiminta
from sintren.pengajuan.services import (
    pengajuan_create,
    pengajuan_minta_perbaikan,
    pengajuan_send,
    pengajuan_transition,
)
from sintren.pengajuan.tests.browser_data import foto_contoh, jawaban_contoh

VERIFIKATOR = "verifikator"  # the demo verifier of the embedded default
CATATAN_DOKUMEN = "Foto dokumen buram dan terpotong. Foto ulang seluruh halaman."
CATATAN_DETAIL = "Sebutkan untuk siapa akta kelahiran ini dimohonkan."


def siapkan(nik: str, slug: str) -> dict[str, Any]:
    """A request of applicant ``nik`` for service ``slug``, sent back for correction."""
    buka = demo_layanan_buka(slug)
    if not buka.tersedia:
        return {"lewati": f"{buka.sebab}: {buka.alasan}"}
    pemohon = Pemohon.objects.select_related("user").get(nik=nik)
    layanan = Layanan.objects.get(slug=slug)
    nama = "Bayi Ny. Koreksi " + "".join(secrets.choice("ABCDEFGHJKLMNPRSTUWY") for _ in range(5))
    pengajuan = pengajuan_create(
        actor=pemohon.user,
        pemohon=pemohon,
        grup=None,
        layanan=layanan,
        data={
            "subjek_nik": "",
            "subjek_nama": nama,
            "subjek_nomor_kk": pemohon.nomor_kk,
            "nomor_hp": pemohon.nomor_hp,
            "email": pemohon.email,
            "detail": "Akta kelahiran.",
            "data_tambahan": {f.nama: jawaban_contoh(f) for f in layanan.field_tambahan.all()},
        },
    )
    wajib = list(
        DokumenPersyaratan.objects.filter(layanan=layanan, wajib=True).order_by("urutan", "id")
    )
    for index, dokumen in enumerate(wajib):
        data = foto_contoh(f"{pengajuan.kode} dokumen {index}")
        berkas = berkas_upload(
            actor=pemohon.user, pemohon=pemohon, file=io.BytesIO(data), name="scan.jpg", size=None
        )
        datadukung_attach(actor=pemohon.user, pengajuan=pengajuan, dokumen=dokumen, berkas=berkas)
    pengajuan_send(actor=pemohon.user, pengajuan=pengajuan, pilihan_dokumen=None, persetujuan=True)
    petugas = User.objects.get(username=VERIFIKATOR)
    pengajuan_transition(pengajuan=pengajuan, to=StatusPengajuan.DIPROSES, actor=petugas)
    pengajuan_minta_perbaikan(
        actor=petugas,
        pengajuan=pengajuan,
        items=[
            ItemDiminta.untuk_dokumen(wajib[0].pk, CATATAN_DOKUMEN),
            ItemDiminta.untuk_data("detail", CATATAN_DETAIL),
        ],
    )
    return {"kode": pengajuan.kode, "dokumen_id": wajib[0].pk, "dokumen": wajib[0].nama}


def jalankan(argumen: str) -> None:
    """:func:`siapkan` with the JSON ``argumen``; print the result as JSON."""
    print(json.dumps(siapkan(**json.loads(argumen))))  # noqa: T201 - the caller reads stdout
