# Takan: `make run` serves a demo, `make test` runs the whole suite. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per set of extras: a server installs without Qt, the desktop app with it, the tests
# with everything (see pyproject.toml's optional dependencies).
SERVER_STAMP := $(VENV)/.installed-server
REVIEWER_STAMP := $(VENV)/.installed-reviewer
DIST_STAMP := $(VENV)/.installed-dist
DEV_STAMP := $(VENV)/.installed-dev
# Debian packages the tests need: Qt Multimedia (libpulse0), the browser for the mobile page tests,
# poppler for rendering the archive's PDF report, a CJK font so screenshots show Chinese, and nginx
# as the GET/POST-only proxy in front of the tus tests (which start their own, in the foreground).
DEB_PACKAGES := libpulse0 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 chromium poppler-utils fonts-wqy-microhei \
	nginx

.PHONY: install install-server install-reviewer system-deps run test test-fast lint reviewer reviewer-dist bench \
	translations clean-venv

install: $(DEV_STAMP)
install-server: $(SERVER_STAMP)
install-reviewer: $(REVIEWER_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(SERVER_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(REVIEWER_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[reviewer]'
	@$(MAKE) --no-print-directory translations
	@touch $@ $(SERVER_STAMP)

$(DIST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	@$(MAKE) --no-print-directory translations
	@touch $@ $(REVIEWER_STAMP) $(SERVER_STAMP)

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@$(MAKE) --no-print-directory translations
	@touch $@ $(DIST_STAMP) $(REVIEWER_STAMP) $(SERVER_STAMP)

# Compiled Qt translations (.qm) are build products: made from the .ts sources at install.
translations:
	@if ls reviewer_app/i18n/*.ts >/dev/null 2>&1; then \
		for ts in reviewer_app/i18n/*.ts; do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm; done; \
	fi

system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing Debian packages:$$missing"; \
			apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "warning: missing Debian packages:$$missing (run as root to install; tests needing them are skipped)"; \
		fi; \
	fi

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: $(DEV_STAMP) system-deps lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

# Everything but the tests that start real processes, a browser or a build (marked e2e), on every
# core (in-process tests share nothing but the machine).
test-fast: $(DEV_STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m "not e2e" -n auto

run: $(SERVER_STAMP)
	TAKAN_DATA_DIR=$${TAKAN_DATA_DIR:-media} $(BIN)/takan run

reviewer: $(REVIEWER_STAMP)
	$(BIN)/takan-reviewer

# The desktop program as one folder (dist/takan-reviewer/) that runs without Python or a virtualenv.
reviewer-dist: $(DIST_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/takan-reviewer.spec
	@echo "built dist/takan-reviewer/ (start dist/takan-reviewer/takan-reviewer)"

bench: $(DEV_STAMP)
	$(BIN)/python bench/ingest.py

clean-venv:
	rm -rf $(VENV)
