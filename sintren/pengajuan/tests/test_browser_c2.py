"""Manual C.2 (*Cek Pengajuan*) in Chromium at 360 px against the real server.

SPEC REQ-5 (detail), REQ-7 (list: filters, pages, *Hapus*), REQ-9 (timeline) and MSG-1
(chat both ways): each test gets its own fresh applicant, whose requests are made on the
served instance through the services (``browser_data.py``, run by ``manage.py shell``);
the demo verifier moves them on and answers in the chat the same way, while the
applicant's browser is open. Every page passes axe-core with no sideways scroll.

The seed catalogue takes new requests in office hours only; the services used here are
opened around the clock first. On a national holiday or an office closure day they stay
closed, and the tests are skipped.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from sintren.accounts.tests.browser_steps import A11yAudit, logged_in

pytestmark = pytest.mark.browser

AKL, AKM = "akta-kelahiran", "akta-kematian"
PER_PAGE = 20  # sintren.pengajuan.views.PER_PAGE
# The chat polls every 10 seconds (chat/partials/panel_isi.html); a reply must show
# within a few polls even on a busy machine.
POLL_WAIT_MS = 45_000
PHONE = {"width": 360, "height": 740}


class Dinas:
    """Runs :mod:`sintren.pengajuan.tests.browser_data` on the served instance."""

    def __init__(self, served: Any) -> None:
        self.served = served

    def __call__(self, perintah: str, **argumen: Any) -> Any:
        code = (
            "from sintren.pengajuan.tests.browser_data import jalankan; "
            f"jalankan({perintah!r}, {json.dumps(argumen)!r})"
        )
        try:
            out = self.served.manage("shell", "--no-imports", "-c", code)
        except subprocess.CalledProcessError as exc:
            raise AssertionError(f"{perintah} {argumen}: {exc.stderr[-3000:]}") from None
        return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def dinas(sintren_served: Any) -> Dinas:
    """The served instance's data helper, with the services of these tests open now."""
    run = Dinas(sintren_served)
    closed = {slug: why for slug, why in run("buka", slugs=[AKL, AKM]).items() if why}
    if closed:
        pytest.skip(f"the services cannot open today: {closed}")
    return run


@pytest.fixture
def nojs_page(browser: Any) -> Iterator[Any]:
    """A 360 px page in a fresh context with JavaScript switched off."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="id-ID")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _login(page: Any, base: str, pemohon: dict[str, str]) -> None:
    logged_in(page, base, pemohon["nik"], pemohon["password"])


def _kode_rows(page: Any) -> list[str]:
    """The request codes of the list's rows, top to bottom."""
    cells = page.locator("table.table-stack tbody tr td:first-child").all_inner_texts()
    return [cell.strip() for cell in cells]


def _row(page: Any, kode: str) -> Any:
    return page.locator("table.table-stack tbody tr", has_text=kode)


def _click_and_load(page: Any, target: Any) -> None:
    with page.expect_navigation():
        target.click()


def _filter(
    page: Any,
    *,
    layanan: str = "Semua layanan",
    status: str = "Semua status",
    kode: str = "",
    nik: str = "",
    nama: str = "",
) -> None:
    """*Filter Data*: set every filter (the others back to "all") and press *Filter*."""
    if page.locator("details:has(form.filter-form)").get_attribute("open") is None:
        page.get_by_text("Filter Data", exact=True).click()
    form = page.get_by_role("form", name="Filter data pengajuan")
    form.get_by_label("Jenis Layanan", exact=True).select_option(label=layanan)
    form.get_by_label("Status Pengajuan", exact=True).select_option(label=status)
    form.get_by_label("Kode Pengajuan", exact=True).fill(kode)
    form.get_by_label("NIK", exact=True).fill(nik)
    form.get_by_label("Nama", exact=True).fill(nama)
    _click_and_load(page, form.get_by_role("button", name="Filter", exact=True))


def _next_page(page: Any) -> None:
    _click_and_load(page, page.locator("a[rel=next]"))


