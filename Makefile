# Two commands do everything on a fresh machine with python3 and make:
#   make run    build the panel from data/raw/ (and the reports, once the batch exists)
#   make test   lint and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run build test lint lab clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,lab]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/reform build

build: $(STAMP)
	$(BIN)/reform build

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name reform-analysis --display-name "Python (reform-analysis)"
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf data/processed/*.parquet data/processed/*.csv reports/
