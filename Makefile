# `make run`: set up and run Voice with demo data.  `make test`: set up and run every test.
VENV ?= .venv
PYTHON ?= python3

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[test,bench,postgres]"
	touch $@

.PHONY: setup run test lint bench
setup: $(VENV)/.installed

run: $(VENV)/.installed
	$(VENV)/bin/voice serve --demo

# Every test on SQLite, then every test again on a throwaway PostgreSQL server.
test: $(VENV)/.installed
	$(VENV)/bin/ruff check voice tests bench scripts
	$(VENV)/bin/python -m pytest
	scripts/with_postgres.sh $(VENV)/bin/python -m pytest -q

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check voice tests bench scripts
	$(VENV)/bin/voice check --strict

bench: $(VENV)/.installed
	$(VENV)/bin/python bench/compare.py
