# Build, test and render the notebooks. Every target runs tools from .venv explicitly.
#
#   make venv                  create .venv and install the project with its dev extras
#   make test                  ruff, environment.yml check, unit tests and nbval
#   make test-quick            ruff and the unit tests without the slow ones (pytest -m 'not slow':
#                              no make report runs, no browser, no nbval): the loop while editing
#   make report                execute every notebook and render HTML into reports/
#                              (NN-name.html for reading, NN-name-code.html with the code)
#   make report CORPUS=dir [MANIFEST=file.csv]
#                              the same against another corpus, into reports/<dir name>-<hash>/
#                              (REPORTS=folder puts the reports somewhere else); a failed
#                              run leaves FAILED and an index.html saying so in that folder
#   make report WORKERS=4      the same with the per-document stages on four Dask workers
#   make notebooks             re-execute the committed notebooks in place (before a commit), as
#                              nbconvert --execute --inplace would, the kernel on local sockets
#   make lab                   open JupyterLab on notebooks/
#   make clean                 remove reports/ and the generated tables in data/processed/

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The numbered notebooks make up the report; nbval checks every notebook.
NUMBERED := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
ALL_NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
LINT_DIRS := $(wildcard lib tests notebooks benchmarks tools)
# Without notebooks, nbval is left out (pytest would otherwise stop on a missing path).
NBVAL := $(if $(ALL_NOTEBOOKS),--nbval $(ALL_NOTEBOOKS) --nbval-sanitize-with tests/nbval_sanitize.cfg)

# Where reports go (the tests point it at a temporary folder). CORPUS, MANIFEST and REPORTS
# reach tools/report.sh in the environment, never in a command's text: any folder name works
# and none runs as a command. With CORPUS= or MANIFEST= the report goes to a folder of its own,
# REPORTS/<name>-<hash of the absolute path>; papermill gets the paths made absolute.
REPORTS ?= reports
export CORPUS MANIFEST REPORTS

# Progress bars are for people watching JupyterLab; reports and nbval stay silent.
export IECORPUS_PROGRESS := 0

# WORKERS=4 runs the per-document stages on a Dask cluster of four worker processes
# (iecorpus.engine); tools/report.sh and the notebooks it runs read it as IECORPUS_WORKERS.
# Without it, everything runs in one process. IECORPUS_SCHEDULER=tcp://host:8786 in the
# environment uses a cluster of one's own instead.
ifdef WORKERS
export IECORPUS_WORKERS := $(WORKERS)
endif

.PHONY: venv report notebooks test test-quick lab clean browser

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV) || { echo "'$(PYTHON) -m venv' failed: on Debian/Ubuntu install python3-venv." >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

report: $(STAMP)
	@BIN='$(BIN)' NUMBERED='$(NUMBERED)' sh tools/report.sh

notebooks: $(STAMP)
	@set -e; for nb in $(NUMBERED); do \
	  echo "execute: $$nb"; \
	  $(BIN)/python -m iecorpus.report --inplace $$nb; \
	done

# The browser tests open the rendered reports and JupyterLab in Debian's Chromium. As root
# with apt (as in CI) it is installed here; elsewhere those tests are skipped with a note.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    { apt-get update -qq >/dev/null && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; } || \
	    echo "note: chromium could not be installed; browser tests will be skipped"; \
	  else \
	    echo "note: no chromium; browser tests will be skipped (install Debian's chromium package)"; \
	  fi; }

test: $(STAMP) browser
	$(BIN)/ruff check --quiet $(LINT_DIRS)
	$(BIN)/python tools/sync_environment.py --check
	$(BIN)/python -m pytest -q tests $(NBVAL)

test-quick: $(STAMP)
	$(BIN)/ruff check --quiet $(LINT_DIRS)
	$(BIN)/python -m pytest -q -m "not slow" tests

lab: $(STAMP)
	IECORPUS_PROGRESS=1 $(BIN)/jupyter lab notebooks/

clean:
	rm -rf reports
	if [ -d data/processed ]; then find data/processed -mindepth 1 ! -name .gitkeep -delete; fi
