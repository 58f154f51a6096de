# SINTREN: the two commands of the Quick start are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

export SITE_URL ?= http://$(HOST):$(PORT)
export ALLOWED_HOSTS ?= 127.0.0.1,localhost,[::1],$(HOST)

.PHONY: run test lint types pytest deps deps-dev lock bench clean

## Install the locked runtime dependencies (skipped when the lock file is unchanged).
$(VENV)/.deps: requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

## The same plus the test tools.
$(VENV)/.deps-dev: requirements-dev.lock $(VENV)/.deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

deps: $(VENV)/.deps
deps-dev: $(VENV)/.deps-dev

## Start SINTREN (embedded default) on http://$(HOST):$(PORT); Ctrl-C stops everything.
run: $(VENV)/.deps
	$(BIN)/python manage.py sintren_setup
	$(BIN)/python manage.py sintren_banner
	$(BIN)/python manage.py serve --host $(HOST) --port $(PORT)

## Lint, types and the whole test suite (on PostgreSQL when DATABASE_URL is set).
test: lint types pytest

lint: $(VENV)/.deps-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)/.deps-dev
	$(BIN)/mypy .

pytest: $(VENV)/.deps-dev
	$(BIN)/pytest -n $${PYTEST_WORKERS:-2} $(PYTEST_ARGS)

## Recompile the lock files after changing pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes -q -o requirements-dev.lock

## Benchmark the production server (see bench/REPORT.md).
bench: $(VENV)/.deps-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var
