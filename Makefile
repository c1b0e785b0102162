# The one place that names the project's commands.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install demo system-deps test test-py test-js lint js js-check bench fuzz test-loaded \
	soak clean

# What the test suite runs for real, as command:Debian-package pairs (nginx lives in sbin).
SYSTEM_DEPS := chromium:chromium redis-server:redis-server nginx:nginx-light node:nodejs npm:npm

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# The demo needs the package and the gallery's libraries only: seconds, not the test extra.
$(VENV)/.demo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[demo]'
	touch $@

# Installs the Debian packages the tests use when it can (as root, or with sudo that asks
# no password); otherwise stops at once with the command to run.
system-deps:
	@missing=""; for pair in $(SYSTEM_DEPS); do \
	  cmd=$${pair%%:*}; command -v $$cmd >/dev/null 2>&1 || [ -x /usr/sbin/$$cmd ] || \
	    missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; \
	  else echo "make test needs these Debian packages:$$missing"; \
	    echo "run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; fi; \
	  echo "installing Debian packages:$$missing"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

js/node_modules/.installed: js/package.json js/package-lock.json
	cd js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.demo
	$(PY) -m docsync serve docsync/examples/gallery.py --port 5006

lint: install
	$(PY) -m ruff check docsync tests
	$(PY) -m mypy docsync/core

test-js: js/node_modules/.installed
	cd js && node --test test/

# The shipped bundles must be what their sources build to (esbuild output is deterministic):
# every file of docsync/static, the view bundles (views-*.js) included, none missing or extra.
js-check: js/node_modules/.installed
	rm -rf .bundle-check && cp -r docsync/static .bundle-check
	cd js && npm run --silent build
	diff -r -q .bundle-check docsync/static || \
	  (echo "docsync/static is stale: run 'make js' and commit the bundle"; rm -rf .bundle-check; exit 1)
	rm -rf .bundle-check

js: js/node_modules/.installed
	cd js && npm run --silent build

test-py: install
	$(PY) -m pytest

test: system-deps lint test-js js-check test-py

bench: install
	$(PY) -m tests.bench

# The hypothesis fuzz suite (tests/fuzz) with many more examples than CI runs.
fuzz: install
	DOCSYNC_FUZZ_EXAMPLES=2000 $(PY) -m pytest tests/fuzz -p no:cacheprovider -s

# The Python suite three times in a row while another process keeps one core busy: no test
# may depend on timing it does not control (issue 12).
test-loaded: install
	@$(PY) -c "while True: pass" & busy=$$!; trap 'kill $$busy' EXIT; \
	for run in 1 2 3; do echo "loaded run $$run"; $(PY) -m pytest || exit 1; done

# 200 sessions for 10 minutes (edits, 10 Hz updates, drops); RSS, fds and p99 every minute.
soak: install
	$(PY) -m tests.bench.soak --sessions 200 --minutes 10

clean:
	rm -rf $(VENV) js/node_modules .pytest_cache .mypy_cache .ruff_cache
