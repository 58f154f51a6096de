# SINTREN: the two commands of the Quick start are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

export SITE_URL ?= http://$(HOST):$(PORT)
export ALLOWED_HOSTS ?= 127.0.0.1,localhost,[::1],$(HOST)

.PHONY: run test lint types pytest deps deps-dev lock bench bench-kuota bench-daftar clean

## Install the locked runtime dependencies (skipped when the lock file is unchanged).
$(VENV)/.deps: requirements.lock
	@echo "==> Python environment in $(VENV)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "==> Installing the locked dependencies (the first time takes a minute or two)"
	$(BIN)/python -m pip install --progress-bar on --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

## The same plus the test tools.
$(VENV)/.deps-dev: requirements-dev.lock $(VENV)/.deps
	@echo "==> Installing the test tools (first time only)"
	$(BIN)/python -m pip install --progress-bar on --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

deps: $(VENV)/.deps
deps-dev: $(VENV)/.deps-dev

## Start SINTREN (embedded default) on http://$(HOST):$(PORT); Ctrl-C stops everything.
run: $(VENV)/.deps
	@echo "==> Database, region data, service catalogue and demo accounts (first time: up to a minute)"
	$(BIN)/python manage.py sintren_setup
	$(BIN)/python manage.py sintren_banner
	@echo "==> Starting SINTREN on http://$(HOST):$(PORT) (Ctrl-C stops it)"
	$(BIN)/python manage.py serve --host $(HOST) --port $(PORT)

## Lint, types and the whole test suite (on PostgreSQL when DATABASE_URL is set).
test: lint types pytest

lint: $(VENV)/.deps-dev
	@echo "==> Lint (ruff)"
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)/.deps-dev
	@echo "==> Types (mypy)"
	$(BIN)/mypy .

pytest: $(VENV)/.deps-dev
	@echo "==> Tests (pytest, browser tests included; a few minutes)"
	$(BIN)/pytest -n $${PYTEST_WORKERS:-2} $(PYTEST_ARGS)

## Recompile the lock files after changing pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes -q -o requirements-dev.lock

## Benchmark the production server (see bench/REPORT.md).
bench: $(VENV)/.deps-dev
	$(BIN)/python bench/run.py

## 500 applicants race for 250 quota slots (SQLite and PostgreSQL on 127.0.0.1:5432).
bench-kuota: $(VENV)/.deps-dev
	$(BIN)/python bench/kuota.py

## The applicant's request list at 1,000,000 requests (PostgreSQL on 127.0.0.1:5432).
bench-daftar: $(VENV)/.deps-dev
	$(BIN)/python bench/daftar_pengajuan.py

clean:
	rm -rf $(VENV) var
