# CRM Value Lab. Quick start: `make lab` opens the course, `make test` runs every test layer.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Jupyter refuses to run as root unless told; containers often run as root.
ROOT_OK := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
# The kit's own Jupyter settings (jupyter/): lab defaults (no news prompt), the presentation
# template and the handout template. The user's own settings are neither read nor changed here.
KIT_JUPYTER := $(CURDIR)/jupyter
LAB_SETTINGS := --LabApp.app_settings_dir=$(KIT_JUPYTER)/lab/settings
PRESENT_PORT ?= 8866

.PHONY: lab present handouts test bench exercises clean

# The venv is (re)built only when the dependency list changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# Serve the whole kit (so exercises/ is reachable) and open the file browser on notebooks/.
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks \
		$(LAB_SETTINGS) $(ROOT_OK)

# Presentation mode: every course notebook as a web app with code hidden (Voila), index page
# of the notebooks, on this computer only (127.0.0.1; jupyter/voila.json). Nothing is loaded
# from the internet.
present: $(STAMP)
	JUPYTER_PATH=$(KIT_JUPYTER) JUPYTER_CONFIG_PATH=$(KIT_JUPYTER) \
		$(BIN)/voila notebooks --port=$(PRESENT_PORT)

# Handouts: handouts/<notebook>.html for students, formulas typeset offline.
handouts: $(STAMP)
	$(BIN)/python jupyter/handouts.py notebooks handouts

test: $(STAMP)
	$(BIN)/ruff check crmlib tests benchmarks exercises jupyter
	$(BIN)/python -m pytest

# Speed and memory measurements; results in benchmarks/RESULTS.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV)

# Rebuild the student notebooks from their solutions (see exercises/README.md).
exercises: $(STAMP)
	$(BIN)/python exercises/build.py
