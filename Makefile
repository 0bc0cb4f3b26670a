# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Django 6.1 needs Python 3.12 or newer.
PYTHON ?= $(shell for p in python3.13 python3.12 $(HOME)/.pyenv/versions/3.13*/bin/python3 $(HOME)/.pyenv/versions/3.12*/bin/python3 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
APPS := $(patsubst vangnet/%/apps.py,%,$(wildcard vangnet/*/apps.py))
DEMO_DATA ?= $(CURDIR)/data/demo
# The demo's port: make demo PORT=8123
PORT ?= 8000
# The browser tests drive this Chromium (the same variable as vangnet/conftest.py reads).
CHROMIUM := $(or $(VANGNET_CHROMIUM),/usr/bin/chromium)

.PHONY: demo vangnet test check-browser lint types pytest messages messages-app clean screenshots

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The demo runs in debug mode and shows the demo accounts' login code on the code page.
DEMO_ENV := VANGNET_DATA_DIR=$(DEMO_DATA) VANGNET_DEBUG=1 VANGNET_DEMO_OTP=1 \
	VANGNET_SITE_URL=http://127.0.0.1:$(PORT)

demo: $(BIN)/.installed
	$(DEMO_ENV) $(BIN)/vangnet migrate --noinput
	$(DEMO_ENV) $(BIN)/vangnet demo
	$(DEMO_ENV) $(BIN)/vangnet runserver 127.0.0.1:$(PORT)

# Any vangnet command against the demo's data: make vangnet ARGS="poster demo --format pdf --out poster.pdf"
vangnet: $(BIN)/.installed
	@test -n '$(ARGS)' || { echo 'Say which command, for example: make vangnet ARGS="poster demo --format pdf --out poster.pdf"'; exit 2; }
	$(DEMO_ENV) $(BIN)/vangnet $(ARGS)

test: check-browser $(BIN)/.installed lint types pytest

# The screenshots in docs/screenshots/, taken again from a fresh demo (the README links them).
screenshots: check-browser $(BIN)/.installed
	VANGNET_CHROMIUM=$(CHROMIUM) $(BIN)/python tools/screenshots.py --out docs/screenshots

# The browser tests need Chromium. As root with apt-get it is installed (as .ci/run does);
# otherwise this stops at once with what to install. Skipped when the browser tests are.
check-browser:
ifeq (,$(findstring not browser,$(PYTEST_ARGS)))
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ -z "$(VANGNET_CHROMIUM)" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Chromium for the browser tests (apt-get install chromium)"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && apt-get install -y -qq chromium >/dev/null || exit 1; \
			[ -x "$(CHROMIUM)" ] || { echo "Chromium was installed but is not at $(CHROMIUM): point VANGNET_CHROMIUM at it."; exit 1; }; \
		else \
			echo "The browser tests need Chromium at $(CHROMIUM): install it (sudo apt-get install chromium), point VANGNET_CHROMIUM at another one, or skip them with make test PYTEST_ARGS=\"-m 'not browser'\"."; \
			exit 1; \
		fi; \
	fi
endif

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(BIN)/.installed
	$(BIN)/mypy vangnet benchmarks

pytest: check-browser $(BIN)/.installed
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
