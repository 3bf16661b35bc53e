# claimcred: `make run` runs the main job on the embedded default; `make test` runs the suite.
# The interpreter .venv is made from. The distribution's Python (/usr/bin/python3, Debian builds it with profile-guided
# and link-time optimisation) runs extraction about a fifth faster than an unoptimised build such as pyenv's default, so
# it is preferred when it is 3.11+ and can make a venv; otherwise python3 on PATH. `make PYTHON=...` overrides.
SYSTEM_PYTHON := $(shell /usr/bin/python3 -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo /usr/bin/python3)
PYTHON ?= $(or $(SYSTEM_PYTHON),python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The real path of the chosen interpreter: a .venv made from another one is remade.
PYTHON_REAL := $(shell $(PYTHON) -c 'import os, sys; print(os.path.realpath(sys.executable))' 2>/dev/null)
VENV_REAL := $(shell $(BIN)/python -c 'import os, sys; print(os.path.realpath(sys._base_executable))' 2>/dev/null)
ifneq ($(VENV_REAL),$(PYTHON_REAL))
$(STAMP): FORCE
endif

.PHONY: setup native run test bench ui clean system-deps FORCE

$(STAMP): pyproject.toml
	@if [ -x $(BIN)/python ] && [ "$(VENV_REAL)" != "$(PYTHON_REAL)" ]; then echo "remaking $(VENV): it was made from $(VENV_REAL), not $(PYTHON_REAL)"; rm -rf $(VENV); fi
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

system-deps: ## Debian packages: the optimised Python with venv and headers, and the optional checks' chromium and PostgreSQL.
	apt-get update -qq && apt-get install -y -qq python3 python3-venv python3-dev chromium postgresql >/dev/null

FORCE:

clean:
	rm -rf $(VENV) .claimcred .pytest_cache features/*.so features/native-build.json
