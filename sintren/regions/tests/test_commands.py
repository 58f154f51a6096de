"""``manage.py load_wilayah``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sintren.regions.models import Wilayah

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("load_wilayah", *args, stdout=out)
    return out.getvalue()


def test_only_loads_a_subset_then_reports_it_as_loaded() -> None:
    first = _run("--only", "33.26")
    assert "Wilayah loaded: 1 provinsi, 1 kabupaten/kota, 19 kecamatan, 285 desa/kelurahan" in first
    assert Wilayah.objects.count() == 1 + 1 + 19 + 285
    second = _run("--only", "33.26")
    assert "already loaded" in second


def test_force_reloads(db: None) -> None:
    _run("--only", "33.26")
    Wilayah.objects.filter(code="33.26.07").update(name="X")
    assert "Wilayah loaded" in _run("--only", "33.26", "--force")
    assert Wilayah.objects.get(code="33.26.07").name == "Karanganyar"


def test_quiet_prints_nothing() -> None:
    out = StringIO()
    call_command("load_wilayah", only="33.26", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    assert Wilayah.objects.filter(code="33.26.07.2008").exists()


def test_bad_code_is_a_command_error() -> None:
    with pytest.raises(CommandError, match="Not a region code"):
        _run("--only", "33-26")
