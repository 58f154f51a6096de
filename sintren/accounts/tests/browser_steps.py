"""Steps of the applicant's flows in a real browser, as a citizen reading the manual."""

from __future__ import annotations

import re
import secrets
from typing import Any

from sintren.core.tests.utils import solve_captcha

NAMA_IBU = "Siti Aminah"
KATA_KUNCI = "Pekalongan2024"
_AKTIVASI_RE = re.compile(r"/pemohon/aktivasi/[A-Za-z0-9_-]+/")
_DUPLICATE_IDS_JS = """() => {
  const seen = new Map();
  for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}"""


def new_applicant() -> dict[str, str]:
    """A fresh man born 17-08-1990 in Karanganyar, with a random serial and phone."""
    serial = secrets.randbelow(9000) + 1000
    return {
        "nik": f"332607170890{serial}",
        "nama": "Uji Coba " + "".join(secrets.choice("ABCDEFGHIJKLMNOPRSTUWY") for _ in range(6)),
        "kk": f"332607010190{serial}",
        "hp": f"08122{secrets.randbelow(10**7):07d}",
    }


def answer_captcha(page: Any) -> None:
    """Read the captcha question from its label and type the answer."""
    label = page.locator(".field-captcha label")
    question = label.inner_text()
    page.get_by_label(question, exact=True).fill(str(solve_captcha(question)))


def fill_registration(page: Any, data: dict[str, str], *, identity: bool = True) -> None:
    """Fill *Pendaftaran Pemohon* by its labels (the NIK only when ``identity``)."""
    if identity:
        page.get_by_label("NIK", exact=True).fill(data["nik"])
        page.get_by_label("Nama Lengkap", exact=True).fill(data["nama"])
    page.get_by_label("Nomor KK", exact=True).fill(data["kk"])
    page.get_by_label("Tempat Lahir", exact=True).fill("Pekalongan")
    page.get_by_label("Tanggal Lahir", exact=True).fill("17-08-1990")
    page.get_by_label("Nama Ibu Kandung", exact=True).fill(NAMA_IBU)
    page.get_by_label("Kecamatan", exact=True).select_option(label="Karanganyar")
    page.get_by_label("Desa/Kelurahan", exact=True).select_option(label="Karangsari")
    page.get_by_label("Nomor HP (WhatsApp)", exact=True).fill(data["hp"])
    page.get_by_label("Email", exact=True).fill(f"{data['nik'][-4:]}@contoh.id")
    page.get_by_label("Kata Kunci", exact=True).fill(KATA_KUNCI)
    page.get_by_label("Ulangi Kata Kunci", exact=True).fill(KATA_KUNCI)
    answer_captcha(page)


def submit_registration(page: Any, data: dict[str, str]) -> None:
    """Fill the open *Pendaftaran Pemohon* form, send it and wait for the confirmation."""
    fill_registration(page, data)
    page.get_by_role("button", name="Daftar", exact=True).click()
    page.wait_for_load_state()
    if page.locator(".error-summary").count():
        raise AssertionError(page.locator("main").inner_text())
    page.get_by_role("heading", name="Pendaftaran berhasil").wait_for()


def register(page: Any, base_url: str, data: dict[str, str]) -> None:
    """*Pendaftaran Pemohon* from its page to *Pendaftaran berhasil*."""
    page.goto(base_url + "/pemohon/daftar/")
    submit_registration(page, data)


def staff_decide(browser: Any, base_url: str, nama: str, *, tolak: str | None = None) -> None:
    """The demo verifier approves (or rejects with ``tolak``) in the back office."""
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    try:
        page.goto(base_url + "/backoffice/login/")
        page.get_by_label("Nama Pengguna").fill("verifikator")
        page.get_by_label("Kata Sandi").fill("sintren-demo")
        page.get_by_role("button", name="Login").click()
        page.goto(base_url + "/backoffice/pendaftaran/")
        page.get_by_role("link", name=nama).click()
        if tolak:
            page.get_by_label("Alasan").fill(tolak)
            page.get_by_role("button", name="Tolak", exact=True).click()
        else:
            page.get_by_role("link", name="Setujui", exact=True).click()
            page.get_by_role("button", name="Ya, Setujui").click()
        page.get_by_text("Pesan ke Pemohon").wait_for()
    finally:
        context.close()


