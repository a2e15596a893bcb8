# Two commands do everything on a fresh machine with python3 and make:
#   make run    build the panel from data/raw/, then every province report and the overview
#   make test   lint and run the test suite
#   make lab    JupyterLab in the project's environment, with its kernel registered
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
	$(BIN)/reform build --quiet
	$(BIN)/reform batch

build: $(STAMP)
	$(BIN)/reform build

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name reform-analysis --display-name "Python (reform-analysis)"
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf data/processed/*.parquet data/processed/*.csv reports/