# --- 1. Cek Pengajuan: filters and pages (REQ-7, manual C.2.a) ---------------------------


def test_c2_list_filters_by_service_status_code_nik_and_name_and_pages(
    mobile_page: Any, sintren_served: Any, dinas: Dinas, axe_violations: Any
) -> None:
    base, page = sintren_served.base_url, mobile_page
    audit = A11yAudit(page, axe_violations)
    pemohon = dinas("pemohon")
    serial = pemohon["nik"][-4:]
    # Family members of the applicant: born 10-01-1960 and (a woman) 12-03-1956.
    nik_slamet, nik_painem = f"332607100160{serial}", f"332607520356{serial}"
    putri = dinas(
        "pengajuan",
        nik=pemohon["nik"],
        daftar=[{"slug": AKL, "nama": f"Putri Berkas {i:02d}"} for i in range(1, 22)],
    )
    kartika, ratna, slamet, painem = dinas(
        "pengajuan",
        nik=pemohon["nik"],
        daftar=[
            {"slug": AKL, "nama": "Bayi Ny. Kartika"},
            {"slug": AKL, "nama": "Bayi Ny. Ratna", "kirim": True},
            {"slug": AKM, "nama": "Slamet Riyadi", "subjek_nik": nik_slamet, "kirim": True},
            {"slug": AKM, "nama": "Painem", "subjek_nik": nik_painem},
        ],
    )
    semua = {*putri, kartika, ratna, slamet, painem}
    sent: list[Any] = []
    # Playwright needs a Python function here, not a bound builtin.
    page.on("request", lambda request: sent.append(request))  # noqa: PLW0108

    _login(page, base, pemohon)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Pengajuan").click()
    page.get_by_role("heading", name="Cek Pengajuan").wait_for()

    # Pages of 20, newest change first; Berikutnya / Sebelumnya walk them.
    halaman_1 = _kode_rows(page)
    assert len(halaman_1) == PER_PAGE
    assert halaman_1[0] == painem  # the latest change
    assert page.locator("a[rel=prev]").count() == 0
    audit.check("cek pengajuan, halaman 1")
    _next_page(page)
    halaman_2 = _kode_rows(page)
    assert len(halaman_2) == len(semua) - PER_PAGE
    assert set(halaman_1) | set(halaman_2) == semua
    assert not set(halaman_1) & set(halaman_2)
    assert page.locator("a[rel=next]").count() == 0
    audit.check("cek pengajuan, halaman 2")
    _click_and_load(page, page.locator("a[rel=prev]"))
    assert _kode_rows(page) == halaman_1

    # By service.
    _filter(page, layanan="Akta Kematian")
    assert sorted(_kode_rows(page)) == sorted([slamet, painem])
    assert "layanan=" in page.url
    audit.check("filter jenis layanan")

    # By status, alone and with the service.
    _filter(page, status="Pengajuan Dikirim")
    assert sorted(_kode_rows(page)) == sorted([ratna, slamet])
    assert all("Pengajuan Dikirim" in _row(page, k).inner_text() for k in (ratna, slamet))
    _filter(page, layanan="Akta Kelahiran", status="Pengajuan Dikirim")
    assert _kode_rows(page) == [ratna]
    _filter(page, status="Draf", layanan="Akta Kematian")
    assert _kode_rows(page) == [painem]

    # By request code: typed in lower case with a space, found all the same.
    _filter(page, kode=f"{kartika[:3].lower()} {kartika[3:]}")
    assert _kode_rows(page) == [kartika]
    assert "Bayi Ny. Kartika" in _row(page, kartika).inner_text()

    # By NIK: posted, kept in the session, never in a URL; the list shows it masked.
    _filter(page, nik=nik_slamet)
    assert _kode_rows(page) == [slamet]
    assert nik_slamet not in page.locator("main table").inner_text()
    assert page.get_by_label("NIK", exact=True).input_value() == nik_slamet  # kept
    audit.check("filter NIK")
    page.reload()
    assert _kode_rows(page) == [slamet]  # still applied, from the session
    _filter(page, nik="3326 07")
    assert "NIK harus terdiri dari tepat 16 angka." in page.locator(".messages").inner_text()
    audit.check("filter NIK tidak valid")

    # By name (any part, any case), over two pages: the name stays out of the URL too.
    _filter(page, nama="putri BERKAS")
    pertama = _kode_rows(page)
    assert len(pertama) == PER_PAGE
    _next_page(page)
    kedua = _kode_rows(page)
    assert set(pertama) | set(kedua) == set(putri)
    assert len(kedua) == len(putri) - PER_PAGE
    assert "Putri Berkas" in _row(page, kedua[0]).inner_text()
    _filter(page, nama="Tidak Ada Yang Bernama Ini")
    assert _kode_rows(page) == []
    assert page.get_by_text("Tidak ada pengajuan yang cocok dengan filter.").is_visible()
    audit.check("filter nama tanpa hasil")

    # Hapus Filter: everything again.
    _click_and_load(page, page.get_by_role("button", name="Hapus Filter"))
    assert _kode_rows(page) == halaman_1
    assert page.locator("details:has(form.filter-form)").get_attribute("open") is None

    # The NIK and the name travelled only in POST bodies, never in an address.
    leaked = [r.url for r in sent if nik_slamet in r.url or re.search(r"(?i)putri", r.url)]
    assert not leaked, leaked
    posted = " ".join(r.post_data or "" for r in sent if r.method == "POST")
    assert f"nik={nik_slamet}" in posted
    assert "nama=putri+BERKAS" in posted
    audit.assert_clean()


