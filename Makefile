# TTĐN — the commands that matter: `make run`, `make check` (fast) and `make test` (everything).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TTDN := $(BIN)/ttdn
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install install-dev run test check test-fast lint check-migrations test-postgres messages lock clean

install: $(STAMP)

$(STAMP): requirements/base.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "TTĐN needs Python 3.11 or newer"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: on Debian/Ubuntu run 'apt install python3-venv'"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/base.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install-dev: $(DEV_STAMP)

$(DEV_STAMP): $(STAMP) requirements/dev.txt
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@

run: install
	@$(TTDN) migrate --noinput --verbosity 0
	@$(TTDN) load_demo > /dev/null
	$(TTDN) collectstatic --noinput --verbosity 0
	$(TTDN) run

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy ttdn
	$(BIN)/bandit --quiet --configfile pyproject.toml --recursive ttdn
	$(BIN)/djade --target-version 5.2 --check $$(find ttdn -name '*.html')
	DJANGO_SETTINGS_MODULE=ttdn.settings_test $(TTDN) makemigrations --check --dry-run

# Everything, as CI runs it: lint, then every test (browser, LibreOffice PDF and demo loading too).
test: lint
	$(BIN)/pytest -n 2

# The developer's default: lint, then the suite without the slow kinds of test (markers in
# pyproject.toml: browser, pdf, demo). `make test` before merging still runs them all.
FAST := not browser and not pdf and not demo
check: lint
	$(BIN)/pytest -n 2 -m "$(FAST)"

test-fast: check

# The suite on PostgreSQL: TTDN_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ttdn make test-postgres
test-postgres: install-dev
	$(BIN)/pytest -n 2

# Extract UI strings into the catalogues (needs GNU gettext), then translate the new vi entries
# and run `make messages` again to compile. ttdn/locale holds the project's catalogue; an app
# with its own locale/ directory keeps its strings there.
APP_CATALOGUES := $(patsubst ttdn/%/locale,%,$(wildcard ttdn/*/locale))
messages: install-dev
	cd ttdn && ../$(TTDN) makemessages -l vi -l en --no-obsolete --no-location --ignore 'tests/*' --ignore '*/tests/*' $(foreach app,$(APP_CATALOGUES),--ignore '$(app)/*')
	for app in $(APP_CATALOGUES); do (cd ttdn/$$app && ../../$(TTDN) makemessages -l vi -l en --no-obsolete --no-location --ignore 'tests/*'); done
	cd ttdn && ../$(TTDN) compilemessages

lock:
	rm -rf /tmp/ttdn-lock && $(PYTHON) -m venv /tmp/ttdn-lock
	/tmp/ttdn-lock/bin/pip install --quiet -r requirements/base.in
	{ echo "# Runtime dependencies, pinned. Regenerate with: make lock"; /tmp/ttdn-lock/bin/pip freeze --exclude-editable; } > requirements/base.txt

clean:
	rm -rf $(VENV) var/static
