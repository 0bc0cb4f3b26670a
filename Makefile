# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Django 6.1 needs Python 3.12 or newer.
PYTHON ?= $(shell for p in python3.13 python3.12 $(HOME)/.pyenv/versions/3.13*/bin/python3 $(HOME)/.pyenv/versions/3.12*/bin/python3 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
APPS := $(patsubst vangnet/%/apps.py,%,$(wildcard vangnet/*/apps.py))
DEMO_DATA ?= $(CURDIR)/data/demo

.PHONY: demo test lint types pytest messages messages-app clean

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The demo runs in debug mode and shows the demo accounts' login code on the code page.
DEMO_ENV := VANGNET_DATA_DIR=$(DEMO_DATA) VANGNET_DEBUG=1 VANGNET_DEMO_OTP=1

demo: $(BIN)/.installed
	$(DEMO_ENV) $(BIN)/vangnet migrate --noinput
	$(DEMO_ENV) $(BIN)/vangnet demo
	$(DEMO_ENV) $(BIN)/vangnet runserver 127.0.0.1:8000

test: $(BIN)/.installed lint types pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(BIN)/.installed
	$(BIN)/mypy vangnet benchmarks

pytest: $(BIN)/.installed
	$(BIN)/pytest -q $(PYTEST_ARGS)

messages: export VANGNET_DATA_DIR = $(CURDIR)/data
messages: $(BIN)/.installed
	@for app in $(APPS); do \
		mkdir -p vangnet/$$app/locale; \
		(cd vangnet/$$app && ../../$(BIN)/vangnet makemessages -l nl -l en --no-obsolete --no-location --ignore 'tests/*' >/dev/null) || exit 1; \
	done
	$(BIN)/vangnet compilemessages --ignore '.venv' >/dev/null

clean:
	rm -rf $(VENV) data/demo

# One app's catalogs only: make messages-app APP=directory
messages-app: export VANGNET_DATA_DIR = $(CURDIR)/data
messages-app: $(BIN)/.installed
	mkdir -p vangnet/$(APP)/locale
	cd vangnet/$(APP) && ../../$(BIN)/vangnet makemessages -l nl -l en --no-obsolete --no-location --ignore 'tests/*' >/dev/null
	cd vangnet/$(APP) && ../../$(BIN)/vangnet compilemessages >/dev/null
