# chenggu_lawyers: `make run` serves the demo portal, `make test` runs the whole suite.
# Both set everything up themselves on a fresh machine (a Python >= 3.11 on PATH is all they need).

PYTHON ?= $(shell for p in python3.12 python3.11 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# `make run` is a local demo: debug mode on 127.0.0.1 with an SQLite file under var/.
DEMO_ENV := DEBUG=true

.PHONY: setup run test messages makemessages lint clean serve bench code

$(BIN)/activate:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# What the portal needs to run (a production server installs only this) ...
$(VENV)/.installed-runtime: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# ... and what developing and testing it need on top.
$(VENV)/.installed: $(VENV)/.installed-runtime
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed messages
	@mkdir -p var

# Compile the committed .po catalogues (Babel, a runtime dependency: no GNU gettext needed on the machine).
messages: $(VENV)/.installed-runtime
	@for po in locale/*/LC_MESSAGES/django.po; do \
		$(BIN)/pybabel compile -i $$po -o $${po%.po}.mo -l $$(basename $$(dirname $$(dirname $$po))) >/dev/null || exit 1; \
	done

# Refresh the catalogues from the code (needs GNU gettext's xgettext).
makemessages: $(VENV)/.installed
	$(DEMO_ENV) $(MANAGE) makemessages -l zh_Hans -l en --no-obsolete --no-location --ignore=.venv --ignore=var

run: setup
	$(DEMO_ENV) $(MANAGE) migrate --no-input
	$(DEMO_ENV) $(MANAGE) load_demo
	$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:8000

# Production mode: gunicorn, DEBUG off, hashed static files through WhiteNoise, settings from the
# environment (see deploy/chenggu-lawyers.env.example); PostgreSQL is required.
serve: $(VENV)/.installed-runtime messages
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "DATABASE_URL must point at PostgreSQL (postgres://...)"; exit 1;; esac
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY must be set"; exit 1; }
	@test -n "$$ALLOWED_HOSTS" || { echo "ALLOWED_HOSTS must be set"; exit 1; }
	@test -n "$$PERSONAL_DATA_KEYS" -a -n "$$PERSONAL_DATA_INDEX_KEY" || { echo "PERSONAL_DATA_KEYS and PERSONAL_DATA_INDEX_KEY must be set (deploy/chenggu-lawyers.env.example)"; exit 1; }
	DEBUG=false $(MANAGE) collectstatic --no-input --verbosity 0
	DEBUG=false $(MANAGE) migrate --no-input
	DEBUG=false $(BIN)/gunicorn chenggu_lawyers.wsgi:application --bind $${BIND:-127.0.0.1:8001} \
		--workers $${WORKERS:-3} --timeout 60 --access-logfile - --forwarded-allow-ips 127.0.0.1

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks on the PostgreSQL server (BENCHMARKS.md): databases chenggu_bench_<scale>, created and seeded when
# missing (nation takes about 15 minutes the first time), then every comparison. Not part of `make test`.
bench: setup
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@command -v wrk >/dev/null || apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }
	$(BIN)/python -m bench.dashboard
	$(BIN)/python -m bench.lists
	$(BIN)/python -m bench.export
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.import_roster

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var staticfiles

# The demo's stand-in for an authenticator app: `make code ACCOUNT=county` prints the current two-factor code.
code: setup
	@$(DEMO_ENV) $(MANAGE) totp_code $(ACCOUNT)
