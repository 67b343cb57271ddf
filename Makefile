# make run   – install (once), migrate, load the demo province, serve http://127.0.0.1:$(PORT)
#              with the job runner beside it (reminders, imports); PORT defaults to 8000
# make serve – the same demo on the production server (gunicorn, deploy/gunicorn.conf.py)
# make test  – install (once), ruff, mypy, the layers (import-linter), the whole test suite on
#              every core (DATABASE_URL picks the database)
# make bench – the benchmarks in bench/
# make load  – the load scenario on the production server (bench/load.py, a few minutes)

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The browser tests' accessibility checker (axe-core), from npm (package-lock.json).
NODE_STAMP := node_modules/.installed
# The demo runs as production does: DEBUG off (Vietnamese error pages, no debug pages), static
# files served by WhiteNoise from data/static, a secret key of its own made once in
# data/secret_key; e-mail is printed.
DEMO_ENV := DJANGO_DEBUG=0 SECRET_KEY_FILE=data/secret_key SITE_URL=http://127.0.0.1:$(PORT) \
	EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend

.PHONY: setup demo run serve test bench load

setup: $(STAMP) $(NODE_STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "cchc cần Python 3.11 trở lên")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm không có: bỏ qua axe-core, phép kiểm tra khả năng tiếp cận sẽ được bỏ qua"; fi

# Before run and serve: the demo's key, the database, the static files, the demo province.
demo: setup
	@mkdir -p data
	@test -s data/secret_key || (umask 077 && $(BIN)/python -c \
		'import secrets; print(secrets.token_urlsafe(50))' > data/secret_key)
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(DEMO_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(DEMO_ENV) $(BIN)/python manage.py load_demo

run: demo
	@echo "cchc đang chạy tại http://127.0.0.1:$(PORT) (dừng: Ctrl+C)"
	@# The job runner (reminders on schedule, imports) runs beside the web server and stops with it.
	$(DEMO_ENV) $(BIN)/python manage.py run_huey --quiet & jobs=$$!; \
	trap 'kill $$jobs 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

serve: demo
	$(DEMO_ENV) $(BIN)/python manage.py run_huey --quiet & jobs=$$!; \
	trap 'kill $$jobs 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) GUNICORN_BIND=127.0.0.1:$(PORT) $(BIN)/gunicorn -c deploy/gunicorn.conf.py cchc.wsgi

# The tests run on every core (pytest-xdist, a test database per worker); each worker takes whole
# test files, and the tests on the demo province all go to one (cchc/testing.py).
test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto --dist loadgroup

bench: setup
	$(BIN)/python -m pytest bench --benchmark-only -p no:cacheprovider

load: setup
	$(BIN)/python bench/load.py
