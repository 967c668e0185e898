# Kooperationsatlas — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# pytest-xdist workers for the tests outside the browser (the browser tests run serially, one server each).
TEST_WORKERS ?= auto

.PHONY: audit run run-lan test lint format bench bench-voting demo validate clean chromium postgresql import bench-import

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/streamlit run dashboard.py --server.port $(PORT)

# A focus group without internet: the laptop serves the venue's Wi-Fi. Listens on every interface;
# the join address shown to the room is the laptop's LAN address (or VOTING_PUBLIC_URL).
# The presenter key is VOTING_PRESENTER_KEY, or a new one generated and printed here.
run-lan: $(VENV)/.installed
	@KEY=$${VOTING_PRESENTER_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(9))')}; \
	echo "Moderationsschlüssel für die Abstimmung: $$KEY"; \
	echo "Dashboard im lokalen Netz: http://$$($(PY) -c 'from components.voting import lan_address; print(lan_address())'):$(PORT)"; \
	VOTING_PRESENTER_KEY=$$KEY $(VENV)/bin/streamlit run dashboard.py --server.port $(PORT) --server.address 0.0.0.0

# Debian's Chromium for the browser tests (Playwright's own browser download is not available)
# and DejaVu fonts for the PDF handout.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium (apt) for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || { \
		echo "Installing DejaVu fonts (apt) for the PDF handout"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-dejavu-core >/dev/null; }

# Debian's PostgreSQL for the vote storage tests (the tests start their own server in a temp folder).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "Installing PostgreSQL (apt) for the vote storage tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

test: $(VENV)/.installed-dev chromium postgresql
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal --ignore=tests/browser
	$(PY) -m pytest tests/browser
	$(PY) -m study audit data/study

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

audit: $(VENV)/.installed
	$(PY) -m study audit $${STUDY_DATA:-data/study}

validate: $(VENV)/.installed
	$(PY) -m study validate $${STUDY_DATA:-data/study}

demo: $(VENV)/.installed
	$(PY) -m study demo data/study

bench: $(VENV)/.installed-dev
	$(PY) benchmarks/run.py
	$(MAKE) bench-voting

# 60 simulated participants voting within 30 s: benchmarks/results/voting.json
bench-voting: $(VENV)/.installed-dev chromium
	$(PY) benchmarks/voting_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-output

# Import a QDA project: make import SOURCE="export/" OUTDIR=paket [ARGS="--mapping zuordnung.json"]
import: $(VENV)/.installed
	$(PY) -m study import $(SOURCE) $(OUTDIR) $(ARGS)

# Benchmark of the QDA import (100,000 coded segments); writes benchmarks/results/import.json.
bench-import: $(VENV)/.installed
	$(PY) benchmarks/import_bench.py
