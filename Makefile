# Two commands do everything on a fresh machine with python3 and make:
#   make run    build the panel from data/raw/, then every province report and the overview
#   make test   lint and run the test suite
#   make lab    JupyterLab in the project's environment, with its kernel registered
#   make lock   refresh requirements.lock (exact versions and hashes) after editing pyproject.toml
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
EXTRAS := --extra dev --extra lab --extra cluster

.PHONY: run build test lint lab lock clean

# Installs exactly the locked versions (hashes checked), then the project itself without dependencies.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

lock:
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml $(EXTRAS) --universal --python-version 3.11 --generate-hashes \
		--quiet -o $(LOCK)

run: $(STAMP)
	$(BIN)/reform build --quiet
	$(BIN)/reform batch --resume

build: $(STAMP)
	$(BIN)/reform build

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

# As root (the usual case in a container) Jupyter refuses to start without --allow-root; it then
# listens on all interfaces without opening a browser: open the printed http://127.0.0.1:8888/lab?token=... URL.
lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name reform-analysis --display-name "Python (reform-analysis)"
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root --ip=0.0.0.0 --no-browser,)

clean:
	rm -rf data/processed/*.parquet data/processed/*.csv reports/
