# Kooperationsatlas — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# pytest-xdist workers for the tests outside the browser (the browser tests run serially, one server each).
TEST_WORKERS ?= auto

.PHONY: screenshots serve nginx bench-first-load audit run run-lan test lint format bench bench-voting bench-sessions bench-load demo validate clean chromium postgresql import bench-import

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
# the join address shown to the room is the laptop's LAN address (or VOTING_PUBLIC_URL), so any Host
# is accepted here (.streamlit/config.toml allows only local names).
# The presenter key is VOTING_PRESENTER_KEY, or a new one generated and printed here.
run-lan: $(VENV)/.installed
	@KEY=$${VOTING_PRESENTER_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(9))')}; \
	echo "Moderationsschlüssel für die Abstimmung: $$KEY"; \
	echo "Dashboard im lokalen Netz: http://$$($(PY) -c 'from components.voting import lan_address; print(lan_address())'):$(PORT)"; \
	VOTING_PRESENTER_KEY=$$KEY $(VENV)/bin/streamlit run dashboard.py --server.port $(PORT) --server.address 0.0.0.0 --server.allowedHosts '*'

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

# Debian's nginx for the reverse proxy (make serve and its tests); it runs as the current user from a config
# rendered into a working folder, so the package's own service is not needed.
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
		echo "Installing nginx (apt) for make serve and the proxy tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; }

# The dashboard as it is published: behind nginx with base path, compression and security headers
# (deploy/README.md). SERVE_PORT=8080, ATLAS_BASE_PATH=/kooperationsatlas, ATLAS_SERVER_NAME, ATLAS_FRAME_ANCESTORS.
SERVE_PORT ?= 8080
serve: $(VENV)/.installed nginx
	$(PY) -m deploy.serve --port $(SERVE_PORT)

# First load and filter change in Chromium, direct and through nginx, next to a one-line app:
# benchmarks/results/first_load.json
bench-first-load: $(VENV)/.installed-dev chromium nginx
	$(PY) benchmarks/first_load.py

# Debian's PostgreSQL for the vote storage tests (the tests start their own server in a temp folder).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "Installing PostgreSQL (apt) for the vote storage tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

test: $(VENV)/.installed-dev chromium postgresql nginx
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-logo
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load --ignore=tests/browser
	$(PY) -m pytest tests/browser
	$(PY) -m study audit data/study

# The README's screenshots (docs/screenshots/), taken by the browser test of the user guide; `make test` takes
# them into test-output/browser/screenshots/ only, so that it leaves the clone unchanged.
screenshots: $(VENV)/.installed-dev chromium
	UPDATE_SCREENSHOTS=1 $(PY) -m pytest tests/browser/test_user_guide.py -k screenshot -p no:randomly

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
	$(MAKE) bench-sessions
	$(MAKE) bench-first-load
	$(MAKE) bench-load

# 30 sessions (26 WebSocket clients, 4 Chromium tabs) for two minutes, at study and national scale:
# benchmarks/results/sessions-*.json. Needs a quiet machine.
# once with one Streamlit process, once with SESSION_WORKERS processes behind nginx (make serve --workers).
SESSION_WORKERS ?= 2
bench-sessions: $(VENV)/.installed-dev chromium nginx
	$(PY) benchmarks/sessions_bench.py --scale study
	$(PY) benchmarks/sessions_bench.py --scale study --workers $(SESSION_WORKERS)
	$(PY) benchmarks/sessions_bench.py --scale national
	$(PY) benchmarks/sessions_bench.py --scale national --workers $(SESSION_WORKERS)

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

# Loading 1,000,000 statements as CSV and as .xlsx (target: xlsx within 3x), and the hostile uploads within
# the 512 MB budget; writes benchmarks/results/load.json.
bench-load: $(VENV)/.installed-dev
	$(PY) benchmarks/load_bench.py
