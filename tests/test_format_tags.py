"""The display filters of ``sintren.core.templatetags.format_tags``."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from sintren.core.templatetags.format_tags import nomor_hp, ukuran_mb


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("+6285293499722", "0852-9349-9722"),
        ("6285293499722", "0852-9349-9722"),
        ("085293499722", "0852-9349-9722"),
        ("0852 9349 9722", "0852-9349-9722"),
        ("+6281234560001", "0812-3456-0001"),
        ("08123456789", "0812-3456-789"),
        ("+62812*****890", "0812-****-*890"),  # a partly hidden number keeps its stars
        ("+31201234567", "+31201234567"),  # not Indonesian: as it came
        ("bukan nomor", "bukan nomor"),
        ("", ""),
        (None, ""),
    ],
)
def test_nomor_hp(value: object, shown: str) -> None:
    assert nomor_hp(value) == shown


@pytest.mark.parametrize(
    ("kilobytes", "shown"),
    [
        (10240, "10 MB"),
        (1024, "1 MB"),
        (1536, "1,5 MB"),
        (512, "0,5 MB"),
        (20, "0,1 MB"),
        (0, "0 MB"),
        ("2048", "2 MB"),
        ("?", "?"),
    ],
)
def test_ukuran_mb(kilobytes: object, shown: str) -> None:
    assert ukuran_mb(kilobytes) == shown


def test_filters_load_in_a_template() -> None:
    template = Template("{% load format_tags %}{{ hp|nomor_hp }} {{ kb|ukuran_mb }}")
    assert template.render(Context({"hp": "+6285293499722", "kb": 5120})) == "0852-9349-9722 5 MB"