# --- 2. Detail with every panel, the status timeline (REQ-5, REQ-9, manual C.2.b/d) ------

TIMELINE = [
    ("Draf", "Pemohon"),
    ("Pengajuan Dikirim", "Pemohon"),
    ("Diproses", "Petugas Dinas"),
    ("Dokumen Siap Diambil", "Petugas Dinas"),
    ("Selesai", "Petugas Dinas"),
]
SIAP = "Silakan ambil di loket 3 dengan menunjukkan kode pengajuan."
SELESAI = "Dokumen sudah diambil oleh pemohon."


def _panels_in_order(page: Any, *expected: str) -> bool:
    """Whether the page's panels include ``expected``, in this order (others may be between)."""
    titles = iter(t.strip() for t in page.locator("main .panel-title").all_inner_texts())
    return all(any(title == want for title in titles) for want in expected)


def test_c2_detail_shows_every_panel_and_the_status_timeline_in_order(
    mobile_page: Any, sintren_served: Any, dinas: Dinas, axe_violations: Any
) -> None:
    base, page = sintren_served.base_url, mobile_page
    audit = A11yAudit(page, axe_violations)
    pemohon = dinas("pemohon")
    draf, laras = dinas(
        "pengajuan",
        nik=pemohon["nik"],
        daftar=[
            {"slug": AKL, "nama": "Bayi Ny. Wulan"},
            {"slug": AKL, "nama": "Bayi Ny. Laras", "kirim": True},
        ],
    )
    dinas("petugas", kode=laras, ke="diproses")
    dinas("pesan", kode=laras, isi="Berkas sedang kami periksa.")
    dinas("petugas", kode=laras, ke="siap_diambil", catatan=SIAP)
    dinas("petugas", kode=laras, ke="selesai", catatan=SELESAI)

    _login(page, base, pemohon)
    page.goto(base + "/pemohon/pengajuan/")
    _click_and_load(page, _row(page, draf).get_by_role("link", name=f"Detail {draf}"))

    # A draft: data, extra data, Edit/Hapus, Data Dukung with Tambah Dokumen, the send
    # panel, the timeline (Draf) and the chat, which opens once the request is sent.
    page.get_by_role("heading", name="Detail Pengajuan Akta Kelahiran").wait_for()
    assert _panels_in_order(
        page,
        "Detail Pengajuan Akta Kelahiran",
        "Data Dukung",
        "Kirim Pengajuan",
        "Riwayat Status",
        "Chat",
    )
    data = page.locator("main .data-list").first.inner_text()
    for text in (draf, "Draf", "Bayi Ny. Wulan", pemohon["kk"], "Otomatis"):
        assert text in data
    assert page.get_by_role("heading", name="Data Tambahan").is_visible()
    assert page.get_by_role("link", name="Edit Pengajuan").is_visible()
    assert page.get_by_role("link", name=f"Hapus {draf}").is_visible()
    assert page.get_by_role("link", name=re.compile(r"^Tambah Dokumen")).count() > 0
    assert page.locator("#riwayat-status > li strong").all_inner_texts() == ["Draf"]
    chat = page.locator("#chat")
    assert "dapat digunakan setelah pengajuan dikirim" in chat.inner_text()
    assert chat.get_by_label("Tulis pesan").count() == 0
    audit.check("detail pengajuan (draf)")

    # A request sent, processed, ready for pickup and finished.
    page.goto(base + f"/pemohon/pengajuan/{laras}/")
    page.get_by_role("heading", name="Detail Pengajuan Akta Kelahiran").wait_for()
    assert _panels_in_order(
        page, "Detail Pengajuan Akta Kelahiran", "Data Dukung", "Riwayat Status", "Chat"
    )
    assert page.get_by_role("heading", name="Kirim Pengajuan").count() == 0
    data = page.locator("main .data-list").first.inner_text()
    assert "Selesai" in data
    assert "Dikirim" in data  # the send time
    assert page.get_by_role("link", name="Edit Pengajuan").count() == 0
    assert page.get_by_role("link", name=f"Hapus {laras}").count() == 0
    assert page.get_by_role("link", name=re.compile(r"^Tambah Dokumen")).count() == 0
    assert page.locator("#data-dukung img").count() > 0  # the attached scans, read-only

    steps = page.locator("#riwayat-status > li")
    shown = [
        (steps.nth(i).locator("strong").inner_text(), steps.nth(i).locator(".meta").inner_text())
        for i in range(steps.count())
    ]
    assert [status for status, _ in shown] == [status for status, _ in TIMELINE]
    for (_, meta), (_, oleh) in zip(shown, TIMELINE, strict=True):
        assert meta.endswith(oleh), meta
        assert re.search(r"\d{1,2} \w+ \d{4}, \d{2}\.\d{2} WIB", meta), meta
    times = page.locator("#riwayat-status time").evaluate_all(
        "els => els.map(el => el.getAttribute('datetime'))"
    )
    assert times == sorted(times)
    assert f"Catatan: {SIAP}" in steps.nth(3).inner_text()
    assert f"Catatan: {SELESAI}" in steps.nth(4).inner_text()
    assert "Catatan:" not in steps.nth(2).inner_text()

    # Closed: the chat keeps its history, read-only.
    assert "Berkas sedang kami periksa." in chat.inner_text()
    assert "Riwayat chat hanya dapat dibaca." in chat.inner_text()
    assert chat.get_by_label("Tulis pesan").count() == 0
    audit.check("detail pengajuan (selesai)")
    audit.assert_clean()


