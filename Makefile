# gwfw — two commands do everything on a fresh clone: `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

## help: list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## install: create .venv and install gwfw with its dependencies (done by the other targets too)
install: $(STAMP)

## data: data/raw -> data/processed (observations, mentions)
data: $(STAMP)
	$(BIN)/gwfw build

## report: the main job — build the data, run every notebook for every quarter, write reports/index.html,
## reports/zip/<quarter>.zip and the review pages (reports/review/index.html: every figure highlighted in its report)
# A report with a problem (its catalog row, its file) does not stop the pages of the others: the build's exit
# status 1 (problems) lets the pages run, then the problems are listed again and make fails; 2 (nothing
# could be built) stops at once.
report: $(STAMP)
	@$(BIN)/gwfw build > $(VENV)/build.log 2>&1; status=$$?; cat $(VENV)/build.log; \
	if [ $$status -gt 1 ]; then exit $$status; fi; \
	$(BIN)/gwfw batch --all --zip || status=$$?; \
	$(BIN)/gwfw review || status=$$?; \
	echo "open $(CURDIR)/reports/index.html"; \
	echo "check figures: $(CURDIR)/reports/review/index.html"; \
	if [ $$status -ne 0 ]; then echo "gwfw: finished with problems (the pages of the other reports are built):"; \
		grep '^problem:' $(VENV)/build.log || true; fi; \
	exit $$status

## review: the review pages alone (reports/review/), from the data already built
review: $(STAMP)
	$(BIN)/gwfw review

## test: the whole test suite (what CI runs)
test: $(STAMP)
	$(BIN)/python -m pytest

## lint: ruff (pyproject.toml [tool.ruff]): lint rules, then the formatting check; `make format` fixes the latter
lint: $(STAMP)
	$(BIN)/ruff check gwfw tests benchmarks tools
	$(BIN)/ruff format --check gwfw tests benchmarks tools

## format: apply ruff's formatting and import order
format: $(STAMP)
	$(BIN)/ruff check --select I --fix gwfw tests benchmarks tools
	$(BIN)/ruff format gwfw tests benchmarks tools

## lab: install JupyterLab into .venv and open it on notebooks/
lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	$(BIN)/jupyter lab notebooks/

## screenshots: the index and the newest quarter's pages in headless Chromium, desktop and phone width, into screenshots/
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py --out screenshots

## clean: remove the generated reports/ (data/processed is kept: it is committed)
clean:
	rm -rf reports

## bench: speed and memory on a synthetic corpus of 10,000 reports in benchmarks/out/ (~6 min; see benchmarks/RESULTS.md)
bench: $(STAMP)
	$(BIN)/python benchmarks/make_corpus.py --n 10000 --seed 7 --out benchmarks/out/corpus
	$(BIN)/python benchmarks/make_corpus.py --n 2500 --seed 7 --out benchmarks/out/corpus2500
	$(BIN)/python benchmarks/bench_extract.py benchmarks/out/corpus --small benchmarks/out/corpus2500 --seed 7

## bench-national: every county of the gazetteer × 8 quarters (24,384 reports), build and batch, process pool vs Dask (~20 min; benchmarks/RESULTS.md)
bench-national: $(STAMP)
	$(BIN)/python benchmarks/make_national.py --quarters 8 --seed 7 --out benchmarks/out/national/raw
	$(BIN)/python benchmarks/bench_national.py benchmarks/out/national --sample 6

## fuzz: a long fuzz run of the extraction on 100,000 generated texts (~1 h on 2 cores); prints any failing input, minimised
fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py --n 100000

.PHONY: help install data report review test lint format lab clean bench bench-national fuzz screenshots
