# Docket: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-core check lint-rfcs browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## The whole suite, browser tests included (installs Debian's chromium when missing).
test: install browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/docket lint docs/rfcs

## Static checks: ruff and mypy.
check: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

browser:
	@sh scripts/ensure-chromium.sh

## Start the web workspace on http://127.0.0.1:8000 with demo content.
run: install
	sh scripts/run.sh

clean:
	rm -rf $(VENV) .docket-cache .pytest_cache .mypy_cache .ruff_cache
