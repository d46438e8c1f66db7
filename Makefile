# Claimsheet: two commands set everything up on a fresh machine.
#   make run   create .venv, install the pinned dependencies, open the seed article
#   make test  same set-up, then the whole test suite headless

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := seeds/000_6448b12ea3d2d7a9.txt
STAMP := $(VENV)/.installed

.PHONY: run test bench lint setup train-checkworthiness screenshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/claimsheet $(SEED)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check app tests benchmarks scripts
	$(BIN)/mypy app

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do \
		echo "== $$script"; \
		QT_QPA_PLATFORM=offscreen $(BIN)/python $$script || exit 1; \
	done

# Reads ../shared/corpus/checkworthiness (not in a user's clone; the script says so and stops).
train-checkworthiness: $(STAMP)
	$(BIN)/python scripts/train_checkworthiness.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
