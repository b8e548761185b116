# The course's entry points. Each target creates the environment first if it is missing.
#   make grade        grade your notebooks in exercises/ and print the score table
#   make test         the whole test suite (what CI runs); UNITS="03_mlp" narrows it to some units
#   make test-fast    unit tests, sync and static notebook checks, lint (under a minute; no notebook execution)
#   make lab          open JupyterLab on the course
#   make release      regenerate exercises/ from solutions/ (after editing a solution notebook)
#   make references   regenerate the reference tensors from the solutions
#   make lectures     re-run lectures top to bottom and store their outputs (UNITS="04_batchnorm" for one)
#   make benchmark    time grading and lectures; writes benchmarks/RESULTS.md
#   make reference-variations  regenerate references under other float orders (threads, no SIMD, no oneDNN)
#   make clean-grades forget all grading state (autograder/ submitted, autograded, feedback, gradebook)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.course-installed

.PHONY: env grade test test-fast lab release references lectures benchmark reference-variations clean-grades

env: $(READY)

# The pinned environment needs Python 3.11 or newer: say so before anything is installed.
$(READY): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "The course needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 | head -1)."; \
	  echo "Install a newer Python and run again with PYTHON=/path/to/python3.11 (or newer)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[course]"
	touch $@

grade: env
	$(BIN)/nnzh grade $(UNITS)

# Two workers, one per core. --dist loadscope keeps each notebook's cells (nbval) and each test module's
# fixtures on one worker (each unit's grading is a scope of its own, longest first: tests/scheduling.py);
# OMP_NUM_THREADS=1 keeps torch from oversubscribing the cores (tests/conftest.py).
# UNITS (space-separated) limits the grading, sync and lecture tests to those units (tests/conftest.py).
test: env
	NNZH_UNITS="$(UNITS)" $(BIN)/python -m pytest -n 2 --dist loadscope $(PYTEST_ARGS)

# The fast tier: everything not marked slow, without re-running the lectures (no --nbval).
test-fast: env
	NNZH_UNITS="$(UNITS)" $(BIN)/python -m pytest -n 2 --dist loadscope -m "not slow" \
	  -o addopts="-p no:cacheprovider" $(PYTEST_ARGS)

lab: env
	$(BIN)/jupyter lab

release: env
	$(BIN)/nnzh stamp
	$(BIN)/nnzh release $(UNITS)

references: env
	$(BIN)/nnzh references $(UNITS)

lectures: env
	$(BIN)/nnzh lecture $(UNITS)

benchmark: env
	$(BIN)/python benchmarks/benchmark.py

reference-variations: env
	$(BIN)/python benchmarks/reference_variations.py $(UNITS)

clean-grades: env
	$(BIN)/nnzh clean-grades
