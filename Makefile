# The two commands: `make run` (demo portal on http://127.0.0.1:8000) and `make test` (the whole suite).
# Also: `make serve` (production-like gunicorn), `make bench` and `make load` (figures).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export UV_NO_PROGRESS := 1

STATIC_MANIFEST := staticfiles/staticfiles.json
STATIC_SOURCES := $(shell find static -type f 2>/dev/null)

.PHONY: run serve test lint format install install-test browser-deps test-deps collectstatic bench load clean

$(PY):
	@python=$$(.ci/find-python) || exit 1; \
	echo "Creating $(VENV) with $$python ($$($$python --version))"; \
	"$$python" -m venv $(VENV)

$(UV): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(UV)
	$(UV) sync --frozen --inexact --no-dev --python $(PY)

install-test: $(UV) browser-deps
	$(UV) sync --frozen --inexact --python $(PY)

# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The PostgreSQL run starts its own PostgreSQL and Redis from Debian's binaries (never their services).
test-deps:
	@{ ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1; } || { \
		echo "Installing Debian's postgresql and redis-server for the tests (their services stay stopped)"; \
		.ci/apt-install postgresql redis-server; }

# Hashed, compressed copies for WhiteNoise; redone only when a static file or the lock file changes.
# Collecting needs no secrets, hence DEBUG=1 here whatever the target runs with.
$(STATIC_MANIFEST): $(STATIC_SOURCES) uv.lock | install
	DEBUG=1 $(PY) manage.py collectstatic --noinput --verbosity 0

collectstatic: $(STATIC_MANIFEST)

# The demo: DEBUG on unless said otherwise, the sandbox reached at this server's own address.
run: export DEBUG ?= 1
run: export PORTAL_ORIGIN ?= http://$(HOST):$(PORT)
run: install $(STATIC_MANIFEST)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_setup
	@# The demo day, when the built-in sandbox is on (no OMNEO_BASE_URL of a real tenant).
	@if $(PY) manage.py help sandbox_demo_day >/dev/null 2>&1; then $(PY) manage.py sandbox_demo_day; fi
	@# The database worker settles unknown bookings; it stops with the portal.
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production-like: DEBUG off, gunicorn with booking_portal/gunicorn.conf.py, and the database worker.
# Needs SECRET_KEY, OMNEO_API_TOKEN and OMNEO_BASE_URL (or OMNEO_SANDBOX=1 for a trial).
serve: export DEBUG ?= 0
serve: export PORTAL_ORIGIN ?= http://$(HOST):$(PORT)
serve: export HOST := $(HOST)
serve: export PORT := $(PORT)
serve: install $(STATIC_MANIFEST)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(VENV)/bin/gunicorn -c booking_portal/gunicorn.conf.py booking_portal.wsgi

# Lint (ruff, and the floors of booking_portal/ with import-linter), then the whole suite twice,
# side by side: SQLite with the local-memory cache, PostgreSQL with Redis (.ci/test-backends).
test: install-test test-deps lint
	.ci/test-backends $(VENV)/bin/pytest

lint: $(UV)
	$(UV) sync --frozen --inexact --python $(PY) >/dev/null
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install-test $(STATIC_MANIFEST)
	$(PY) tests/benchmarks/bench_booking.py

# 30 staff sessions at once against gunicorn, Omneo answering 150 ms late; p50/p95 vs one user.
load: install-test $(STATIC_MANIFEST)
	$(PY) tests/benchmarks/load_gunicorn.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
