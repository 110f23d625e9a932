# The two commands: `make demo` and `make test`. Each builds .venv with the machine's python3
# when it is missing and installs what it needs, so a fresh clone needs nothing else.
# The demo ends with a simulated municipality, so it installs the research extra.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORE := $(VENV)/.core-installed
DEV := $(VENV)/.dev-installed
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint typecheck pytest docs notebooks bench slow fuzz mutate clean law-page rules-page

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(CORE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[research]'
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(CORE)

demo: $(CORE)
	$(BIN)/helhed demo

# The site is built with --strict by tests/test_site.py, inside pytest; `make docs` builds it
# into .venv/site to look at.
test: lint typecheck pytest

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks docs

typecheck: $(DEV)
	$(BIN)/mypy --strict src

# tests/test_notebooks.py runs every notebook once and compares its outputs with the saved ones.
pytest: $(DEV)
	$(BIN)/python -m pytest tests src/helhed

# Not --quiet: it hides the warnings that --strict turns into a failure.
docs: $(DEV)
	$(BIN)/mkdocs build --strict --site-dir $(VENV)/site

# Run every notebook in notebooks/ in place, with this venv's python, and save its outputs.
notebooks: $(DEV)
	$(BIN)/python tests/notebooks.py

# The stateful machines with 2,000 runs each (the slow Hypothesis profile); not part of test.
slow: $(DEV)
	$(BIN)/python -m pytest -p no:cacheprovider --hypothesis-profile=slow \
		tests/test_consent_machine.py tests/test_pathway.py::test_pathway_machine

# The reading fuzz tests with 10,000 drawn inputs each (the fuzz Hypothesis profile), most fanned
# out into 16 mutations: about 1.2 million documents; not part of test. Prints how many documents
# were tried, what each gave (read, or the error's kind) and the crash kinds found.
fuzz: $(DEV)
	$(BIN)/python -m pytest -p no:cacheprovider --hypothesis-profile=fuzz tests/test_reading_fuzz.py

# Mutation testing of the core rule modules (mutmut; what and how in pyproject.toml and
# docs/testing.md); not part of test. Starts afresh, runs on every core, then prints the score
# of each module against the 90 % bar and fails when one is under it.
MUTMUT := $(VENV)/.mutmut-installed
$(MUTMUT): $(DEV)
	$(BIN)/python -m pip install --quiet 'mutmut==3.8.1'
	touch $@

mutate: $(MUTMUT)
	rm -rf mutants
	$(BIN)/mutmut run --max-children $$(nproc) > $(VENV)/mutmut.log 2>&1 || (tail -c 3000 $(VENV)/mutmut.log; exit 1)
	$(BIN)/python tests/mutation_report.py

bench: $(DEV)
	$(BIN)/python benchmarks/bench_foundation.py
	$(BIN)/python benchmarks/bench_pathways.py
	$(BIN)/python benchmarks/bench_catalogue.py
	$(BIN)/python benchmarks/bench_research.py
	$(BIN)/python benchmarks/bench_distributed.py
	$(BIN)/python benchmarks/bench_jsonl.py
	$(BIN)/python benchmarks/bench_server.py

# Write the tables of docs/law.md anew from the dated rule tables (a test checks they agree).
law-page: $(DEV)
	$(BIN)/python -c "import pathlib, helhed.law as law; \
	page = pathlib.Path('docs/law.md'); \
	page.write_text(law.refresh(page.read_text(encoding='utf-8')), encoding='utf-8')"

# Write the table of docs/protocols.md anew from the shipped rules (a test checks they agree).
rules-page: $(DEV)
	$(BIN)/python -c "import pathlib, helhed.pathways.bases as bases; \
	page = pathlib.Path('docs/protocols.md'); \
	page.write_text(bases.refresh(page.read_text(encoding='utf-8')), encoding='utf-8')"

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache site mutants
