# Møteplass — the single entry point for developers and CI (`make help` lists the targets).
#
#   make run    set up .venv, compile translations, migrate, load the demo data, serve on :8000
#   make test   set up .venv, compile translations, run the whole test suite (ARGS=... for pytest)
#
# Everything runs through .venv/bin/...; nothing needs an activated virtual environment.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
# Touched after a successful install; pyproject.toml newer than it means "install again".
STAMP := $(VENV)/.moteplass-installed

HOST ?= 127.0.0.1
PORT ?= 8000
STAGE ?= programme
ARGS ?=

LANGUAGES := -l nb -l nn -l en
MESSAGE_IGNORES := --ignore=.venv --ignore=static/vendor --ignore=tests --ignore=node_modules \
	--ignore=staticfiles --ignore=bench

.PHONY: help install compilemessages run test worker beat fmt lint messages bench vendor

help:
	@echo "Møteplass — make targets:"
	@echo "  make run       install, compile translations, migrate, seed demo data (stage $(STAGE)),"
	@echo "                 serve on http://$(HOST):$(PORT)"
	@echo "  make test      install, compile translations, run the test suite (ARGS='-k plan -x')"
	@echo "  make worker    run a Celery worker (needs REDIS_URL)"
	@echo "  make beat      run Celery beat (periodic jobs; needs REDIS_URL)"
	@echo "  make fmt       ruff format + ruff check --fix"
	@echo "  make lint      ruff check + ruff format --check"
	@echo "  make messages  update the nb/nn/en .po files from the source"
	@echo "  make bench     benchmarks under gunicorn on PostgreSQL (prints BENCH lines)"
	@echo "  make vendor    update the vendored front-end files in static/vendor/"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "Møteplass needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; \
		echo "Run e.g. 'make PYTHON=python3.11 run'." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --disable-pip-version-check --quiet --upgrade pip
	$(PY) -m pip install --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

compilemessages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --ignore=static/vendor

run: compilemessages
	$(MANAGE) migrate --noinput
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(MANAGE) seed_demo --stage $(STAGE)
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(MANAGE) runserver $(HOST):$(PORT)

# pytest's exit code 5 means "no tests collected": that is a failure, said plainly.
test: compilemessages
	@echo "$(BIN)/pytest $(ARGS)"
	@$(BIN)/pytest $(ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then \
		echo "make test: FAILED — pytest collected no tests (exit code 5)." >&2; \
	fi; \
	exit $$status

worker: compilemessages
	$(BIN)/celery -A moteplass worker -l info

beat: install
	$(BIN)/celery -A moteplass beat -l info --schedule $(VENV)/celerybeat-schedule

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

messages: install
	$(MANAGE) makemessages $(LANGUAGES) --no-obsolete $(MESSAGE_IGNORES)
	@if grep -rqsE '\b(n|p|np)?gettext(_noop)?\(' static/js; then \
		echo "$(MANAGE) makemessages -d djangojs $(LANGUAGES) --no-obsolete $(MESSAGE_IGNORES)"; \
		$(MANAGE) makemessages -d djangojs $(LANGUAGES) --no-obsolete $(MESSAGE_IGNORES); \
	fi

bench: compilemessages
	$(PY) -m bench.run $(ARGS)

vendor:
	bash scripts/update-vendor.sh
