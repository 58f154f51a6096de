"""Findings of an outside probe, replayed as an attacker would: HTTP requests only.

1. Pages with personal data must not be stored by a browser or proxy (no-store).
2. In production the memoised anonymous home still gets the HTTPS redirect and the
   ``Host`` check; ``/healthz`` answers any host over plain HTTP, on purpose.
3. A request body larger than its route allows is refused (413) before it is read.
4. A running gunicorn's log holds no link token (the caplog tests are in
   ``sintren/core/tests/test_logging.py``).
5. The embedded default makes its own secret key (more in ``test_settings.py``), and the
   development outbox exists only where nothing is really sent.
"""

from __future__ import annotations

import importlib
import io
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import clear_url_caches, reverse

from sintren.accounts.models import User
from sintren.accounts.tests.factories import (
    PASSWORD,
    PemohonFactory,
    StaffFactory,
    wilayah_pekalongan_create,
)
from sintren.accounts.tests.helpers import login
from sintren.backoffice.auth import OTP_KEY
from sintren.backoffice.models import PerangkatTotp
from sintren.public.middleware import home_memo_clear
from tests.test_urls_auth import ENTRIES

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024


# --- 1. no-store on every page behind a login ----------------------------------------------
def _no_store(response: Any) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def _real_paths() -> list[str]:
    """Back-office pages with a real registration, not only the dummies' 404."""
    pemohon = PemohonFactory.create()
    return [
        reverse("backoffice:pendaftaran_detail", args=[pemohon.pk]),
        reverse("backoffice:pendaftaran_list") + "?status=menunggu",
        reverse("backoffice:pesan_list"),
        reverse("backoffice:audit_list"),
    ]


def _walk_without_no_store(client: Client, paths: list[str]) -> list[str]:
    """Every path of the URLconf GET by ``client``; those answered without no-store."""
    missing = []
    for path in [entry.path for entry in ENTRIES] + paths:
        response = client.get(path)
        if not _no_store(response):
            cache_control = response.get("Cache-Control")
            missing.append(f"{path} ({response.status_code}, Cache-Control: {cache_control!r})")
    return missing


def _persona(persona: str) -> tuple[Client, str]:
    """A client logged in as ``persona``, and a page only that persona may open.

    Errors come back as responses (not exceptions): with Redis configured the URLconf
    also holds django-rq's admin pages, which fail on the walk's placeholder queue
    index; even that answer must not be storable.
    """
    client = Client(raise_request_exception=False)
    if persona == "pemohon":
        client.force_login(PemohonFactory.create(aktif=True).user)
        return client, "/pemohon/profil/"
    if persona == "verifikator":
        client.force_login(StaffFactory.create(role=User.Role.VERIFIKATOR))
        return client, "/backoffice/pendaftaran/"
    admin = StaffFactory.create(role=User.Role.ADMIN, is_superuser=True)
    PerangkatTotp.objects.create(user=admin, secret="JBSWY3DPEHPK3PXP", confirmed=True)
    client.force_login(admin)
    session = client.session
    session[OTP_KEY] = admin.pk
    session.save()
    return client, "/admin/"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["pemohon", "verifikator", "admin"])
def test_every_page_a_logged_in_user_opens_is_no_store(persona: str) -> None:
    wilayah_pekalongan_create()
    client, own_page = _persona(persona)
    assert client.get(own_page).status_code == 200  # logged in as that persona
    missing = _walk_without_no_store(client, _real_paths())
    assert not missing, f"{persona} got pages a browser may store:\n" + "\n".join(missing)
    assert client.get(own_page).status_code == 200  # the walk did not log out


@pytest.mark.django_db
def test_private_areas_are_no_store_for_an_anonymous_visitor_too(client: Client) -> None:
    private = [
        e.path
        for e in ENTRIES
        if e.path.startswith(("/pemohon/", "/backoffice/", "/admin/", "/dev/"))
    ]
    assert private
    missing = [path for path in private if not _no_store(client.get(path))]
    assert not missing, missing
    # A POST answer too (the login form sent back with errors).
    assert _no_store(client.post("/pemohon/login/", {"nik": "1", "password": "x"}))


@pytest.mark.django_db
def test_anonymous_public_pages_keep_their_caching(client: Client) -> None:
    home_memo_clear()
    home = client.get("/")
    assert home.status_code == 200
    assert not _no_store(home)
    regions = client.get("/wilayah/pilihan/?parent=")
    assert regions.status_code == 200
    assert regions["Cache-Control"] == "public, max-age=86400"  # immutable region data
    home_memo_clear()


@pytest.mark.django_db
def test_a_logged_in_user_gets_public_pages_no_store_too(client: Client) -> None:
    wilayah_pekalongan_create()
    client.force_login(PemohonFactory.create(aktif=True).user)
    for path in ("/", "/persyaratan/", "/wilayah/pilihan/?parent="):
        response = client.get(path)
        assert response.status_code == 200, path
        assert _no_store(response), (path, response.get("Cache-Control"))
        assert "public" not in response["Cache-Control"]


