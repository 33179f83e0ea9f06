# The README's commands. Each target makes its own virtual environment when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-e2e lint format migrations-check bench soak clean backup restore

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

## demo: the site with demo content and demo accounts on SQLite, at http://127.0.0.1:8000/
demo: export DJANGO_DEBUG ?= 1
demo: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: lint, migration check and the test suite (SQLite unless DATABASE_URL says otherwise)
test: $(STAMP) lint migrations-check
	$(BIN)/pytest

## test-e2e: the browser tests alone, in Debian's Chromium (screenshots in e2e-artifacts/)
test-e2e: $(STAMP)
	@test -x /usr/bin/chromium || { echo "Chromium is missing: apt-get install chromium"; exit 1; }
	$(BIN)/pytest -m e2e tests/e2e

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
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py

## soak: 64 connections for 60 s at 100,000 articles, the start against the end; bench/results/soak.md
soak: $(BENCH_STAMP)
	BENCH_ONLY=soak $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .pytest-media .ruff_cache
