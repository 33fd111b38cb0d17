# Two commands for a newcomer: `make lab` and `make test`. Each creates .venv and
# installs requirements.txt on first use (and again whenever requirements change).
# Pick another Python with e.g. `make test PYTHON=python3.12` (3.11 or newer).
PYTHON   ?= python3
# Extra options for JupyterLab, e.g. make lab LAB_ARGS="--port 8890 --no-browser"
LAB_ARGS ?=
# The OpenBLAS kernels of `make test-kernels` (see tools/test_kernels.py).
KERNELS  ?= default Prescott Sandybridge Haswell Zen SkylakeX
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NEWEST := .venv-newest

.PHONY: lab test test-kernels test-newest check-wheels check-python bench lint student check check-student \
        install clean site site-check serve

# One line, at once, instead of a failure deep inside pip.
check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "error: this course needs Python 3.11 or newer, but '$(PYTHON)' is $$($(PYTHON) --version 2>/dev/null || echo 'not found'); pick another with e.g. make test PYTHON=python3.12"; \
	  exit 1; }

$(STAMP): requirements.txt pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest

# The whole suite once per OpenBLAS kernel, one line each.
test-kernels: $(STAMP)
	$(BIN)/python tools/test_kernels.py $(KERNELS)

# The whole suite on the newest release of every direct dependency (no pins), in a
# separate environment, upgraded on every run.
test-newest: check-python
	test -d $(NEWEST) || $(PYTHON) -m venv $(NEWEST)
	$(NEWEST)/bin/python -m pip install --quiet --upgrade pip
	$(NEWEST)/bin/python -m pip install --quiet --upgrade \
	  $$(sed -n 's/^\([A-Za-z0-9_.-]*\)==.*/\1/p' requirements.txt)
	$(NEWEST)/bin/python -m pip install --quiet --no-deps -e .
	@$(NEWEST)/bin/python -m pip list 2>/dev/null | grep -iE "^($$(sed -n 's/^\([A-Za-z0-9_.-]*\)==.*/\1/p' requirements.txt | paste -sd'|')) "
	$(NEWEST)/bin/python -m pytest

# Every pin has a wheel for CPython 3.11-3.14 on Linux, macOS and Windows (nothing installed).
check-wheels: check-python
	$(PYTHON) tools/check_wheels.py

# The student edition, solutions taken out, in build/student/ (tools/make_student.py).
student: $(STAMP)
	$(BIN)/python tools/make_student.py

# Check that the student edition works gap by gap, e.g. `make check-student CHAPTERS="01 07"`
# (all chapters by default; tools/check_student_edition.py).
CHAPTERS ?=
check-student: $(STAMP)
	$(BIN)/python tools/make_student.py --out build/student
	$(BIN)/python tools/check_student_edition.py --edition build/student $(CHAPTERS)

# Grade one chapter gap by gap, e.g. `make check CHAPTER=00` (in the student edition too).
CHAPTER ?= 00
check: $(STAMP)
	$(BIN)/python tools/check_gaps.py $(CHAPTER)

# The course as a static website in build/site/ (tools/build_site.py: Sphinx and myst-nb from the
# committed notebooks, nothing executed; warnings are errors). Its packages are pinned in
# requirements-site.txt and installed into .venv on first use, so that `make lab` stays small.
SITE_STAMP := $(VENV)/.installed-site
$(SITE_STAMP): requirements-site.txt $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-site.txt
	touch $(SITE_STAMP)

site: $(SITE_STAMP)
	$(BIN)/python tools/build_site.py

# Builds the site, then checks it: nothing loaded from another host, and in headless Chromium
# every page's math, images and console; screenshots in build/site-check/ (tools/check_site.py).
site-check: site
	$(BIN)/python tools/check_site.py

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Chapter 10's prediction service on http://127.0.0.1:8000 (docs at /docs), from the model
# in build/ (ignored by git), which is fitted and saved first if it is missing.
HOUSE_MODEL := build/house_prices/model
$(HOUSE_MODEL).json: 10_house_prices/house_prices.py utils/datasets/sacramento.csv | $(STAMP)
	$(BIN)/python 10_house_prices/house_prices.py build $(HOUSE_MODEL)

serve: $(HOUSE_MODEL).json | $(STAMP)
	HOUSE_PRICES_MODEL=$(HOUSE_MODEL) $(BIN)/python -m uvicorn --app-dir 10_house_prices \
	  --host 127.0.0.1 --port 8000 --factory house_prices:app_from_environment

lint: $(STAMP)
	$(BIN)/python tools/course_lint.py

clean:
	rm -rf $(VENV) $(NEWEST)