# --- 2. production: the memoised home behind the security middleware ------------------------
PROD_HOST = "sintren.example.go.id"


@pytest.fixture
def production_client(settings: Any, db: None) -> Iterator[Client]:
    """A client of a site with the production security settings; no memo at the start."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.ALLOWED_HOSTS = [PROD_HOST]
    home_memo_clear()
    yield Client()  # middleware built on its first request, with these settings
    home_memo_clear()


def _prime_home_memo(client: Client, django_assert_num_queries: Any) -> None:
    assert client.get("/", secure=True, HTTP_HOST=PROD_HOST).status_code == 200
    with django_assert_num_queries(0):  # the second one is served from the memo
        assert client.get("/", secure=True, HTTP_HOST=PROD_HOST).status_code == 200


def test_plain_http_home_redirects_to_https_even_when_memoised(
    production_client: Client, django_assert_num_queries: Any
) -> None:
    _prime_home_memo(production_client, django_assert_num_queries)
    response = production_client.get("/", HTTP_HOST=PROD_HOST)
    assert response.status_code == 301
    assert response["Location"] == f"https://{PROD_HOST}/"


def test_memoised_home_gets_hsts(production_client: Client, django_assert_num_queries: Any) -> None:
    _prime_home_memo(production_client, django_assert_num_queries)
    with django_assert_num_queries(0):
        response = production_client.get("/", secure=True, HTTP_HOST=PROD_HOST)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("secure", [True, False], ids=["https", "http"])
def test_a_foreign_host_never_gets_the_memoised_home(
    production_client: Client, django_assert_num_queries: Any, secure: bool
) -> None:
    _prime_home_memo(production_client, django_assert_num_queries)
    response = production_client.get("/", secure=secure, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert b"Permintaan tidak dapat diproses" in response.content


def test_healthz_answers_any_host_over_plain_http(production_client: Client) -> None:
    # Documented (docs/operations.md, Health): load balancers probe by address over HTTP.
    for host in ("10.0.0.7:8000", "evil.example", PROD_HOST):
        response = production_client.get("/healthz", HTTP_HOST=host)
        assert (response.status_code, response.content) == (200, b"ok")
        assert response["Cache-Control"] == "no-store"


# --- 3. request size ------------------------------------------------------------------------
class BodyProbe(io.BytesIO):
    """A request body that records whether anything read it."""

    touched = False

    def read(self, size: int | None = -1) -> bytes:
        self.touched = True
        return super().read(size)

    def readline(self, size: int | None = -1) -> bytes:
        self.touched = True
        return super().readline(size)


def _post_claiming(client: Client, path: str, length: int) -> tuple[Any, BodyProbe]:
    """POST a small multipart body to ``path`` with ``Content-Length: length``."""
    probe = BodyProbe(b'--x\r\nContent-Disposition: form-data; name="nik"\r\n\r\n1\r\n--x--\r\n')
    environ: dict[str, Any] = {"CONTENT_LENGTH": str(length), "wsgi.input": probe}
    content_type = "multipart/form-data; boundary=x"
    # The data given here only makes the client send a body; the probe replaces it.
    response = client.generic("POST", path, b"-", content_type=content_type, **environ)
    return response, probe


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/pemohon/login/", "/backoffice/login/", "/pemohon/daftar/"])
def test_a_50_mb_body_is_refused_before_it_is_read(client: Client, path: str) -> None:
    response, probe = _post_claiming(client, path, 50 * MIB)
    assert response.status_code == 413
    assert '<html lang="id">' in response.content.decode()
    assert "Data yang dikirim terlalu besar." in response.content.decode()
    assert not probe.touched


@pytest.mark.django_db
def test_the_limit_is_that_of_the_longest_matching_prefix(client: Client) -> None:
    # Every form: 64 KiB.
    assert _post_claiming(client, "/pemohon/login/", 64 * 1024 + 1)[0].status_code == 413
    # The admin uploads catalogue files: 200 KiB passes the gate (the admin answers).
    body = {"username": "x" * 200 * 1024, "password": "x"}
    assert client.post("/admin/login/", body).status_code != 413
    assert _post_claiming(client, "/admin/login/", 21 * MIB)[0].status_code == 413
    # The coming upload routes have their line in the table already.
    response, probe = _post_claiming(client, "/pemohon/pengajuan/1/berkas/", 5 * MIB)
    assert response.status_code == 404  # no such route yet, but not refused for its size
    assert not probe.touched
    assert _post_claiming(client, "/pemohon/pengajuan/1/berkas/", 13 * MIB)[0].status_code == 413


def test_limits_table_defaults() -> None:
    from sintren.core.middleware import RequestBodyLimitMiddleware

    gate = RequestBodyLimitMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
    assert gate.limit_for("/pemohon/login/") == 64 * 1024
    assert gate.limit_for("/pemohon/pengajuan/12/unggah/") == 12 * MIB
    assert gate.limit_for("/admin/catalog/formulir/add/") == 20 * MIB


@pytest.mark.django_db
def test_a_chunked_body_of_unknown_length_is_refused(client: Client) -> None:
    response = client.generic("POST", "/pemohon/login/", HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411
    assert '<html lang="id">' in response.content.decode()
    # A GET has no body Django would read: it is answered as usual.
    assert client.get("/pemohon/login/", HTTP_TRANSFER_ENCODING="chunked").status_code == 200


@pytest.mark.django_db
def test_a_malformed_content_length_is_a_400(client: Client) -> None:
    for value in ("-1", "abc"):
        response = client.generic("POST", "/pemohon/login/", b"x", CONTENT_LENGTH=value)
        assert response.status_code == 400


@pytest.mark.django_db
def test_a_normal_login_still_works(client: Client) -> None:
    wilayah_pekalongan_create()
    pemohon = PemohonFactory.create(aktif=True)
    response = login(client, pemohon.nik, PASSWORD)
    assert response.status_code == 302
    assert client.get("/pemohon/profil/").status_code == 200


# --- 3. the same against a real gunicorn ----------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# One worker, an access log to stdout; ./gunicorn.conf.py is read from the cwd.
SERVER_ARGS = ["-w", "1", "--threads", "2", "--access-logfile", "-"]


@dataclass(frozen=True)
class Server:
    url: str
    port: int
    data_dir: Path


@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A gunicorn of the embedded default (own data directory, no variable set)."""
    data_dir = tmp_path_factory.mktemp("hardening")
    drop = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SECRET_KEY_FILE", "SINTREN_ENV"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", SINTREN_DATA_DIR=str(data_dir))
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "createcachetable"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    with (data_dir / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [gunicorn, "config.wsgi", "-b", f"127.0.0.1:{port}", *SERVER_ARGS],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (data_dir / "server.log").read_text()
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not come up"
                time.sleep(0.2)
        yield Server(url, port, data_dir)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_gunicorn_answers_a_50_mb_post_with_413_at_once(gunicorn_server: Server) -> None:
    head = (
        "POST /pemohon/login/ HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {50 * MIB}\r\n\r\n"
    )
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", gunicorn_server.port), timeout=10) as sock:
        sock.sendall(head.encode() + b"--x\r\n")  # 49.99 MB never follow
        answer = sock.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert time.monotonic() - started < 5


def _get(url: str, **headers: str) -> int:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_gunicorn_and_django_log_no_live_token(gunicorn_server: Server) -> None:
    """Item 4 through the real server: access log (./gunicorn.conf.py) and django.request."""
    url = gunicorn_server.url
    token = secrets.token_urlsafe(32)
    reset = f"MQ.{time.time_ns():x}-{secrets.token_hex(10)}"
    nik = "3326071708900001"
    assert _get(f"{url}/pemohon/aktivasi/{token}/") == 410  # "Gone: <path>"
    assert _get(f"{url}/pemohon/reset/{reset}/") == 400  # "Bad Request: <path>"
    assert _get(f"{url}/pemohon/aktivasi/{token}/lagi/") == 404  # "Not Found: <path>"
    # The link page's own stylesheet names the page in its Referer.
    referer = f"{url}/pemohon/reset/{reset}/"
    assert _get(f"{url}/static/css/sintren.css", Referer=referer) == 200
    assert _get(f"{url}/persyaratan/?nik={nik}") == 200  # a query string is not logged
    log_file = gunicorn_server.data_dir / "server.log"
    deadline = time.monotonic() + 10
    while "/persyaratan/" not in log_file.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    log = log_file.read_text()
    assert "GET /pemohon/aktivasi/[redacted]/ HTTP/1.1" in log  # gunicorn's access line
    assert "Gone: /pemohon/aktivasi/[redacted]/" in log  # django.request
    assert "GET /persyaratan/ HTTP/1.1" in log
    leaks = [secret for secret in (token, reset, reset.split(".", 1)[1], nik) if secret in log]
    assert not leaks, log


def test_the_embedded_default_server_made_its_own_secret_key(gunicorn_server: Server) -> None:
    # Started with no SECRET_KEY (as `make run`): a private random key in the data directory.
    key_file = gunicorn_server.data_dir / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(key_file.read_text().strip()) >= 50


# --- 5. the development outbox only with the outbox backend ---------------------------------
@pytest.mark.django_db
def test_outbox_is_not_mounted_when_messages_are_really_sent(client: Client, settings: Any) -> None:
    import config.urls

    assert settings.EMBEDDED_DEFAULT
    try:
        settings.NOTIFICATION_BACKEND = "live"
        importlib.reload(config.urls)
        clear_url_caches()
        assert client.get("/dev/outbox/").status_code == 404
    finally:
        settings.NOTIFICATION_BACKEND = "dev"
        importlib.reload(config.urls)
        clear_url_caches()
    page = client.get("/dev/outbox/")
    assert page.status_code == 200
    assert "hanya untuk mencoba SINTREN di komputer sendiri" in page.content.decode()
