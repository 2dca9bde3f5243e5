# The two commands a teacher and a developer need: `make lab` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FIRST := lessons/00-kirispe.ipynb
# Our .jupyter/ (no news popup, no update check) joins the user's config search path; Binder uses the same folder.
export JUPYTER_CONFIG_PATH := $(CURDIR)/.jupyter

.PHONY: lab student test unit notebooks browser lint check bench html translations readme report clean lite lite-serve

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

## make lab: JupyterLab on 127.0.0.1 opening the first lesson; Jupyter makes a fresh token and
## prints the address to open (the token never appears on a command line, so not in `ps`)
lab: $(VENV)/.runtime
	@root=; if [ "$$(id -u)" = 0 ]; then root=--allow-root; \
	  echo "make lab: running as root (as in a container), so Jupyter gets --allow-root"; fi; \
	$(PY) -m jupyter lab --ServerApp.ip=127.0.0.1 $$root $(FIRST)

## make student: the student view without code (Voila) on 127.0.0.1, every lesson listed; the
## token goes to Voila through the environment, not the command line
student: $(VENV)/.runtime
	@JUPYTER_TOKEN="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(24))')"; \
	export JUPYTER_TOKEN; \
	echo "Student view: http://127.0.0.1:8866/voila/render/00-kirispe.ipynb?token=$$JUPYTER_TOKEN"; \
	$(PY) -m voila --Voila.ip=127.0.0.1 --Voila.port=8866 --Voila.auto_token=True lessons/

## make check: validate every content file in data/ after editing it
check: $(VENV)/.runtime
	PYTHONPATH=lessons $(PY) -m tmdkit check

## make html: a printable, offline worksheet of every lesson and a teacher’s copy (notes, answer key) in build/html/
html: $(VENV)/.runtime
	PYTHONPATH=lessons $(PY) -m tmdkit html

## make translations: regenerate lessons/ru and lessons/en from the Kazakh notebooks and data/translations
translations: $(VENV)/.runtime readme
	PYTHONPATH=lessons $(PY) -m tmdkit translations build
	PYTHONPATH=lessons $(PY) -m tmdkit translations check

## make readme: regenerate the README's lesson tables from data/lessons.yaml
readme: $(VENV)/.runtime
	PYTHONPATH=lessons $(PY) -m tmdkit readme

## make report RESULTS=folder [OUT=build/report] [REPORT_LANG=kk|ru|en]: the class report from a
## folder of students' results files, as CSV tables and a printable report.html, written only into OUT
RESULTS ?= results
OUT ?= build/report
REPORT_LANG ?= kk
report: $(VENV)/.runtime
	PYTHONPATH=lessons $(PY) -m tmdkit.report "$(RESULTS)" --out "$(OUT)" --lang $(REPORT_LANG)

# The JupyterLite build has its own venv, so the runtime one stays lean.
VENV_LITE := .venv-lite
PY_LITE := $(VENV_LITE)/bin/python

$(VENV_LITE)/.build: requirements-lite.txt
	test -x $(PY_LITE) || $(PYTHON) -m venv $(VENV_LITE)
	$(PY_LITE) -m pip install --disable-pip-version-check -q -r requirements-lite.txt
	touch $@

## make lite: every lesson as a JupyterLite site in build/lite/ (runs in the browser, no install)
lite: $(VENV_LITE)/.build
	$(PY_LITE) -m lite.build

## make lite-serve: serve build/lite/ on 127.0.0.1 and print its address
lite-serve:
	@$(PYTHON) -m lite.serve $(or $(PORT),8000)

## make test: lint, unit tests and every notebook under nbval, then the browser tests
test: lint unit browser

## make lint: the .pre-commit-config.yaml hooks, checking only (nothing is rewritten)
lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	@notebooks="$$(git ls-files '*.ipynb')" && [ -n "$$notebooks" ] || \
	  { echo "make lint: git lists no notebooks to check (is this a git checkout?)"; exit 1; }; \
	echo "nbstripout --verify: $$(echo $$notebooks | wc -w) notebooks must have no outputs"; \
	$(PY) -m nbstripout --keep-id --verify $$notebooks

# Unit tests and the notebooks run together on both cores; --dist loadfile keeps a notebook's cells on one worker.
# Under CI the JupyterLite site is built first, so the unit tests of its build run too (never skipped).
unit: $(VENV)/.dev $(if $(filter true,$(CI)),lite)
	$(PY) -m pytest -n 2 --dist loadfile -m "not browser" --nbval-lax --nbval-current-env \
	  --nbval-cell-timeout=120 tests lessons

# CI builds the JupyterLite site first; elsewhere tests/browser/test_lite.py reuses build/lite/, or
# rebuilds it from the download cache alone, or is skipped with a line saying `make lite`.
browser: $(VENV)/.dev $(if $(filter true,$(CI)),lite)
	$(PY) -m pytest -m browser tests/browser

bench: $(VENV)/.dev
	$(PY) benchmarks/bench.py

clean:
	rm -rf $(VENV) $(VENV_LITE) artifacts build
