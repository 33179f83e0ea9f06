# The README's commands. Each target makes its own virtual environment when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-e2e test-prod measure-prod lint format migrations-check bench soak clean backup restore \
	lock lock-check

# Installs come from the lock files in requirements/ (exact versions, each file's SHA-256), never
# from whatever is newest on the day; `make lock` makes them again from pyproject.toml.
$(STAMP): pyproject.toml requirements/test.txt
	@$(MAKE) --no-print-directory lock-check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

## lock: make requirements/{production,test,bench}.txt again from pyproject.toml (after adding a
## dependency, or after a merge that did), keeping the versions already locked where they still
## fit; `make lock UPGRADE=1` moves every package to the newest version pyproject.toml allows
UV_VERSION := 0.13.9
LOCK_FLAGS := --generate-hashes --universal --python-version 3.11 --quiet $(if $(UPGRADE),--upgrade)
# The dependency lists of pyproject.toml, digested: the lock files were made from these.
LOCK_INPUTS = $(PYTHON) -c 'import hashlib, json, tomllib; \
p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
print(hashlib.sha256(json.dumps([p["dependencies"], p["optional-dependencies"]], \
sort_keys=True).encode()).hexdigest())'
lock:
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile pyproject.toml --extra prod $(LOCK_FLAGS) \
		-o requirements/production.txt
	$(BIN)/uv pip compile pyproject.toml --extra prod --extra dev $(LOCK_FLAGS) \
		-c requirements/production.txt -o requirements/test.txt
	$(BIN)/uv pip compile pyproject.toml --extra prod --extra dev --extra bench $(LOCK_FLAGS) \
		-c requirements/test.txt -o requirements/bench.txt
	$(LOCK_INPUTS) > requirements/pyproject.sha256
	rm -f $(STAMP) $(BENCH_STAMP)

## lock-check: fail when pyproject.toml's dependencies changed since `make lock`
lock-check:
	@test "$$($(LOCK_INPUTS))" = "$$(cat requirements/pyproject.sha256)" || { \
		echo "pyproject.toml's dependencies changed since requirements/*.txt were made: run make lock"; \
		exit 1; }

## demo: the site with demo content and demo accounts on SQLite, at http://127.0.0.1:8000/
## (another port: make demo PORT=8101)
demo: export DJANGO_DEBUG ?= 1
# Links in pages, feeds and e-mails, and the address load_demo prints, name the port served.
demo: export NEWSROOM_BASE_URL ?= http://$(HOST):$(PORT)
demo: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: lint, migration check and the test suite (SQLite unless DATABASE_URL says otherwise)
test: $(STAMP) lint migrations-check
	$(BIN)/pytest

## test-e2e: the browser tests alone, in Debian's Chromium (screenshots in e2e-artifacts/), and
## the Nu Html Checker (vnu.jar from the npm registry, run with Java) on the reader's pages
VNU_VERSION = 26.9.27
VNU_JAR = .tools/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR):
	npm install --silent --no-save --no-package-lock --prefix .tools vnu-jar@$(VNU_VERSION)
test-e2e: $(STAMP) $(VNU_JAR)
	@test -x /usr/bin/chromium || { echo "Chromium is missing: apt-get install chromium"; exit 1; }
	@command -v java >/dev/null || { echo "Java is missing: apt-get install default-jre-headless"; exit 1; }
	NEWSROOM_VNU_JAR=$(VNU_JAR) $(BIN)/pytest -m e2e tests/e2e

## test-prod: the production recipe (deploy/) as it ships: PostgreSQL, Redis, gunicorn and nginx
## on loopback ports, debug off, TLS; the smoke test goes through nginx (README, "Production")
PROD_DATABASE ?= newsroom_prod
PROD_REDIS_URL ?= redis://127.0.0.1:6379/5
test-prod: $(STAMP)
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
		echo "nginx is missing; installing Debian's nginx"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
		echo "PostgreSQL is not answering; starting the local cluster"; \
		pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql | head -n1)" main start; \
		for _ in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { \
		echo "Redis is not answering; starting it"; \
		redis-server --bind 127.0.0.1 --port 6379 --daemonize yes >/dev/null; \
		for _ in $$(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done; }
	PROD_DATABASE=$(PROD_DATABASE) PROD_REDIS_URL=$(PROD_REDIS_URL) $(BIN)/pytest -m prod tests/deploy

## measure-prod: requests per second for a cached article page through nginx and from gunicorn
## alone (wrk; apt-get install wrk), on the same stack as test-prod
measure-prod: $(STAMP)
	@command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
	PROD_DATABASE=$(PROD_DATABASE) PROD_REDIS_URL=$(PROD_REDIS_URL) $(BIN)/python -m tests.deploy.measure

## backup: the database and media into $(BACKUP_DIR)/newsroom-<date>/ (README, "Backups")
BACKUP_DIR ?= backups
backup: export DJANGO_DEBUG ?= 1
backup: $(STAMP)
	$(BIN)/python manage.py backup "$(BACKUP_DIR)"

## restore: make restore BACKUP=backups/newsroom-<date> [REPLACE=1], into the configured database
restore: export DJANGO_DEBUG ?= 1
restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/newsroom-YYYYmmdd-HHMMSS [REPLACE=1]"; exit 2; }
	$(BIN)/python manage.py restore "$(BACKUP)" $(if $(REPLACE),--replace)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: export DJANGO_DEBUG ?= 1
migrations-check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

## bench: the site under load at 1,000 and 100,000 articles on PostgreSQL, and the photo path
## (README, "Performance"); results in bench/results/latest.md
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) requirements/bench.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements/bench.txt
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py

## soak: 64 connections for 60 s at 100,000 articles, the start against the end; bench/results/soak.md
soak: $(BENCH_STAMP)
	BENCH_ONLY=soak $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .pytest-media .ruff_cache
