"""Who sees which information item (PUB-4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from sintren.informasi.models import Informasi
from sintren.informasi.selectors import informasi_get_visible, informasi_visible
from sintren.informasi.tests.factories import InformasiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user() -> AbstractBaseUser:
    return get_user_model().objects.create_user(username="pemohon", password="rahasia-123")


@pytest.fixture
def items() -> dict[str, Informasi]:
    return {
        "umum": InformasiFactory.create(),
        "sistem": InformasiFactory.create(sistem=True),
        "rahasia": InformasiFactory.create(rahasia=True),
        "nonaktif": InformasiFactory.create(nonaktif=True),
        "terjadwal": InformasiFactory.create(terjadwal=True),
        "rahasia_nonaktif": InformasiFactory.create(rahasia=True, nonaktif=True),
    }


def test_anonymous_sees_umum_and_sistem_only(items: dict[str, Informasi]) -> None:
    assert set(informasi_visible(AnonymousUser())) == {items["umum"], items["sistem"]}


def test_logged_in_user_also_sees_rahasia(
    items: dict[str, Informasi], user: AbstractBaseUser
) -> None:
    visible = set(informasi_visible(user))
    assert visible == {items["umum"], items["sistem"], items["rahasia"]}


def test_newest_first() -> None:
    now = timezone.now()
    lama = InformasiFactory.create(diterbitkan=now - dt.timedelta(days=3))
    baru = InformasiFactory.create(diterbitkan=now - dt.timedelta(minutes=1))
    tengah = InformasiFactory.create(diterbitkan=now - dt.timedelta(days=1))
    assert list(informasi_visible(AnonymousUser())) == [baru, tengah, lama]


def test_future_item_appears_once_its_time_has_come() -> None:
    item = InformasiFactory.create(diterbitkan=timezone.now() + dt.timedelta(seconds=60))
    assert item not in informasi_visible(AnonymousUser())
    item.diterbitkan = timezone.now() - dt.timedelta(seconds=1)
    item.save()
    assert item in informasi_visible(AnonymousUser())


def test_get_visible_404s_for_hidden_items(
    items: dict[str, Informasi], user: AbstractBaseUser
) -> None:
    anon = AnonymousUser()
    umum = items["umum"]
    assert informasi_get_visible(anon, umum.pk) == umum
    for key in ("rahasia", "nonaktif", "terjadwal"):
        with pytest.raises(Http404):
            informasi_get_visible(anon, items[key].pk)
    rahasia = items["rahasia"]
    assert informasi_get_visible(user, rahasia.pk) == rahasia
    with pytest.raises(Http404):
        informasi_get_visible(user, items["rahasia_nonaktif"].pk)
    with pytest.raises(Http404):
        informasi_get_visible(anon, 999999)
