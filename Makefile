# WFH-ASN developer commands. A fresh machine needs only Python 3.11: `make run`, `make test`.
# Without DATABASE_URL / REDIS_URL the app uses the SQLite file db.sqlite3 and runs Celery tasks
# eagerly in-process; set them to use PostgreSQL and Redis (see README.md, "Configuration").

PY ?= $(shell command -v python3.11 >/dev/null 2>&1 && echo python3.11 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

# Development commands run with DEBUG=1 unless DEBUG is set (DEBUG=1 also supplies a dev-only
# SECRET_KEY); the migrations check uses the same throwaway key as tests/_env.py.
DEV := DEBUG=$${DEBUG:-1}
TEST_KEY := SECRET_KEY="$${SECRET_KEY:-tests-only-not-secret}"

.DEFAULT_GOAL := help
.PHONY: help venv install dev-install migrate demo run test lint fmt worker bench

help:
	@echo "make run     install the runtime, migrate, load demo data if the database is empty, serve on http://$(HOST):$(PORT)/"
	@echo "make test    install runtime and development tools, ruff check, import layers, migrations check, pytest (all cores)"
	@echo "make lint    ruff check and ruff format --check"
	@echo "make fmt     ruff format and ruff check --fix"
	@echo "make worker  a Celery worker (needs REDIS_URL)"
	@echo "make bench   how to run the benchmarks in bench/"
	@echo "make messages  refresh and compile the English catalogue in locale/en (needs gettext)"

venv install: $(STAMP)
dev-install: $(DEV_STAMP)

# Runtime only (serving and the worker): re-runs only when requirements.txt is newer than the stamp.
$(STAMP): requirements.txt
	@$(PY) -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>/dev/null || { \
	  echo "Python 3.11 or newer is needed ($(PY) is missing or older): make PY=/path/to/python3.11" >&2; exit 1; }
	@$(PYTHON) -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PY) -m venv $(VENV); } || { \
	  echo "Could not create $(VENV): on Debian/Ubuntu install the python3-venv package for $(PY)" >&2; exit 1; }
	$(PYTHON) -m pip install --disable-pip-version-check -r requirements.txt
	@touch $@

# Tests, lint and benchmark tools on top of the runtime: its own stamp, so it re-runs when either
# file changes (requirements-dev.txt includes requirements.txt).
$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PYTHON) -m pip install --disable-pip-version-check -r requirements-dev.txt
	@touch $@

migrate: install
	$(DEV) $(PYTHON) manage.py migrate --noinput

# Loads the demo OPDs, staff and logins only into an empty database; prints the demo logins.
demo: migrate
	$(DEV) $(PYTHON) manage.py seed_demo --if-empty

# Printed right before serving, whether the demo was loaded now or on an earlier run.
define DEMO_LOGINS
from accounts.models import User
try:
    from demo.logins import DEFAULT_PASSWORD
except ImportError:
    DEFAULT_PASSWORD = None
names = ["hr.demo", "opd.demo", "atasan.demo", "pegawai.demo", "rekan.demo"]
users = sorted(User.objects.filter(username__in=names), key=lambda u: names.index(u.username))
if not users:
    print("No demo logins in this database: log in with an existing account or create one")
    print("with: DEBUG=1 .venv/bin/python manage.py createsuperuser")
else:
    default = DEFAULT_PASSWORD and users[0].check_password(DEFAULT_PASSWORD)
    password = DEFAULT_PASSWORD if default else "the one given to seed_demo --password"
    print("Demo logins (password: " + password + "):")
    for user in users:
        print("  " + user.username.ljust(13) + " " + user.get_role_display())
endef
export DEMO_LOGINS

run: demo
	@$(DEV) $(PYTHON) manage.py shell --no-imports -c "$$DEMO_LOGINS"
	@echo "Serving WFH-ASN on http://$(HOST):$(PORT)/ (Ctrl+C stops it)."
	$(DEV) $(PYTHON) manage.py runserver $(HOST):$(PORT)

# pytest-xdist spreads the suite over the machine's cores (TEST_WORKERS=0 runs it in one process);
# the tests of the real Celery worker run after, in one process: the worker reads the one test
# database, not the per-process copies xdist makes.
TEST_WORKERS ?= auto

test: dev-install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(TEST_KEY) $(PYTHON) manage.py makemigrations --check --dry-run
	$(BIN)/pytest -q -n $(TEST_WORKERS) -m "not worker" --durations=15
	$(BIN)/pytest -q -p no:xdist -m worker

lint: dev-install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: dev-install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: install
	@test -n "$$REDIS_URL" || { echo "REDIS_URL is not set, so tasks run eagerly in the web process and need no worker." >&2; \
	  echo "To use a worker: export REDIS_URL=redis://127.0.0.1:6379/0 (for this and for make run)." >&2; exit 1; }
	$(DEV) $(BIN)/celery -A config worker -l info

bench:
	@echo "Benchmarks print figures; make test never runs them (no timed asserts in tests)."
	@echo "Run one from the repository root with: $(PYTHON) bench/<name>.py"
	@echo "Each script's docstring says what it measures and its options."
	@if [ -f docs/benchmarks.md ]; then echo "Recorded figures: docs/benchmarks.md"; fi
	@if ls bench/*.py >/dev/null 2>&1; then ls bench/*.py | sed "s/^/  /"; \
	else echo "  (bench/ holds no benchmarks yet)"; fi

# Refresh the English catalogue (locale/en) from the source strings, then compile it; needs GNU
# gettext (msgfmt). Translate the new empty or fuzzy entries, run it again, commit .po and .mo.
.PHONY: messages
messages: install
	$(DEV) $(PYTHON) manage.py makemessages -l en --ignore=.venv --ignore=static --ignore=staticfiles --ignore=node_modules --no-obsolete
	$(DEV) $(PYTHON) manage.py compilemessages --ignore=.venv
