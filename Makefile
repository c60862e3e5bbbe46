# Two commands for a newcomer: `make run` and `make test`. Everything else is for them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEV_ENV := DJANGO_ENV=development
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint browser-deps demo messages clean bench profile

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(DEV_ENV) $(PY) manage.py migrate --no-input -v0
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

# Load test on PostgreSQL (see docs/performance.md): the page table with wrk and the workshop
# scenario with locust (installed into .bench-venv). ~5 minutes; e.g. BENCH_ARGS="--participants
# 150,200,300 --rounds 2 --seconds 8". BENCH_DATABASE_URL names the databases (suffixes _pages, _locust).
bench: install
	@command -v wrk >/dev/null || apt-get -o DPkg::Lock::Timeout=300 install -y wrk
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

# pyinstrument profiles of the hot pages on the page table's arena (--build makes it).
profile: install
	$(PY) benchmarks/profile_pages.py $(PROFILE_ARGS)

clean:
	rm -rf $(VENV) .bench-venv var .pytest_cache .ruff_cache
