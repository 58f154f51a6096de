"""The authentication backend reads the user, the applicant profile and the group flag
in one query (every page behind a login needs all three)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sintren.accounts.backends import BACKEND, GRUP_ATTR, SintrenBackend
from sintren.accounts.models import AnggotaGrup, GrupPemohon, Pemohon, User
from sintren.accounts.modes import modes_for

pytestmark = pytest.mark.django_db


def test_it_is_the_configured_backend() -> None:
    from django.conf import settings as django_settings

    assert django_settings.AUTHENTICATION_BACKENDS == [BACKEND]


def test_user_profile_and_group_flag_in_one_query(pemohon: Pemohon) -> None:
    with CaptureQueriesContext(connection) as ctx:
        user = SintrenBackend().get_user(pemohon.user_id)
        assert user is not None
        assert user.pemohon.nik == pemohon.nik
        assert getattr(user, GRUP_ATTR) is False
        assert [m.value for m in modes_for(user)] == ["pribadi"]  # no group query either
    assert len(ctx.captured_queries) == 1


def test_an_active_membership_shows_the_groups(pemohon: Pemohon) -> None:
    grup = GrupPemohon.objects.create(nama="Desa Karangsari", wilayah=pemohon.wilayah)
    anggota = AnggotaGrup.objects.create(grup=grup, pemohon=pemohon)
    user = SintrenBackend().get_user(pemohon.user_id)
    assert user is not None
    assert getattr(user, GRUP_ATTR) is True
    assert [m.value for m in modes_for(user)] == ["pribadi", str(grup.pk)]
    anggota.aktif = False
    anggota.save()
    user = SintrenBackend().get_user(pemohon.user_id)
    assert user is not None
    assert getattr(user, GRUP_ATTR) is False


def test_staff_have_no_profile_and_inactive_users_none(verifikator: User) -> None:
    user = SintrenBackend().get_user(verifikator.pk)
    assert user is not None
    with pytest.raises(User.pemohon.RelatedObjectDoesNotExist):
        user.pemohon  # noqa: B018 - the access is the check
    verifikator.is_active = False
    verifikator.save()
    assert SintrenBackend().get_user(verifikator.pk) is None
    assert SintrenBackend().get_user(10**9) is None


def _fields(obj: object) -> dict[str, object]:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}  # type: ignore[attr-defined]


def test_the_compiled_query_loads_what_the_orm_loads(pemohon: Pemohon) -> None:
    from sintren.accounts.backends import user_queryset

    User.objects.filter(pk=pemohon.user_id).update(last_login=timezone.now())
    expected = user_queryset().get(pk=pemohon.user_id)
    user = SintrenBackend().get_user(pemohon.user_id)
    assert user is not None
    assert _fields(user) == _fields(expected)
    assert user.last_login is not None
    assert timezone.is_aware(user.last_login)
    assert _fields(user.pemohon) == _fields(expected.pemohon)
    assert user.pemohon.user is user  # the reverse side is cached too, as the ORM does
    assert user._state.db == expected._state.db
    assert not user._state.adding


def test_a_session_id_that_is_no_number_finds_nobody(pemohon: Pemohon) -> None:
    assert SintrenBackend().get_user("bukan-angka") is None
    assert SintrenBackend().get_user(str(pemohon.user_id)) is not None


@pytest.mark.django_db(transaction=True)
def test_the_query_survives_a_new_connection_and_other_threads(pemohon: Pemohon) -> None:
    import threading

    assert SintrenBackend().get_user(pemohon.user_id) is not None
    found: list[object] = []

    def other_thread() -> None:
        try:
            user = SintrenBackend().get_user(pemohon.user_id)
            found.append(user.pk if user else None)
        finally:
            connection.close()

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    assert found == [pemohon.user_id]  # compiled for that thread's own connection
    connection.close()
    assert SintrenBackend().get_user(pemohon.user_id) is not None  # reconnected


# --- PostgreSQL: a prepared statement per server session -----------------------------------------
def _prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


def test_prepare_and_execute_forms_number_the_parameters() -> None:
    from sintren.accounts.backends import _prepared_forms

    prepare, execute = _prepared_forms('SELECT %s AS "a" FROM t WHERE t.id = %s', 2)
    assert prepare is not None
    name = prepare.split()[1]
    assert name.startswith("sintren_user_")
    assert prepare.replace(name, "N") == 'PREPARE N AS SELECT $1 AS "a" FROM t WHERE t.id = $2'
    assert execute.replace(name, "N") == "EXECUTE N(%s, %s)"
    # Another query, another name; SQL with an escaped % or a $ is left as it is.
    assert _prepared_forms("SELECT %s", 1)[0] != prepare
    assert _prepared_forms("SELECT '%%' || %s", 1) == (None, "SELECT '%%' || %s")
    assert _prepared_forms("SELECT '$1', %s", 1) == (None, "SELECT '$1', %s")
    assert _prepared_forms("SELECT %s", 2) == (None, "SELECT %s")


@pytest.mark.django_db(transaction=True)
def test_postgresql_runs_the_prepared_query_outside_transactions(pemohon: Pemohon) -> None:
    from django.db import transaction
    from django.test import override_settings

    from sintren.accounts.backends import user_queryset

    if connection.vendor != "postgresql":
        with CaptureQueriesContext(connection) as ctx:
            assert SintrenBackend().get_user(pemohon.user_id) is not None
        assert not ctx.captured_queries[0]["sql"].startswith(("PREPARE", "EXECUTE"))
        return
    connection.close()  # a new server session: nothing prepared yet
    expected = user_queryset().get(pk=pemohon.user_id)
    with CaptureQueriesContext(connection) as ctx:
        first = SintrenBackend().get_user(pemohon.user_id)
        again = SintrenBackend().get_user(pemohon.user_id)
    # One statement per page, as before: PREPARE is the session's set-up, not a query.
    assert [q["sql"].split()[0] for q in ctx.captured_queries] == ["EXECUTE", "EXECUTE"]
    assert first is not None
    assert again is not None
    assert _fields(first) == _fields(again) == _fields(expected)
    assert _fields(first.pemohon) == _fields(expected.pemohon)
    assert len([n for n in _prepared_names() if n.startswith("sintren_user_")]) == 1
    # Inside a transaction, and when turned off, the plain SQL.
    with CaptureQueriesContext(connection) as ctx:
        with transaction.atomic():
            assert SintrenBackend().get_user(pemohon.user_id) is not None
        with override_settings(PREPARED_STATEMENTS=False):
            assert SintrenBackend().get_user(pemohon.user_id) is not None
    statements = [q["sql"].split()[0] for q in ctx.captured_queries]
    assert [s for s in statements if s not in {"BEGIN", "COMMIT"}] == ["SELECT", "SELECT"]
    # A deactivated user is refused at once: the statement reads the row every time.
    User.objects.filter(pk=pemohon.user_id).update(is_active=False)
    assert SintrenBackend().get_user(pemohon.user_id) is None


@pytest.mark.django_db(transaction=True)
def test_the_login_lookup_by_nik_loads_what_the_orm_loads(
    pemohon: Pemohon, verifikator: User
) -> None:
    """``user_by_nik``: the same compiled query by the applicant's NIK (prepared on
    PostgreSQL outside transactions), the profile cached both ways; nobody for an
    unknown NIK or a NIK-shaped staff name."""
    from sintren.accounts.backends import user_by_nik, user_queryset

    expected = user_queryset().get(pemohon__nik=pemohon.nik)
    with CaptureQueriesContext(connection) as ctx:
        user = user_by_nik(pemohon.nik)
    assert len(ctx.captured_queries) == 1
    if connection.vendor == "postgresql":
        assert ctx.captured_queries[0]["sql"].startswith("EXECUTE")
    assert user is not None
    assert _fields(user) == _fields(expected)
    assert _fields(user.pemohon) == _fields(expected.pemohon)
    assert user.pemohon.user is user
    assert user_by_nik("3326071708909999") is None
    User.objects.filter(pk=verifikator.pk).update(username=pemohon.nik[:-1] + "8")
    assert user_by_nik(pemohon.nik[:-1] + "8") is None
    assert user_by_nik("' OR 1=1 --") is None
