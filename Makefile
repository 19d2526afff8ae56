# CRM Value Lab. Quick start: `make lab` opens the course, `make test` runs every test layer.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Jupyter refuses to run as root unless told; containers often run as root.
ROOT_OK := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

.PHONY: lab test bench exercises exercises-check clean

# The venv is (re)built only when the dependency list changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# Serve the whole kit (so exercises/ is reachable) and open the file browser on notebooks/.
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks $(ROOT_OK)

test: $(STAMP)
	$(BIN)/ruff check crmlib tests benchmarks exercises
	$(BIN)/python -m pytest

# Speed and memory measurements; results in benchmarks/RESULTS.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV)

# Build every exercise from its solution: student notebook + public tests, self-check tables,
# autograder zip in exercises/*/dist/ (see exercises/README.md). exercises-check only compares.
exercises: $(STAMP)
	$(BIN)/python exercises/build.py

exercises-check: $(STAMP)
	$(BIN)/python exercises/build.py --check
