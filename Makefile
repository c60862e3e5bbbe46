# Two commands for a newcomer: `make run` and `make test`. Everything else is for them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEV_ENV := DJANGO_ENV=development
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint browser-deps migrate demo messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# createcachetable: the shared cache's table when the cache is PostgreSQL (a no-op otherwise).
migrate: install
	$(DEV_ENV) $(PY) manage.py migrate --no-input -v0
	$(DEV_ENV) $(PY) manage.py createcachetable

demo: migrate
	$(DEV_ENV) $(PY) manage.py seed_demo

run: demo
	@echo "Starting the development server on http://$(HOST):$(PORT)/ (Ctrl+C stops it)."
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

browser-deps:
	@scripts/ensure-chromium

test: install browser-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

# Extract every marked string into locale/{nn,en} and compile; needs GNU gettext.
messages: install
	$(DEV_ENV) $(PY) manage.py makemessages -l nn -l en --no-obsolete --add-location file \
		--ignore '.venv/*' --ignore 'var/*' --ignore 'static/vendor/*'
	$(DEV_ENV) $(PY) manage.py compilemessages -l nn -l en --ignore '.venv/*'

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
