"""The TOTP primitives: window, replay protection, the QR code markup."""

from __future__ import annotations

import pyotp
import pytest

from sintren.backoffice import totp
from sintren.backoffice.demo import DEMO_ADMIN_TOTP_SECRET, demo_admin_totp
from sintren.backoffice.models import PerangkatTotp
from sintren.backoffice.services import perangkat_totp_confirm, perangkat_totp_verify
from sintren.backoffice.tests.utils import ADMIN_SECRET, wrong_code
from sintren.core.tests.concurrency import run_concurrently

NOW = 1_800_000_000.0


def test_matching_step_accepts_one_step_either_side_only() -> None:
    gen = pyotp.TOTP(ADMIN_SECRET)
    step = totp.current_step(NOW)
    for offset in (-1, 0, 1):
        code = gen.at(NOW + offset * 30)
        assert totp.matching_step(ADMIN_SECRET, code, now=NOW) == step + offset
    assert totp.matching_step(ADMIN_SECRET, gen.at(NOW - 60), now=NOW) is None
    assert totp.matching_step(ADMIN_SECRET, gen.at(NOW + 60), now=NOW) is None


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", None])
def test_matching_step_refuses_malformed_codes(code: str | None) -> None:
    assert totp.matching_step(ADMIN_SECRET, code or "", now=NOW) is None


def test_verify_refuses_replay_of_the_same_code(perangkat_admin: PerangkatTotp) -> None:
    code = pyotp.TOTP(ADMIN_SECRET).now()
    assert perangkat_totp_verify(user=perangkat_admin.user, code=code) is True
    assert perangkat_totp_verify(user=perangkat_admin.user, code=code) is False


def test_verify_refuses_an_older_code_after_a_newer_one(perangkat_admin: PerangkatTotp) -> None:
    step = totp.current_step()
    PerangkatTotp.objects.filter(pk=perangkat_admin.pk).update(last_used_step=step + 1)
    code = pyotp.TOTP(ADMIN_SECRET).now()
    assert perangkat_totp_verify(user=perangkat_admin.user, code=code) is False


def test_verify_needs_a_confirmed_device(perangkat_admin: PerangkatTotp) -> None:
    PerangkatTotp.objects.filter(pk=perangkat_admin.pk).update(confirmed=False)
    code = pyotp.TOTP(ADMIN_SECRET).now()
    assert perangkat_totp_verify(user=perangkat_admin.user, code=code) is False


def test_confirm_marks_the_device_and_uses_the_step(admin) -> None:  # type: ignore[no-untyped-def]
    perangkat = PerangkatTotp.objects.create(user=admin, secret=ADMIN_SECRET)
    assert perangkat_totp_confirm(perangkat=perangkat, code=wrong_code(ADMIN_SECRET)) is False
    assert not PerangkatTotp.objects.get(pk=perangkat.pk).confirmed
    code = pyotp.TOTP(ADMIN_SECRET).now()
    assert perangkat_totp_confirm(perangkat=perangkat, code=code) is True
    perangkat.refresh_from_db()
    assert perangkat.confirmed
    assert perangkat.last_used_step is not None
    assert perangkat_totp_verify(user=admin, code=code) is False  # same code: replay


def test_qr_svg_is_inline_markup_without_style_or_external_reference() -> None:
    svg = totp.qr_svg("otpauth://totp/SINTREN:admin?secret=" + ADMIN_SECRET)
    assert svg.startswith("<svg ")
    assert "<path" in svg
    assert "style=" not in svg
    assert "href" not in svg
    assert "<?xml" not in svg


def test_demo_secret_is_valid_base32_and_demo_admin_gets_it(admin) -> None:  # type: ignore[no-untyped-def]
    admin.username = "admin"
    admin.save()
    line = demo_admin_totp()
    assert line is not None
    assert DEMO_ADMIN_TOTP_SECRET in line
    perangkat = PerangkatTotp.objects.get(user=admin)
    assert perangkat.confirmed
    assert perangkat.secret == DEMO_ADMIN_TOTP_SECRET
    code = pyotp.TOTP(DEMO_ADMIN_TOTP_SECRET).now()
    assert perangkat_totp_verify(user=admin, code=code) is True


@pytest.mark.django_db(transaction=True)
def test_concurrent_use_of_one_code_lets_exactly_one_win(admin) -> None:  # type: ignore[no-untyped-def]
    PerangkatTotp.objects.create(user=admin, secret=ADMIN_SECRET, confirmed=True)
    code = pyotp.TOTP(ADMIN_SECRET).now()
    results = run_concurrently(
        lambda: perangkat_totp_verify(user=admin, code=code), threads=4
    ).results
    assert sorted(results) == [False, False, False, True]