def outbox_item(page: Any, base_url: str, *texts: str) -> Any:
    """The newest message in the development outbox that contains every one of ``texts``."""
    page.goto(base_url + "/dev/outbox/")
    item = page.locator(".outbox-item")
    for text in texts:
        item = item.filter(has_text=text)
    return item.first


def activation_link(page: Any, base_url: str, phone_tail: str) -> str:
    """The newest activation link sent to the number ending in ``phone_tail``."""
    item = outbox_item(page, base_url, phone_tail, "aktivasi")
    match = _AKTIVASI_RE.search(item.inner_text())
    assert match is not None, "no activation link in the outbox"
    return base_url + match[0]


def activate(page: Any, link: str, nama_ibu: str = NAMA_IBU) -> None:
    """*Aktivasi Pemohon* through ``link``, answering with the mother's name."""
    page.goto(link)
    page.get_by_label("Nama Ibu Kandung", exact=True).fill(nama_ibu)
    answer_captcha(page)
    page.get_by_role("button", name="Proses Aktivasi").click()
    page.get_by_role("heading", name="Aktivasi berhasil").wait_for()


def active_applicant(page: Any, browser: Any, base_url: str) -> dict[str, str]:
    """Register, have the Dinas approve, activate: a fresh applicant who may log in."""
    data = new_applicant()
    register(page, base_url, data)
    staff_decide(browser, base_url, data["nama"])
    activate(page, activation_link(page, base_url, data["hp"][-6:]))
    return data


def login(page: Any, base_url: str, nik: str, password: str) -> None:
    """*Login Pemohon*: NIK, Kata Kunci, captcha, Login."""
    page.goto(base_url + "/pemohon/login/")
    page.get_by_label("NIK", exact=True).fill(nik)
    page.get_by_label("Kata Kunci", exact=True).fill(password)
    answer_captcha(page)
    page.get_by_role("button", name="Login", exact=True).click()


def logged_in(page: Any, base_url: str, nik: str, password: str) -> None:
    """:func:`login` and wait until the site confirms it."""
    login(page, base_url, nik, password)
    page.get_by_text("Anda berhasil login.").wait_for()


def a11y_problems(page: Any, axe_violations: Any, label: str) -> list[str]:
    """The open page's axe-core violations, and any horizontal scroll at 360 px, as text.

    Each problem names the page (``label``), the rule, the first targets and axe's help,
    so that a test collecting them over several pages fails with a readable list. Ids
    used twice in the page are reported too.
    """
    problems = [
        f"{label}: {v['id']} {[node['target'] for node in v['nodes']][:5]} – {v['help']}"
        for v in axe_violations(page)
    ]
    # axe-core 4.10+ no longer reports duplicate ids outside ARIA references.
    duplicates = page.evaluate(_DUPLICATE_IDS_JS)
    if duplicates:
        problems.append(f"{label}: duplicate id {duplicates}")
    width = page.viewport_size["width"]
    if width <= 360:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"{label}: {scroll_width} px wide on a {width} px screen")
    return problems


class A11yAudit:
    """Collects the accessibility problems of several pages, then fails once with all."""

    def __init__(self, page: Any, axe_violations: Any) -> None:
        self.page = page
        self.axe_violations = axe_violations
        self.problems: list[str] = []

    def check(self, label: str) -> None:
        """Record the problems of the page open now, named ``label``."""
        self.problems.extend(a11y_problems(self.page, self.axe_violations, label))

    def assert_clean(self) -> None:
        """Fail with every problem recorded, if any."""
        assert not self.problems, "\n".join(self.problems)
