# Two commands for a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
NOTO_CJK ?= /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

.PHONY: setup node fonts nginx run kiosk test lint bench bench-load soak validate clean

setup: $(VENV)/.installed /usr/bin/chromium fonts node nginx

# Node runs the browser code's pure part under test (tests/js, through tests/test_js_contract.py);
# Debian's nodejs when no Node is on the machine.
node:
	@command -v node >/dev/null 2>&1 || command -v nodejs >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; \
	  else \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; \
	  fi; }

# nginx in front of several app servers (deploy/); tests/test_deploy.py runs it unprivileged on a loopback port.
# Debian's nginx-light when no nginx is on the machine (/usr/sbin is not on every user's PATH).
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
	  else \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
	  fi; }

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Debian's Chromium drives the browser tests (Playwright cannot fetch its own browser here).
/usr/bin/chromium:
	@if [ "$$(id -u)" = "0" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# A Japanese font, so that 日本語 renders in the browser instead of empty boxes: Debian's Noto CJK whenever
# neither its file is there nor fontconfig knows a Japanese font, whether Chromium was already there or not.
fonts:
	@[ -e "$(NOTO_CJK)" ] || fc-list :lang=ja 2>/dev/null | grep -q . || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	  else \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	  fi; }

# The app's server, prepared at start (the catalog read, the map's pages written) rather than on its first visitor.
run: $(VENV)/.installed
	$(BIN)/python -m geoapp serve --server.port $(PORT)

# An unattended exhibit: the app and Chromium in kiosk mode, both restarted if they stop.
kiosk: setup
	scripts/kiosk.sh

test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m geoapp validate
	$(BIN)/pytest -q

lint: $(VENV)/.installed
	$(BIN)/ruff check .

validate: $(VENV)/.installed
	$(BIN)/python -m geoapp validate

bench: setup
	$(BIN)/python bench/run.py
	$(BIN)/python bench/scrub.py
	$(BIN)/python bench/static_site.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/load.py

# Many visitors at once: 1, 20 and 50 protocol-level sessions and two Chromium pages (about 6 minutes).
bench-load: setup
	$(BIN)/python bench/load.py --sessions 50

# The kiosk soak: the attract loop accelerated for the equivalent of 8 hours (about 12 minutes).
soak: setup
	$(BIN)/python bench/soak.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
