# The commands the README names. Everything runs from the project's own .venv,
# created on first use and re-synced whenever pyproject.toml changes.
#   make lab       start JupyterLab on notebooks/ (localhost, token authentication)
#   make test      unit tests + strict nbval over every notebook
#   make refresh   re-execute every notebook and store its outputs (NB=path for one;
#                  RETIME=1 also re-stores timing cells' measurements)
#   make bench     print the speed ratios in benchmarks/

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.synced
PORT   ?= 8888
LAB_FLAGS ?=
PYTEST_FLAGS ?=
NB     ?= notebooks/*.ipynb

# One BLAS thread and a fixed hash seed: stored outputs are compared digit by digit.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export PYTHONHASHSEED := 0
# Kernels come from the venv, never from a user-level kernelspec.
export JUPYTER_PREFER_ENV_PATH := 1

ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test refresh bench venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: '$(PYTHON)' not found. Install Python 3.10 or newer, or run: make PYTHON=/path/to/python3.11 ..."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || { echo "make: $$($(PYTHON) -V 2>&1) is too old: this project needs Python 3.10 or newer (run: make PYTHON=/path/to/python3.11 ...)."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { echo "make: $(PYTHON) has no venv/ensurepip module (on Debian/Ubuntu: apt-get install python3-venv)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) $(ROOT_FLAG) $(LAB_FLAGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_FLAGS)

refresh: $(STAMP)
	$(BIN)/python tools/refresh_notebooks.py $(if $(RETIME),--retime,) $(NB)

bench: $(STAMP)
	@for f in benchmarks/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) build .pytest_cache
