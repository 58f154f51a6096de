"""Production settings: refuse demo secrets and pass ``check --deploy`` with no warning."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    base.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _production_env(**overrides: str) -> dict[str, str]:
    env = {
        "SINTREN_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "sintren.pekalongankab.go.id",
        "DATABASE_URL": "postgres://sintren@127.0.0.1:5432/sintren",
        "WHATSAPP_API_URL": "https://graph.example.invalid/v20.0/123/messages",
        "WHATSAPP_API_TOKEN": secrets.token_urlsafe(32),
    }
    env.update(overrides)
    return env


def test_check_deploy_reports_no_warning_in_production() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        (
            {"SECRET_KEY": "sintren-demo-secret-key-not-for-production-use-0123456789abcdef"},
            "SECRET_KEY",
        ),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"DEBUG": "true"}, "DEBUG"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"SINTREN_EMBEDDED": "true"}, "SINTREN_EMBEDDED"),
    ],
)
def test_production_refuses_to_start_with_demo_or_unsafe_settings(
    overrides: dict[str, str], reason: str
) -> None:
    result = _manage("check", **_production_env(**overrides))
    assert result.returncode != 0
    assert "Production settings refused" in result.stderr
    assert reason in result.stderr


def test_production_refuses_the_demo_accounts() -> None:
    result = _manage("load_demo", **_production_env())
    assert result.returncode != 0
    assert "never production" in result.stderr


def test_secret_can_come_from_a_file(tmp_path: Path) -> None:
    key_file = tmp_path / "secret"
    key_file.write_text(secrets.token_urlsafe(64))
    env = _production_env(SECRET_KEY="", SECRET_KEY_FILE=str(key_file))
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr


# --- The embedded default's own secret key ---------------------------------------------------
_READ_KEY = "import config.settings as s; print(s.SECRET_KEY)"
_NO_KEY = {"SECRET_KEY", "SECRET_KEY_FILE", "SINTREN_ENV", "DATABASE_URL", "REDIS_URL"}


def _start(data_dir: Path, **env: str) -> subprocess.Popen[str]:
    """Load the settings as a process of ``make run`` would, with no variable but these."""
    base = {k: v for k, v in os.environ.items() if k not in _NO_KEY}
    base.update({"DJANGO_SETTINGS_MODULE": "config.settings", "SINTREN_DATA_DIR": str(data_dir)})
    base.update(env)
    return subprocess.Popen(
        [sys.executable, "-c", _READ_KEY],
        cwd=ROOT,
        env=base,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _key(data_dir: Path, **env: str) -> str:
    out, err = _start(data_dir, **env).communicate(timeout=60)
    assert not err, err
    return out.strip()


def test_embedded_default_makes_its_own_key_once_and_keeps_it(tmp_path: Path) -> None:
    key = _key(tmp_path)
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == key
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(key) >= 50
    assert "demo" not in key
    assert _key(tmp_path) == key  # the next start reuses it
    assert _key(tmp_path / "other") != key  # another installation has its own
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".secret_key")] == []


def test_processes_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    procs = [_start(tmp_path) for _ in range(6)]
    keys = {proc.communicate(timeout=60)[0].strip() for proc in procs}
    assert keys == {(tmp_path / "secret_key").read_text().strip()}


def test_a_configured_key_wins_and_no_file_is_made(tmp_path: Path) -> None:
    configured = secrets.token_urlsafe(64)
    assert _key(tmp_path, SECRET_KEY=configured) == configured
    assert not (tmp_path / "secret_key").exists()


def test_production_never_uses_the_local_key_file(tmp_path: Path) -> None:
    _key(tmp_path)  # a key file from an earlier embedded start
    env = _production_env(SECRET_KEY="", SINTREN_DATA_DIR=str(tmp_path))
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
