# Overstap — the two commands: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
ESCO ?= ../shared/data/esco
# pytest runs on every core (pytest-xdist), one test file per worker at a time
PYTEST_ARGS ?= -n auto --dist loadfile
export DJANGO_SETTINGS_MODULE := overstap.conf.settings

.PHONY: help venv demo serve migrate seed test lint typecheck pytest browser messages bench eval-matching clean import-esco openapi backup-check

help:
	@echo "make demo    set everything up and serve the demo on http://127.0.0.1:$(PORT)"
	@echo "make test    set up and run every check and test"
	@echo "make bench   run the benchmarks and write docs/benchmarks.md"
	@echo "make openapi regenerate docs/openapi.yaml (the API schema checked in CI)"
	@echo "make import-esco ESCO=PATH   import the official ESCO CSV bundle"
	@echo "make backup-check [BACKUP_CHECK_URL=postgres://…]   backup/restore test on PostgreSQL"

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

venv: $(VENV)/.installed

migrate: venv
	$(BIN)/overstap migrate --noinput

demo: venv
	$(BIN)/overstap migrate --noinput
	$(BIN)/overstap load_demo
	@echo ""
	@echo "Overstap demo: http://127.0.0.1:$(PORT)  (log in as casemanager / overstap-demo)"
	$(BIN)/overstap runserver 127.0.0.1:$(PORT)

serve: venv
	$(BIN)/overstap runserver 127.0.0.1:$(PORT)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests

typecheck: venv
	$(BIN)/mypy

messages: venv
	cd src/overstap && ../../$(BIN)/overstap makemessages -l nl --no-obsolete --no-location
	$(BIN)/python scripts/compile_messages.py

pytest: venv
	$(BIN)/overstap makemigrations --check --dry-run
	$(BIN)/python scripts/compile_messages.py --check
	@mkdir -p test-results
	$(BIN)/pytest --junitxml=test-results/pytest.xml $(PYTEST_ARGS)
	$(BIN)/python scripts/check_test_report.py test-results/pytest.xml

test: lint typecheck pytest

browser: venv
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

# The checked-in OpenAPI schema; tests/api/test_schema.py fails when it is out of date.
openapi: venv
	$(BIN)/overstap spectacular --file docs/openapi.yaml --validate --lang en

$(VENV)/.bench-installed: pyproject.toml | $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $@

bench: venv $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks.run

eval-matching: venv
	$(BIN)/python -m benchmarks.eval_matching

import-esco: venv
	$(BIN)/overstap import_esco $(ESCO) --lang nl --lang en

# Backup and restore test (docs/deployment.md): fill a scratch PostgreSQL database (the demo
# plus a generated region of 2,000 people), then `scripts/backup_restore.sh verify` dumps it,
# restores the dump into a fresh database and compares every table's row count and the
# audit chain. The database in BACKUP_CHECK_URL is dropped and re-created. CI runs this.
BACKUP_CHECK_URL ?= postgres://overstap:overstap@127.0.0.1:5432/overstap_backup_check
BACKUP_CHECK_PEOPLE ?= 2000
backup-check: venv
	@case "$(BACKUP_CHECK_URL)" in postgres://*|postgresql://*) ;; \
	  *) echo "BACKUP_CHECK_URL must be a postgres:// URL" >&2; exit 2 ;; esac
	dropdb --if-exists --maintenance-db="$(dir $(BACKUP_CHECK_URL))postgres" "$(notdir $(BACKUP_CHECK_URL))"
	createdb --maintenance-db="$(dir $(BACKUP_CHECK_URL))postgres" "$(notdir $(BACKUP_CHECK_URL))"
	DATABASE_URL="$(BACKUP_CHECK_URL)" $(BIN)/overstap migrate --noinput -v 0
	DATABASE_URL="$(BACKUP_CHECK_URL)" $(BIN)/overstap load_demo >/dev/null
	DATABASE_URL="$(BACKUP_CHECK_URL)" $(BIN)/overstap generate_region --people $(BACKUP_CHECK_PEOPLE) >/dev/null
	@backups="$$(mktemp -d)"; \
	  DATABASE_URL="$(BACKUP_CHECK_URL)" scripts/backup_restore.sh verify --dir "$$backups"; \
	  status=$$?; rm -rf "$$backups"; exit $$status
	dropdb --maintenance-db="$(dir $(BACKUP_CHECK_URL))postgres" "$(notdir $(BACKUP_CHECK_URL))"

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
