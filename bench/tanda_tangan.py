"""Benchmark: signing a 1-page PDF (OUT-1), pyHanko's defaults against the portal's path.

Both sides sign the same one-page PDF with the same demo certificate (RSA-2048, made in
a temporary data directory) and put the same verification QR on it, in one process,
alternating in rounds so that a busy machine slows both alike:

* **defaults**: pyHanko as its documentation shows it: ``SimpleSigner.load_pkcs12``
  once, ``PdfSigner.sign_pdf`` without ``bytes_reserved`` (a trial signature measures
  the space) and the stock ``QRStampStyle``; ``SimpleSigner`` loads the private key from
  DER on every signature;
* **portal**: :func:`sintren.keluaran.signing.tandatangani` (key object kept, fixed
  ``bytes_reserved``, QR with a fixed mask, no network).

Every output is checked once with pyHanko (intact, trusted, whole file). Prints p50 and
p95 of wall-clock and CPU time per signature. ``python bench/tanda_tangan.py [--n 200]``.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

Signer = Callable[[bytes, str, str], bytes]
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup() -> None:
    os.environ.setdefault("SINTREN_DATA_DIR", tempfile.mkdtemp(prefix="bench-tte-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawString(72, 760, "KUTIPAN AKTA KELAHIRAN - dokumen uji benchmark")
    page.showPage()
    page.save()
    return buffer.getvalue()


def _default_signer() -> Signer:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import QRStampStyle

    from sintren.keluaran import signing

    path = signing.demo_dir() / signing.DEMO_PKCS12
    signer = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
        str(path), passphrase=signing.DEMO_PASSWORD.encode()
    )
    style = QRStampStyle(stamp_text=signing.STAMP_TEXT, border_width=0)

    def sign(data: bytes, url: str, kode: str) -> bytes:
        meta = signers.PdfSignatureMetadata(field_name=signing.FIELD_NAME, md_algorithm="sha256")
        spec = fields.SigFieldSpec(signing.FIELD_NAME, on_page=0, box=signing.STAMP_BOX)
        pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec)
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        out = pdf_signer.sign_pdf(writer, appearance_text_params={"url": url, "kode": kode})
        signed: bytes = out.getvalue()
        return signed

    return sign


def _portal_signer() -> Signer:
    from sintren.keluaran.signing import tandatangani

    def sign(data: bytes, url: str, kode: str) -> bytes:
        return tandatangani(data, url_verifikasi=url, kode=kode)

    return sign


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="signatures per side")
    args = parser.parse_args()
    _setup()
    from sintren.keluaran.signing import sertifikat_demo_buat, validasi

    sertifikat_demo_buat()
    data = _pdf()
    url, kode = "http://127.0.0.1:8000/verifikasi/ABCDEFGHJKMN/", "ABCD-EFGH-JKMN"
    sides = {"defaults": _default_signer(), "portal": _portal_signer()}
    wall: dict[str, list[float]] = {name: [] for name in sides}
    cpu: dict[str, list[float]] = {name: [] for name in sides}
    for name, sign in sides.items():  # warm-up, and a check of each side's output
        [hasil] = validasi(sign(data, url, kode))
        assert hasil.sah, (name, hasil)
    for _ in range(args.n):
        for name, sign in sides.items():
            w, c = time.perf_counter(), time.process_time()
            sign(data, url, kode)
            wall[name].append((time.perf_counter() - w) * 1000)
            cpu[name].append((time.process_time() - c) * 1000)
    load = os.getloadavg()[0]
    print(
        f"1-page PDF, {args.n} signatures per side, load average {load:.1f}, {os.cpu_count()} CPUs"
    )
    print(f"{'side':10} {'wall p50':>9} {'wall p95':>9} {'cpu p50':>8} {'cpu p95':>8}  (ms)")
    for name in sides:
        print(
            f"{name:10} {statistics.median(wall[name]):9.1f} {_pct(wall[name], 0.95):9.1f} "
            f"{statistics.median(cpu[name]):8.1f} {_pct(cpu[name], 0.95):8.1f}"
        )


if __name__ == "__main__":
    main()
