# Two commands matter: `make serve` and `make test`. Both set up .venv when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST := 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
# An empty SITE_URL counts as unset: mkdocs.yml then falls back to the local preview address.
ifeq ($(strip $(SITE_URL)),)
unexport SITE_URL
endif

.PHONY: serve test build permalinks bench audit clean

## serve: preview the site with live reload on http://127.0.0.1:8000
serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

## test: run every test (unit, build, browser and Lighthouse tests)
test: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/python -m pytest

## build: write the static site to site/ for SITE_URL, with the PDFs of the pages for clients
## (printed by Chromium; without it, one line says so); DEPLOY=1 refuses to build without SITE_URL
build: $(VENV)/.site-installed
ifeq ($(strip $(SITE_URL)),)
ifneq ($(filter-out 0,$(DEPLOY)),)
	$(error make build DEPLOY=$(DEPLOY): SITE_URL is not set; give the site's public address, as in SITE_URL=https://payments.example.org/ make build DEPLOY=1)
endif
	@echo "make build: SITE_URL is not set, so every absolute address is http://127.0.0.1:8000/ (a preview, not a deployment)" >&2
endif
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/make_pdfs.py site

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.site-installed $@

## permalinks: record the addresses the site now publishes in data/permalinks.txt
permalinks: $(VENV)/.dev-installed
	$(BIN)/mkdocs build --strict --site-dir .cache/permalinks-site
	$(BIN)/python scripts/permalinks.py .cache/permalinks-site

## bench: build times, the checklist hook, first-visit page weight; writes BENCHMARKS.md
bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/site.py

## audit: Lighthouse scores of one page of each type in each language (needs Chromium)
audit: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/python scripts/audit.py

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is missing: the Lighthouse audits will be skipped (apt-get install -y npm)"; fi

clean:
	rm -rf site .cache .pytest_cache node_modules
