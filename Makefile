# Build, test and render the notebooks. Every target runs tools from .venv explicitly.
#
#   make venv                  create .venv and install the project with its dev extras
#   make test                  ruff, environment.yml check, unit tests and nbval
#   make test-quick            ruff and the unit tests without the slow ones (pytest -m 'not slow':
#                              no make report runs, no browser, no nbval): the loop while editing
#   make report                execute every notebook and render HTML into reports/
#                              (NN-name.html for reading, NN-name-code.html with the code)
#   make report CORPUS=dir [MANIFEST=file.csv]
#                              the same against another corpus, into reports/<dir name>/
#                              (REPORTS=folder puts the reports somewhere else)
#   make notebooks             re-execute the committed notebooks in place (before a commit)
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

# Parameters go to papermill only when the user passed CORPUS= or MANIFEST=; the notebooks'
# defaults come from iecorpus.paths. Paths are made absolute because papermill runs the
# notebooks in notebooks/, and passed with -r so that they stay strings.
# Where reports go (the tests point it at a temporary folder).
REPORTS ?= reports

ifneq ($(strip $(CORPUS)$(MANIFEST)),)
REPORT_NAME := $(if $(CORPUS),$(notdir $(patsubst %/,%,$(CORPUS))),$(basename $(notdir $(MANIFEST))))
REPORT_DIR := $(REPORTS)/$(REPORT_NAME)
PARAMS := $(if $(CORPUS),-r corpus_dir $(abspath $(CORPUS))) \
          $(if $(MANIFEST),-r manifest $(abspath $(MANIFEST))) \
          -r processed_dir $(abspath $(REPORT_DIR)/processed) \
          -r figures_dir $(abspath $(REPORT_DIR)/figures)
else
REPORT_DIR := $(REPORTS)
PARAMS :=
endif

# HTML reports use JupyterLab's template without the scripts it would fetch from a CDN.
HTML := --log-level ERROR --to html --embed-images --template offline \
        --TemplateExporter.extra_template_basedirs=lib/iecorpus/templates

# Progress bars are for people watching JupyterLab; reports and nbval stay silent.
export IECORPUS_PROGRESS := 0

.PHONY: venv report notebooks test test-quick lab clean browser

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV) || { echo "'$(PYTHON) -m venv' failed: on Debian/Ubuntu install python3-venv." >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

report: $(STAMP)
	@$(if $(CORPUS),$(BIN)/python -m iecorpus.check $(CORPUS) $(if $(MANIFEST),--manifest $(MANIFEST)))
	@mkdir -p $(REPORT_DIR)
	@set -e; for nb in $(NUMBERED); do \
	  name=$$(basename $$nb .ipynb); \
	  echo "report: $$name"; \
	  $(BIN)/papermill --log-level WARNING --no-progress-bar -k python3 --cwd notebooks \
	    $(PARAMS) $$nb $(REPORT_DIR)/$$name.ipynb; \
	  $(BIN)/python -m iecorpus.report --stabilize $(REPORT_DIR)/$$name.ipynb; \
	  $(BIN)/jupyter nbconvert $(HTML) --no-input \
	    --output-dir $(REPORT_DIR) $(REPORT_DIR)/$$name.ipynb; \
	  $(BIN)/jupyter nbconvert $(HTML) \
	    --output-dir $(REPORT_DIR) --output $$name-code $(REPORT_DIR)/$$name.ipynb; \
	done
	$(BIN)/python -m iecorpus.report $(REPORT_DIR)

notebooks: $(STAMP)
	@set -e; for nb in $(NUMBERED); do \
	  echo "execute: $$nb"; \
	  $(BIN)/jupyter nbconvert --log-level WARN --to notebook --execute --inplace \
	    --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.record_timing=False \
	    --ExecutePreprocessor.store_widget_state=False $$nb; \
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
