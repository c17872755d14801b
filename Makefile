# sphinx-newspaper: `make book` builds the example book, `make test` runs the tests.
# Both set up what they need first: system packages (apt) and a virtualenv in .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BOOK := example_book
BUILD := $(BOOK)/_build
SPHINXOPTS ?= -W --keep-going

.PHONY: setup book html epub pdf test test-fast lint format score score-synthetic bench docs clean

# The Node.js checks' packages, where package.json is (a repository, not an unpacked sdist).
NODE_SETUP := $(if $(wildcard package.json),node_modules/.installed)

setup: $(VENV)/.installed $(NODE_SETUP)
	@sh scripts/setup-system.sh

# epub.js and DAISY Ace for the reader and accessibility tests, from package-lock.json. Ace's
# Electron download is skipped (--ignore-scripts): its puppeteer command runs the system Chromium.
node_modules/.installed: package.json package-lock.json
	@sh scripts/setup-system.sh
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(VENV)/.installed: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,ocr]'
	touch $@

book: setup
	$(BIN)/sphinx-build -M html $(BOOK) $(BUILD) $(SPHINXOPTS) -q
	$(BIN)/sphinx-build -M epub $(BOOK) $(BUILD) $(SPHINXOPTS) -q
	$(BIN)/sphinx-build -M latexpdf $(BOOK) $(BUILD) $(SPHINXOPTS) -q >$(BUILD)/latexpdf.log 2>&1 \
		|| (tail -40 $(BUILD)/latexpdf.log; exit 1)
	@echo
	@echo "HTML: $(BUILD)/html/index.html"
	@echo "EPUB: $$(ls $(BUILD)/epub/*.epub)"
	@echo "PDF:  $$(ls $(BUILD)/latex/*.pdf)"

# The documentation (docs/, MyST): warnings are errors.  Read it at docs/_build/html/index.html.
docs: setup
	$(BIN)/sphinx-build -M html docs docs/_build $(SPHINXOPTS) -q
	@echo "Docs: docs/_build/html/index.html"

test: setup
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

lint: setup
	$(BIN)/ruff check sphinx_newspaper tests benchmarks scripts setup.py docs/conf.py docs/_ext
	$(BIN)/ruff format --check sphinx_newspaper tests benchmarks scripts setup.py docs/conf.py docs/_ext

format: setup
	$(BIN)/ruff format sphinx_newspaper tests benchmarks scripts setup.py docs/conf.py docs/_ext
	$(BIN)/ruff check --fix sphinx_newspaper tests benchmarks scripts setup.py docs/conf.py docs/_ext

score: setup
	$(BIN)/sphinx-newspaper score --gold tests/gold ../shared/corpus/pages ../shared/corpus/pdf \
		../shared/corpus/pdf/rmrb-2018-01-p07
	$(BIN)/sphinx-newspaper score --pictures --gold tests/gold ../shared/corpus/pages \
		../shared/corpus/pdf ../shared/corpus/pdf/rmrb-2018-01-p07

score-synthetic: setup
	$(BIN)/python tests/pdf/synthetic.py --pages 8 --rich

# Each benchmark writes its figures to docs/data/NAME.json (date, machine, commit), which the
# docs' accuracy and performance pages show: run `make docs` after it.
bench: setup
	$(BIN)/python -m benchmarks.archive
	$(BIN)/python -m benchmarks.pdf_pages
	$(BIN)/python -m benchmarks.pictures
	$(BIN)/python -m benchmarks.ocr_pages
	$(BIN)/python -m benchmarks.accuracy

clean:
	rm -rf $(BUILD) $(BOOK)/newspaper docs/_build docs/newspaper docs/example
