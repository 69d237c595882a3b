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

.PHONY: help venv demo serve migrate seed test lint typecheck pytest browser messages bench eval-matching clean import-esco openapi

help:
	@echo "make demo    set everything up and serve the demo on http://127.0.0.1:$(PORT)"
	@echo "make test    set up and run every check and test"
	@echo "make bench   run the benchmarks and write docs/benchmarks.md"
	@echo "make openapi regenerate docs/openapi.yaml (the API schema checked in CI)"
	@echo "make import-esco ESCO=PATH   import the official ESCO CSV bundle"

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

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
