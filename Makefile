# Fazhi — one command to try it, one to test it.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install test test-pg lint typecheck format demo bench e2e clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "需要 Python 3.11 (python3.11 not found)"; exit 2; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,scale]'
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Static types (mypy with the Django and DRF plugins) of the packages [tool.mypy] lists.
typecheck: install
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## The whole suite on the embedded SQLite database (or on DATABASE_URL when it is set).
test: lint typecheck
	$(BIN)/python manage.py makemigrations --check --dry-run >/dev/null
	$(BIN)/pytest -p no:cacheprovider -m "not e2e"

## The same suite on a local PostgreSQL server (trust auth, user postgres).
test-pg: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fazhi_test} $(BIN)/pytest -p no:cacheprovider -m "not e2e"

demo: install
	$(BIN)/fazhi migrate --noinput
	$(BIN)/fazhi demo load
	$(BIN)/fazhi runserver 127.0.0.1:8000

bench: install
	$(BIN)/python -m benchmarks

## Browser tests in Debian's Chromium and the generated-PDF tests (LibreOffice, pdftoppm): installs
## them from Debian's packages first, and fails (never skips) when one is still missing.
e2e: install
	scripts/install-system-deps.sh
	FAZHI_E2E=required $(BIN)/pytest -p no:cacheprovider -m e2e

clean:
	rm -rf $(VENV) data/*.sqlite3*
