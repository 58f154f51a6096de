"""Sessions written once per request (sintren/core/session_engines): a login inserts the new
session row once, together with the last-login time; nothing a request wrote is lost."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sintren.accounts.tests.factories import PASSWORD
from sintren.accounts.tests.helpers import login
from sintren.core.session_engines import cached_db, db

pytestmark = pytest.mark.django_db
ENGINES = [db.SessionStore, cached_db.SessionStore]


def _writes(queries: list[dict[str, Any]], table: str) -> list[str]:
    return [
        q["sql"].split()[0].upper()
        for q in queries
        if table in q["sql"] and q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]


def test_the_configured_engine_is_one_of_ours() -> None:
    assert import_module(settings.SESSION_ENGINE).SessionStore in ENGINES


@pytest.mark.parametrize("store_class", ENGINES)
def test_cycle_key_writes_nothing_until_the_save(store_class: Any) -> None:
    store = store_class()
    store["kunci"] = "nilai"
    store.save()
    old_key = store.session_key
    with CaptureQueriesContext(connection) as seen:
        store.cycle_key()
    assert _writes(seen.captured_queries, "django_session") == ["DELETE"]  # the old row only
    assert store.session_key != old_key
    assert not Session.objects.filter(session_key=store.session_key).exists()

    store.save()

    assert not Session.objects.filter(session_key=old_key).exists()
    assert store_class(store.session_key).load() == {"kunci": "nilai"}


@pytest.mark.parametrize("store_class", ENGINES)
def test_a_taken_key_is_never_overwritten(store_class: Any) -> None:
    """The first write of a cycled key is an INSERT: if the key were taken (it is drawn
    without looking), another is drawn and the other session is left alone."""
    other = store_class()
    other["pemilik"] = "lain"
    other.save()
    store = store_class()
    store["pemilik"] = "saya"
    store.cycle_key()
    drawn = iter([other.session_key, "k" * 32])
    store._get_new_session_key = lambda: next(drawn)
    store._session_key = next(drawn)

    store.save()

    assert store.session_key == "k" * 32
    assert store_class(other.session_key).load() == {"pemilik": "lain"}
    assert store_class("k" * 32).load() == {"pemilik": "saya"}


@pytest.mark.parametrize("store_class", ENGINES)
def test_a_save_of_what_was_written_is_skipped_and_a_change_is_written(store_class: Any) -> None:
    store = store_class()
    store["daftar"] = {"a": 1}
    store.save()
    with CaptureQueriesContext(connection) as seen:
        store.save()
    assert _writes(seen.captured_queries, "django_session") == []

    store["daftar"]["b"] = 2  # a change inside a value, marked by hand
    store.modified = True
    store.save()

    assert store_class(store.session_key).load() == {"daftar": {"a": 1, "b": 2}}


def test_a_login_writes_the_session_once(client: Any, pemohon: Any) -> None:
    with CaptureQueriesContext(connection) as seen:
        response = login(client, pemohon.nik, PASSWORD)
    assert response.status_code == 302
    assert _writes(seen.captured_queries, "django_session") == ["INSERT"]
    assert _writes(seen.captured_queries, "accounts_user") == ["UPDATE"]  # last login
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    stored = import_module(settings.SESSION_ENGINE).SessionStore(key).load()
    assert int(stored["_auth_user_id"]) == pemohon.user.pk
    assert "_sintren_login_at" in stored
    assert client.get(reverse("accounts:login")).status_code == 302  # logged in: sent home