# --- 3. Hapus a draft (REQ-7, manual C.2.c) -----------------------------------------------


def _hapus_from_list(page: Any, base: str, kode: str) -> None:
    """*Hapus* in the row, then *Ya, Hapus* on the confirmation page."""
    page.goto(base + "/pemohon/pengajuan/")
    _click_and_load(page, _row(page, kode).get_by_role("link", name=f"Hapus {kode}"))
    page.get_by_role("heading", name="Hapus Pengajuan").wait_for()
    _click_and_load(page, page.get_by_role("button", name="Ya, Hapus"))
    page.get_by_text(f"Pengajuan {kode} telah dihapus.").wait_for()


def test_c2_hapus_asks_first_removes_a_draft_and_is_not_offered_once_sent(
    mobile_page: Any, nojs_page: Any, sintren_served: Any, dinas: Dinas, axe_violations: Any
) -> None:
    base, page = sintren_served.base_url, mobile_page
    audit = A11yAudit(page, axe_violations)
    pemohon = dinas("pemohon")
    satu, dua, terkirim = dinas(
        "pengajuan",
        nik=pemohon["nik"],
        daftar=[
            {"slug": AKL, "nama": "Bayi Ny. Satu"},
            {"slug": AKL, "nama": "Bayi Ny. Dua"},
            {"slug": AKL, "nama": "Bayi Ny. Tiga", "kirim": True},
        ],
    )
    _login(page, base, pemohon)
    page.goto(base + "/pemohon/pengajuan/")
    assert sorted(_kode_rows(page)) == sorted([satu, dua, terkirim])

    # The confirmation step: Batal keeps the draft.
    _click_and_load(page, _row(page, satu).get_by_role("link", name=f"Hapus {satu}"))
    page.get_by_role("heading", name="Hapus Pengajuan").wait_for()
    assert satu in page.locator("main").inner_text()
    assert "tidak dapat dikembalikan" in page.locator("main").inner_text()
    audit.check("konfirmasi hapus")
    _click_and_load(page, page.get_by_role("link", name="Batal"))
    assert page.locator("#kode-pengajuan").inner_text() == satu
    page.goto(base + "/pemohon/pengajuan/")
    assert satu in _kode_rows(page)

    # Ya, Hapus: gone from the list, its page a 404.
    _hapus_from_list(page, base, satu)
    assert sorted(_kode_rows(page)) == sorted([dua, terkirim])
    audit.check("daftar setelah hapus")
    response = page.goto(base + f"/pemohon/pengajuan/{satu}/")
    assert response is not None
    assert response.status == 404

    # A sent request offers no Hapus, and the address alone does not delete it.
    page.goto(base + "/pemohon/pengajuan/")
    assert _row(page, terkirim).get_by_role("link", name=f"Hapus {terkirim}").count() == 0
    assert _row(page, dua).get_by_role("link", name=f"Hapus {dua}").count() == 1
    page.goto(base + f"/pemohon/pengajuan/{terkirim}/")
    assert page.get_by_role("link", name=f"Hapus {terkirim}").count() == 0
    page.goto(base + f"/pemohon/pengajuan/{terkirim}/hapus/")
    page.get_by_text("Hanya pengajuan yang belum dikirim yang dapat dihapus.").wait_for()
    assert page.locator("#kode-pengajuan").inner_text() == terkirim
    page.goto(base + "/pemohon/pengajuan/")
    assert terkirim in _kode_rows(page)

    # Without JavaScript: the same two steps work as plain links and a form.
    _login(nojs_page, base, pemohon)
    _hapus_from_list(nojs_page, base, dua)
    assert _kode_rows(nojs_page) == [terkirim]
    audit.assert_clean()


