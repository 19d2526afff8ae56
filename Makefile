# CRM Value Lab. Quick start: `make lab` opens the course, `make test` runs every test layer.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The exact versions the kit is tested with (one universal lock for Linux, macOS and
# Windows, Python 3.10-3.13; `make lock` refreshes them from pyproject.toml's ranges).
LOCK_LAB  := requirements/lab.txt
LOCK_TEST := requirements/test.txt
# Jupyter refuses to run as root unless told; containers often run as root.
ROOT_OK := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
# The kit's own Jupyter settings (jupyter/): lab defaults (no news prompt), the presentation
# template and the handout template. The user's own settings are neither read nor changed here.
KIT_JUPYTER := $(CURDIR)/jupyter
LAB_SETTINGS := --LabApp.app_settings_dir=$(KIT_JUPYTER)/lab/settings
PRESENT_PORT ?= 8866

.PHONY: lab present handouts test test-fast test-latest lock bench exercises exercises-check clean

# What students need (runtime + JupyterLab), rebuilt only when the lock changes.
$(VENV)/.lab-installed: $(LOCK_LAB) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(LOCK_LAB)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# The test tooling ([dev]: pytest, nbval, hypothesis, lifetimes, ruff ...) on top.
$(VENV)/.test-installed: $(VENV)/.lab-installed $(LOCK_TEST)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(LOCK_TEST)
	@touch $@

# Serve the whole kit (so exercises/ is reachable) and open the file browser on notebooks/.
lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks \
		$(LAB_SETTINGS) $(ROOT_OK)

# Presentation mode: every course notebook as a web app with code hidden (Voila), index page
# of the notebooks, on this computer only (127.0.0.1; jupyter/voila.json). Nothing is loaded
# from the internet.
present: $(VENV)/.lab-installed
	JUPYTER_PATH=$(KIT_JUPYTER) JUPYTER_CONFIG_PATH=$(KIT_JUPYTER) \
		$(BIN)/voila notebooks --port=$(PRESENT_PORT)

# Handouts: handouts/<notebook>.html for students, formulas typeset offline.
handouts: $(VENV)/.lab-installed
	$(BIN)/python jupyter/handouts.py notebooks handouts

test: $(VENV)/.test-installed
	$(BIN)/ruff check crmlib tests benchmarks exercises jupyter
	$(BIN)/python -m pytest

# Everything except the tests marked slow (full-data fits, large simulations).
test-fast: $(VENV)/.test-installed
	$(BIN)/python -m pytest -m "not slow"

# The suite on the newest versions pyproject.toml allows, in a separate venv: shows
# upstream breakage before `make lock` brings it to students.
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --disable-pip-version-check --upgrade -e ".[dev]"
	.venv-latest/bin/python -m pip list --format=freeze > .venv-latest/versions.txt
	.venv-latest/bin/python -m pytest

# Re-resolve both locks from pyproject.toml with uv (universal: every platform and Python);
# the students' lock takes the test lock's versions, so both venvs agree.
lock: $(VENV)/.lab-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv>=0.5"
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.10 --quiet \
		--extra dev --output-file $(LOCK_TEST)
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.10 --quiet \
		--constraint $(LOCK_TEST) --output-file $(LOCK_LAB)

# Speed and memory measurements; results in benchmarks/RESULTS.md.
bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .venv-latest

# Build every exercise from its solution: student notebook + public tests, self-check tables,
# autograder zip in exercises/*/dist/ (see exercises/README.md). exercises-check only compares.
exercises: $(VENV)/.test-installed
	$(BIN)/python exercises/build.py

exercises-check: $(VENV)/.test-installed
	$(BIN)/python exercises/build.py --check
