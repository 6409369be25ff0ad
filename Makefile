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

## report: the main job — build the data, run every notebook for every quarter, write reports/index.html
report: data
	$(BIN)/gwfw batch --all
	@echo "open $(CURDIR)/reports/index.html"

## test: the whole test suite (what CI runs)
test: $(STAMP)
	$(BIN)/python -m pytest

## lint: ruff (pyproject.toml [tool.ruff]): lint rules, then the formatting check; `make format` fixes the latter
lint: $(STAMP)
	$(BIN)/ruff check gwfw tests benchmarks
	$(BIN)/ruff format --check gwfw tests benchmarks

## format: apply ruff's formatting and import order
format: $(STAMP)
	$(BIN)/ruff check --select I --fix gwfw tests benchmarks
	$(BIN)/ruff format gwfw tests benchmarks

## lab: install JupyterLab into .venv and open it on notebooks/
lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	$(BIN)/jupyter lab notebooks/

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

## fuzz: a long fuzz run of the extraction on 100,000 generated texts (~3 min); prints any failing input, minimised
fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py --n 100000

.PHONY: help install data report test lint format lab clean bench bench-national fuzz
