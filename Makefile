# Two entry points (see README): `make demo` and `make test`. Each sets itself up.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= 2

.PHONY: demo test lint typecheck pytest docs release-check bench clean

$(STAMP): pyproject.toml examples/plugins/gd-hubei/pyproject.toml
	@command -v chromium >/dev/null 2>&1 || ./scripts/install-system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[all,test,docs]" -e examples/plugins/gd-hubei
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/govdisclosure example -o $(VENV)/example.toml
	$(BIN)/govdisclosure validate $(VENV)/example.toml

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples docs
	$(BIN)/ruff format --check src tests benchmarks examples docs

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(JOBS)

release-check: $(STAMP)
	bash scripts/check_release.sh

test: lint typecheck pytest release-check

docs: $(STAMP)
	$(BIN)/python docs/gen_docs.py
	$(BIN)/mkdocs build --strict

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist site artifacts
