# CRM Value Lab. Quick start: `make lab` opens the course, `make test` runs every test layer.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab test bench exercises clean

# The venv is (re)built only when the dependency list changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

test: $(STAMP)
	$(BIN)/ruff check crmlib tests benchmarks exercises
	$(BIN)/python -m pytest

# Speed and memory measurements; results in benchmarks/RESULTS.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV)

# Rebuild the student notebooks from their solutions (see exercises/README.md).
exercises: $(STAMP)
	$(BIN)/python exercises/build.py
