# Takan: `make run` serves a demo, `make test` runs the whole suite. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Debian packages the tests need: Qt Multimedia (libpulse0), the browser for the mobile page tests,
# poppler for rendering the archive's PDF report, and a CJK font so screenshots show Chinese.
DEB_PACKAGES := libpulse0 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 chromium poppler-utils fonts-wqy-microhei

.PHONY: install system-deps run test test-fast lint reviewer bench clean-venv

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@$(MAKE) --no-print-directory translations
	@touch $(STAMP)

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

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: $(STAMP) system-deps lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

run: $(STAMP)
	TAKAN_DATA_DIR=$${TAKAN_DATA_DIR:-media} $(BIN)/takan run

reviewer: $(STAMP)
	$(BIN)/takan-reviewer

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean-venv:
	rm -rf $(VENV)