# --- 4. Chat both ways (MSG-1, manual C.2.e) ----------------------------------------------


def _send_chat(page: Any, isi: str) -> None:
    page.locator("#chat").get_by_label("Tulis pesan").fill(isi)
    _click_and_load(page, page.locator("#chat").get_by_role("button", name="Kirim"))


def _message(page: Any, pesan_id: int) -> Any:
    return page.locator(f"#chat #pesan-{pesan_id}")


def test_c2_chat_both_ways_without_reload_unread_counts_and_read_only_when_closed(
    mobile_page: Any, nojs_page: Any, sintren_served: Any, dinas: Dinas, axe_violations: Any
) -> None:
    base, page = sintren_served.base_url, mobile_page
    audit = A11yAudit(page, axe_violations)
    pemohon = dinas("pemohon")
    (kode,) = dinas(
        "pengajuan",
        nik=pemohon["nik"],
        daftar=[{"slug": AKL, "nama": "Bayi Ny. Melati", "kirim": True}],
    )
    detail = base + f"/pemohon/pengajuan/{kode}/"
    _login(page, base, pemohon)
    page.goto(base + "/pemohon/pengajuan/")
    assert "pesan baru" not in _row(page, kode).inner_text()

    # The applicant writes.
    _click_and_load(page, _row(page, kode).get_by_role("link", name=f"Detail {kode}"))
    chat = page.locator("#chat")
    assert "Belum ada pesan." in chat.inner_text()
    _send_chat(page, "Selamat pagi, apakah berkas saya sudah lengkap?")
    page.get_by_text("Pesan terkirim.").wait_for()
    mine = chat.locator(".chat-item", has_text="apakah berkas saya sudah lengkap")
    assert mine.locator(".chat-meta").inner_text().startswith("Anda")
    audit.check("detail dengan chat")

    # The verifier answers; the open page shows it without reloading.
    page.evaluate("window.belumDimuatUlang = true")
    balasan = dinas("pesan", kode=kode, isi="Sudah lengkap, sedang kami proses.")
    _message(page, balasan).wait_for(timeout=POLL_WAIT_MS)
    assert page.evaluate("window.belumDimuatUlang === true")
    item = _message(page, balasan)
    assert "Sudah lengkap, sedang kami proses." in item.inner_text()
    assert item.locator(".chat-meta").inner_text().startswith("Petugas")
    assert item.locator(".badge", has_text="Baru").count() == 1
    audit.check("detail dengan balasan petugas")

    # Replies while the applicant is elsewhere: the list counts them until they are read.
    page.goto(base + "/pemohon/pengajuan/")
    dua = [
        dinas("pesan", kode=kode, isi="Mohon lampirkan juga KTP-el saksi."),
        dinas("pesan", kode=kode, isi="Terima kasih."),
    ]
    page.reload()
    badge = _row(page, kode).get_by_role("link", name="2 pesan baru")
    assert badge.is_visible()
    audit.check("daftar dengan pesan baru")
    _click_and_load(page, badge)
    assert page.url.endswith("#chat")
    for pesan_id in dua:
        assert _message(page, pesan_id).locator(".badge", has_text="Baru").count() == 1
    page.goto(base + "/pemohon/pengajuan/")
    assert "pesan baru" not in _row(page, kode).inner_text()
    page.goto(detail)

    # Without JavaScript: the plain form sends, a reload shows the answer; the open
    # page with JavaScript gets both by polling.
    _login(nojs_page, base, pemohon)
    nojs_page.goto(detail)
    _send_chat(nojs_page, "Baik, KTP-el saksi saya unggah besok.")
    nojs_page.get_by_text("Pesan terkirim.").wait_for()
    assert "KTP-el saksi saya unggah besok" in nojs_page.locator("#chat").inner_text()
    jawaban = dinas("pesan", kode=kode, isi="Baik, kami tunggu.")
    nojs_page.reload()
    assert "Baik, kami tunggu." in _message(nojs_page, jawaban).inner_text()
    page.evaluate("window.belumDimuatUlang = true")
    _message(page, jawaban).wait_for(timeout=POLL_WAIT_MS)
    assert "KTP-el saksi saya unggah besok" in page.locator("#chat-daftar").inner_text()
    assert page.evaluate("window.belumDimuatUlang === true")

    # Closed (Ditolak): the open page stops polling; the thread stays, read-only.
    dinas("petugas", kode=kode, ke="diproses")
    with page.expect_response(
        lambda r: "/chat/daftar/" in r.url and r.status == 286, timeout=POLL_WAIT_MS
    ):
        dinas("petugas", kode=kode, ke="ditolak", catatan="Data kelahiran tidak sesuai.")
    _send_chat(nojs_page, "Satu pertanyaan lagi.")  # the form loaded before the close
    refusal = nojs_page.locator(".messages").inner_text()
    assert "chat sudah ditutup dan hanya dapat dibaca" in refusal
    page.reload()
    chat = page.locator("#chat")
    assert "Riwayat chat hanya dapat dibaca." in chat.inner_text()
    assert chat.get_by_label("Tulis pesan").count() == 0
    thread = chat.inner_text()
    for text in ("apakah berkas saya sudah lengkap", "Terima kasih.", "Baik, kami tunggu."):
        assert text in thread
    assert "Satu pertanyaan lagi." not in thread
    audit.check("chat ditutup")
    audit.assert_clean()
