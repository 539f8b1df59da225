# Two commands do everything on a fresh Debian machine (as root, or with sudo):
#   make site   builds the sample handbook into site/
#   make test   runs the whole test suite
#   make bench  measures the speed targets side by side (tests/benchmarks/results.md)
# Each installs what it needs first: system packages, a virtual environment, Python packages.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Chromium drives the browser tests and prints pages; poppler reads PDFs back;
# the Noto and DejaVu fonts cover Latin, Turkish, Arabic and Kazakh Cyrillic in print;
# Java runs the Nu HTML Checker (vnu) of the tests.
SYSTEM_PACKAGES := chromium poppler-utils fonts-noto-core fonts-dejavu-core \
                   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
                   default-jre-headless

export NO_MKDOCS_2_WARNING := 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: site serve test bench system-packages clean

site: $(VENV)/.installed
	rm -rf site.partial
	$(BIN)/mkdocs build --strict --site-dir site
	@echo
	@echo "The handbook is built in site/. Open site/index.html through a web server:"
	@echo "  $(BIN)/python -m http.server --directory site 8000   then visit http://127.0.0.1:8000/"
	@echo "or run 'make serve' for a live preview while you edit."

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The package is compiled once for the suite's many Python processes (which write no
# bytecode of their own where PYTHONDONTWRITEBYTECODE is set).
test: $(VENV)/.installed tests/node_modules/.package-lock.json
	$(BIN)/python -m compileall -q plugins/ngo_handbook
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Not a test: times move with the machine's load. Lighthouse comes from npm through npx.
bench: $(VENV)/.installed
	$(BIN)/python tests/benchmarks/bench.py $(BENCH_ARGS)

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml | system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# axe-core for the accessibility tests, from npm at the version locked in tests/.
tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund

clean:
	rm -rf site site.partial site.old $(VENV) .pytest_cache
