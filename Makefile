# Two commands for a newcomer: `make lab` and `make test`. Each creates .venv and
# installs requirements.txt on first use (and again whenever requirements change).
PYTHON   ?= python3
# Extra options for JupyterLab, e.g. make lab LAB_ARGS="--port 8890 --no-browser"
LAB_ARGS ?=
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab test bench lint install clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/python ../shared/tools/course_lint.py

clean:
	rm -rf $(VENV)
