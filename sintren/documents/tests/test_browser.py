"""DOC-4 in Chromium at 360 px against the real server: *Upload Baru* with a large phone
photo. With JavaScript the browser shrinks it before sending and shows the progress; with
JavaScript off the plain form sends the original, and the server shrinks it. Either way
the *Data Dukung* row shows the thumbnail and the stored image is at most 2480 px long.
Also: an upright phone photo stays upright, a form error comes back and the script works
on the returned page, the bar moves at 3G speed (CDP network emulation), and the page is
axe-clean.

The draft is made once through the pages (as in ``pengajuan/tests/test_browser.py``); on a
national holiday or an office closure day the service stays closed and the tests skip.
"""

from __future__ import annotations

import io
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PIL import Image, ImageDraw

from sintren.accounts.tests.browser_steps import A11yAudit, logged_in
from sintren.pengajuan.tests.test_browser import BUDI, SLUG, _fill_akta_kelahiran

pytestmark = pytest.mark.browser

ORIENTATION = 0x0112  # the EXIF tag
MOBILE = {"width": 360, "height": 740}
UPLOAD_FORM = "form:has(input[name=aksi][value=unggah])"
# Records, across the page being replaced by the server's answer, the highest value the
# progress bar reached and every text the status box showed.
WATCH_STATUS_JS = """() => {
  const box = document.getElementById("unggah-status");
  const bar = box.querySelector("progress");
  sessionStorage.setItem("progres", "0");
  sessionStorage.setItem("teks", "[]");
  new MutationObserver(() => {
    const best = Math.max(Number(sessionStorage.getItem("progres")), bar.value);
    sessionStorage.setItem("progres", String(best));
    const seen = JSON.parse(sessionStorage.getItem("teks"));
    for (const p of box.querySelectorAll("p")) if (p.textContent) seen.push(p.textContent);
    sessionStorage.setItem("teks", JSON.stringify(seen));
  }).observe(box, {attributes: true, childList: true, characterData: true, subtree: true});
}"""


@dataclass(frozen=True)
class Draf:
    """A draft of the demo applicant: its detail URL, session and *Tambah Dokumen* links."""

    base: str
    detail_url: str
    state: dict[str, Any]
    tambah: list[str]


def _large_photo(text: str, *, noise: float = 8, lines: int = 30, orientation: int = 1) -> bytes:
    """A 4000 x 3000 'phone photo' of a page of text: about 4 MB with the default
    sensor-like ``noise`` (it does not compress), about 1.2 MB with little noise.
    ``orientation`` is its EXIF orientation (6: the phone was held upright)."""
    image = Image.effect_noise((4000, 3000), noise).convert("RGB")
    draw = ImageDraw.Draw(image)
    for line in range(lines):
        draw.text((100, 100 + line * 90), f"{text} baris {line} " * 6, fill="black", font_size=60)
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture(scope="module")
def draf(browser: Any, sintren_served: Any) -> Draf:
    """A new *Akta Kelahiran* draft of Budi, made through the pages."""
    opened = sintren_served.buka_layanan(SLUG)
    if "belum tersedia" in opened:
        pytest.skip(f"the service cannot open today: {opened.strip()}")
    base = sintren_served.base_url
    context = browser.new_context(viewport=MOBILE, locale="id-ID")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        logged_in(page, base, BUDI["nik"], BUDI["password"])
        page.goto(base + "/")
        page.get_by_role("link", name="Baru Akta Kelahiran").click()
        suffix = "".join(secrets.choice("ABCDEFGHJKLMNPRSTUWY") for _ in range(5))
        _fill_akta_kelahiran(page, f"Bayi Ny. Unggah {suffix}")
        page.get_by_role("button", name="Proses Pengajuan").click()
        page.get_by_role("heading", name="Detail Pengajuan Akta Kelahiran").wait_for()
        links = page.get_by_role("link", name="Tambah Dokumen")
        tambah = [str(links.nth(i).get_attribute("href")) for i in range(links.count())]
        assert len(tambah) >= 3, "the seed service should ask for at least three documents"
        return Draf(base, page.url, context.storage_state(), tambah)
    finally:
        context.close()


def _page(browser: Any, draf: Draf, *, javascript: bool = True) -> Iterator[Any]:
    context = browser.new_context(
        viewport=MOBILE,
        locale="id-ID",
        storage_state=draf.state,
        java_script_enabled=javascript,
    )
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def budi(browser: Any, draf: Draf) -> Iterator[Any]:
    """Budi's session at 360 px, JavaScript on."""
    yield from _page(browser, draf)


@pytest.fixture
def budi_tanpa_js(browser: Any, draf: Draf) -> Iterator[Any]:
    """Budi's session at 360 px with JavaScript turned off."""
    yield from _page(browser, draf, javascript=False)


def _wait_until_drawn(page: Any, img: Any, timeout: float = 20.0) -> None:
    """Wait until the browser has decoded ``img``; fail at once if it broke.

    Polled from here, one evaluation at a time: a page with JavaScript turned off runs no
    timers or animation-frame callbacks of its own to poll with, and on a loaded machine
    the in-page polling of ``wait_for_function`` was seen to stall there."""
    deadline = time.monotonic() + timeout
    while True:
        state = img.evaluate("i => ({complete: i.complete, width: i.naturalWidth, src: i.src})")
        if state["complete"] and state["width"] > 0:
            return
        if state["complete"]:
            answer = page.request.get(state["src"])
            pytest.fail(f"the thumbnail did not load: {answer.status} {answer.headers}")
        if time.monotonic() > deadline:
            pytest.fail(f"the thumbnail was not drawn within {timeout:.0f} s: {state}")
        time.sleep(0.1)


