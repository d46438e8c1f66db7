# Claimsheet: two commands set everything up on a fresh machine.
#   make run   create .venv, install the locked dependencies, open the seed article
#   make test  same set-up, then the whole test suite headless
# requirements.lock pins every package (spaCy model included) with its hashes;
# `make lock` refreshes it from pyproject.toml.
#   make wheel        dist/claimsheet-VERSION-py3-none-any.whl (resources inside)
#   make bundle       dist/claimsheet/: the PyInstaller one-folder app
#   make bundle-test  smoke-tests that app from outside the source tree

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := seeds/000_6448b12ea3d2d7a9.txt
STAMP := $(VENV)/.installed

.PHONY: run test bench lint setup lock train-checkworthiness train-systems screenshots clean \
	wheel bundle bundle-test icons

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Re-resolve the dependency set from pyproject.toml and pin it with hashes.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

run: $(STAMP)
	$(BIN)/claimsheet $(SEED)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check app tests benchmarks scripts packaging
	$(BIN)/mypy app

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do \
		echo "== $$script"; \
		QT_QPA_PLATFORM=offscreen $(BIN)/python $$script || exit 1; \
	done

# Reads ../shared/corpus/checkworthiness (not in a user's clone; the script says so and stops).
train-checkworthiness: $(STAMP)
	$(BIN)/python scripts/train_checkworthiness.py

# Reads ../shared/corpus gold sets (not in a user's clone; the script says so and stops).
# Retrains the learned system tagger and prints its held-out figures (about 7 minutes).
train-systems: $(STAMP)
	$(BIN)/python scripts/train_systems.py --lodo --unseen-names

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

wheel: $(STAMP)
	rm -rf build/lib  # setuptools would otherwise keep files deleted since the last build
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w dist .

bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/claimsheet.spec
	@du -sh dist/claimsheet

bundle-test: $(STAMP)
	CLAIMSHEET_BUNDLE=dist/claimsheet/claimsheet QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/packaging/test_bundle.py

# Re-render the PNG icons after editing app/resources/icons/claimsheet.svg.
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/render_icons.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
