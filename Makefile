# claimcred: `make run` runs the main job on the embedded default; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup native run test bench ui clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,postgres]'
	touch $(STAMP)

setup: $(STAMP) native ## Create .venv and install claimcred with its dev extras.

native: $(STAMP) ## Compile the extraction modules with Cython (skipped when current; without a C compiler they run from source).
	CLAIMCRED_PURE=1 $(BIN)/python -c 'from features._native import main; main()'  # the build itself runs from source, without the stale-build warning

run: setup ## Ingest the bundled sample reporting, extract, score; print where results are.
	$(BIN)/claimcred run

test: setup ## Run the test suite (benchmarks excluded).
	$(BIN)/python -m pytest

bench: setup ## Run the benchmarks; they print articles/s, claims/s, peak memory.
	$(BIN)/python -m pytest -m bench -s -p no:cacheprovider tests/bench

ui: setup ## Open the MLflow UI on 127.0.0.1:5000 over the data home.
	$(BIN)/claimcred ui

system-deps: ## Debian packages for the optional checks (browser screenshots, PostgreSQL store tests).
	apt-get update -qq && apt-get install -y -qq chromium postgresql >/dev/null

clean:
	rm -rf $(VENV) .claimcred .pytest_cache features/*.so features/native-build.json