def _upload(page: Any, draf: Draf, href: str, photo: bytes) -> tuple[int, tuple[int, int]]:
    """Choose ``photo`` on the *Upload Baru* form of ``href``, press *Simpan*, wait for the
    detail page; return the body size of the POST and the stored image's size."""
    posts: list[Any] = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)
    page.get_by_label("File Dokumen", exact=True).set_input_files(
        files=[{"name": "foto-ktp.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    page.locator(f"{UPLOAD_FORM} button[type=submit]").click()
    page.locator(".msg-success").wait_for()
    assert "ditambahkan" in page.locator(".msg-success").inner_text()
    assert page.url == draf.detail_url
    assert len(posts) == 1
    body = int(posts[0].all_headers()["content-length"])

    row = page.locator(f'#data-dukung tr:has(a[href="{href}"])')
    thumb = row.locator("img")
    thumb.scroll_into_view_if_needed()  # loading="lazy"
    _wait_until_drawn(page, thumb)
    full = page.request.get(draf.base + str(row.locator("a:has(img)").get_attribute("href")))
    assert full.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(full.body())) as stored:
        return body, stored.size


def test_large_photo_is_shrunk_in_the_browser_with_progress(budi, draf):
    page, photo = budi, _large_photo("Dengan JavaScript")
    assert 3_000_000 < len(photo) < 6_000_000
    page.goto(draf.base + draf.tambah[0])
    page.evaluate(WATCH_STATUS_JS)

    body, stored = _upload(page, draf, draf.tambah[0], photo)

    assert body < len(photo) // 2, (body, len(photo))
    assert max(stored) <= 2480
    assert page.evaluate("Number(sessionStorage.getItem('progres'))") == 100
    seen = page.evaluate("JSON.parse(sessionStorage.getItem('teks'))")
    assert "Memperkecil foto…" in seen
    assert any(t.startswith(("Ukuran foto: 3,", "Ukuran foto: 4,")) for t in seen)
    assert any(t.startswith("Mengunggah… ") for t in seen)


def test_without_javascript_the_plain_form_sends_the_original(budi_tanpa_js, draf):
    page, photo = budi_tanpa_js, _large_photo("Tanpa JavaScript")
    page.goto(draf.base + draf.tambah[1])
    assert page.locator("#unggah-status").is_hidden()

    body, stored = _upload(page, draf, draf.tambah[1], photo)

    assert body > len(photo)  # the whole file, in its multipart envelope
    assert max(stored) <= 2480  # the server shrinks it


def test_form_errors_come_back_and_the_form_still_shrinks(budi, draf):
    """The server's answer with errors replaces the page; the script works again on it."""
    page, photo = budi, _large_photo("Tanggal kosong")
    page.goto(draf.base + draf.tambah[2])
    page.get_by_label("Tanggal Dokumen", exact=True).fill("")
    page.get_by_label("File Dokumen", exact=True).set_input_files(
        files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    page.locator(f"{UPLOAD_FORM} button[type=submit]").click()
    page.get_by_text("Isi tanggal dokumen.").wait_for()
    assert page.url == draf.base + draf.tambah[2]
    assert page.locator("#unggah-status").is_hidden()

    page.get_by_label("Tanggal Dokumen", exact=True).fill("2025-01-02")
    page.evaluate(WATCH_STATUS_JS)
    body, stored = _upload(page, draf, draf.tambah[2], photo)

    assert body < len(photo) // 2
    assert max(stored) <= 2480
    assert page.evaluate("Number(sessionStorage.getItem('progres'))") == 100


def test_progress_moves_on_a_slow_connection(budi, draf):
    """At 3G speed (750 kbit/s up and down) the bar shows the upload going on."""
    page, photo = budi, _large_photo("Lambat", noise=2, lines=8)
    assert len(photo) > 1_000_000
    page.goto(draf.base + draf.tambah[3])
    page.evaluate(WATCH_STATUS_JS)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    speed = 750_000 / 8  # bytes per second
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 150, "downloadThroughput": speed, "uploadThroughput": speed},
    )

    body, stored = _upload(page, draf, draf.tambah[3], photo)

    assert body < len(photo) // 2
    assert max(stored) <= 2480
    seen = page.evaluate("JSON.parse(sessionStorage.getItem('teks'))")
    percentages = {int(t[len("Mengunggah… ") : -1]) for t in seen if t.startswith("Mengunggah")}
    assert percentages & set(range(5, 96)), percentages  # between the start and the end
    assert page.evaluate("Number(sessionStorage.getItem('progres'))") == 100


def test_shrunk_photo_keeps_the_phone_orientation(budi, draf):
    """The EXIF orientation is applied before the photo is redrawn (the redrawn JPEG has no
    EXIF left for the server to apply): an upright photo stays upright."""
    page, photo = budi, _large_photo("Tegak", orientation=6)
    page.goto(draf.base + draf.tambah[4])

    body, (width, height) = _upload(page, draf, draf.tambah[4], photo)

    assert body < len(photo) // 2
    assert (width, height) == (1860, 2480)


def test_upload_form_is_accessible_at_360_px(budi, draf, axe_violations):
    page = budi
    audit = A11yAudit(page, axe_violations)
    page.goto(draf.base + draf.tambah[0])
    audit.check("tambah dokumen")
    # The status box as it looks while a photo is sent.
    page.evaluate("""() => {
      const box = document.getElementById("unggah-status");
      box.hidden = false;
      box.querySelector("progress").value = 45;
      box.querySelector("[data-baris]").textContent = "Mengunggah… 45%";
      box.querySelector("[data-ukuran-baris]").textContent = "Ukuran foto: 4,1 MB → 0,9 MB";
    }""")
    audit.check("tambah dokumen, sedang mengunggah")
    audit.assert_clean()
