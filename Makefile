# The two commands of the README. Each sets up a virtual environment from the
# pinned requirements.txt and installs the site's code (the uplift package,
# pyproject.toml) into it, once and again when either changes, then hands over
# to invoke (tasks.py), which is the one interface for people and CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: serve test

serve: $(INSTALLED)  ## build the site and preview it at http://127.0.0.1:8000
	$(BIN)/invoke livereload

test: $(INSTALLED)  ## run the whole test suite
	$(BIN)/invoke test

$(INSTALLED): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@
