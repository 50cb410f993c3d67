# The commands the README names. Everything runs from the project's own .venv,
# created on first use and re-synced whenever pyproject.toml changes.
#   make lab       start JupyterLab on notebooks/ (localhost, token authentication)
#   make test      unit tests + strict nbval over every notebook, then the same notebooks and
#                  unit tests once more under another machine's arithmetic (tools/arithmetic.py)
#   make test-native     the first pass alone (PYTEST_FLAGS as for make test)
#   make test-portable   NB=path: strict nbval of notebooks under every arithmetic variant, one table
#   make test-lowest     the unit tests and notebooks with every package at its declared lower bound
#                        (a venv of its own in build/venv-lowest; tools/lowest_deps.py)
#   make refresh   re-execute every notebook and store its outputs (NB=path for one;
#                  RETIME=1 also re-stores timing cells' measurements)
#   make bench     print the speed ratios in benchmarks/ (suite_time.py: the nbval suite
#                  against the floor of starting its kernels, with make test's parallelism)
#   make app       serve one lesson as a Voila app on localhost (APP=notebooks/NN_topic.ipynb)
#   make student   build/student/NN_topic.ipynb: each lesson with its solutions replaced by
#                  placeholders, the self-checks' outputs cleared (tools/make_student.py)
#   make html      build/html/: the lessons as a static site for readers, index in course order,
#                  MathJax served from the site itself (tools/make_html.py)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.synced
PORT   ?= 8888
LAB_FLAGS ?=
PYTEST_FLAGS ?=
# make test's parallelism: pytest-xdist workers (auto: one per core), each test file and
# notebook whole on one worker, tests/browser/ all on one (one JupyterLab, one Chromium; see
# tests/conftest.py). XDIST_FLAGS= (empty) runs everything in one process.
XDIST_FLAGS ?= -n auto --dist loadfile
NB     ?= notebooks/*.ipynb

# One BLAS thread and a fixed hash seed: stored outputs are compared digit by digit.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export PYTHONHASHSEED := 0
# Kernels come from the venv, never from a user-level kernelspec.
export JUPYTER_PREFER_ENV_PATH := 1

ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# The second pass of make test: unit tests and notebooks, no browser tests (they test widgets,
# not numbers), no tests marked slow (they check that training runs settle, which is the
# arithmetic-independent half of the same promise).
OTHER_MACHINE_FLAGS ?= -m "not browser and not slow" --ignore=tests/browser

APP    ?= notebooks/05_activations.ipynb
APP_PORT ?= 8866

.PHONY: app lab test test-native test-other-machine test-portable test-lowest refresh bench student html venv clean

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

# Voila with the project's "lab-local" template: Voila's own, without its CDN stylesheets.
app: $(STAMP)
	JUPYTER_PATH=$(CURDIR)/share/jupyter $(BIN)/voila $(APP) --no-browser --port=$(APP_PORT) \
		--Voila.ip=127.0.0.1 --template=lab-local

test: test-native test-other-machine

test-native: $(STAMP)
	$(BIN)/python -m pytest $(XDIST_FLAGS) $(PYTEST_FLAGS)

test-other-machine: $(STAMP)
	$(BIN)/python tools/arithmetic.py run other-machine -- \
		$(BIN)/python -m pytest $(XDIST_FLAGS) $(OTHER_MACHINE_FLAGS) $(PYTEST_FLAGS)

test-portable: $(STAMP)
	$(BIN)/python tools/arithmetic.py portable $(NB)

test-lowest: $(STAMP)
	$(BIN)/python tools/lowest_deps.py --python $(PYTHON) -- $(XDIST_FLAGS) $(PYTEST_FLAGS)

refresh: $(STAMP)
	$(BIN)/python tools/refresh_notebooks.py $(if $(RETIME),--retime,) $(NB)

bench: $(STAMP)
	@for f in benchmarks/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

student: $(STAMP)
	$(BIN)/python tools/make_student.py --out build/student

html: $(STAMP)
	$(BIN)/python tools/make_html.py --out build/html

clean:
	rm -rf $(VENV) build .pytest_cache
