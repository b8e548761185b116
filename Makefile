# The course's entry points. Each target creates the environment first if it is missing.
#   make grade        grade your notebooks in exercises/ and print the score table
#   make test         the whole test suite (what CI runs)
#   make lab          open JupyterLab on the course
#   make release      regenerate exercises/ from solutions/ (after editing a solution notebook)
#   make references   regenerate the reference tensors from the solutions
#   make benchmark    time grading and lectures; writes benchmarks/RESULTS.md
#   make clean-grades forget all grading state (autograder/ submitted, autograded, feedback, gradebook)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.course-installed

.PHONY: env grade test lab release references benchmark clean-grades

env: $(READY)

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[course]"
	touch $@

grade: env
	$(BIN)/nnzh grade $(UNITS)

# Two workers, one per core. --dist loadscope keeps each notebook's cells (nbval) and each test module's
# fixtures on one worker; OMP_NUM_THREADS=1 keeps torch from oversubscribing the cores (tests/conftest.py).
test: env
	$(BIN)/python -m pytest -n 2 --dist loadscope $(PYTEST_ARGS)

lab: env
	$(BIN)/jupyter lab

release: env
	$(BIN)/nnzh stamp
	$(BIN)/nnzh release $(UNITS)

references: env
	$(BIN)/nnzh references $(UNITS)

benchmark: env
	$(BIN)/python benchmarks/benchmark.py

clean-grades:
	rm -rf autograder/submitted autograder/autograded autograder/feedback autograder/release autograder/logs autograder/gradebook.db
