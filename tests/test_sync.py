"""exercises/ and the reference tensors are generated from solutions/: prove they are in sync."""

from __future__ import annotations

import json

import pytest

from nnzh import grading
from nnzh.cli import generate_references
from nnzh.references import compare_files
from tests.conftest import REPO, UNITS


@pytest.mark.parametrize("unit", UNITS)
def test_exercises_equal_what_nbgrader_generates_from_solutions(course, unit):
    result = grading.nbgrader(course, "generate_assignment", unit, "--force",
                              "--CourseDirectory.release_directory=regenerated")
    assert result.returncode == 0, result.stdout + result.stderr
    fresh = json.loads((course / "regenerated" / unit / f"{unit}.ipynb").read_text())
    committed = json.loads((REPO / "exercises" / unit / f"{unit}.ipynb").read_text())
    assert committed == fresh, f"exercises/{unit} is stale: run `make release` and commit the result"


@pytest.mark.slow
def test_nnzh_references_regenerates_a_unit_within_tolerance(course, tmp_path):
    """`make references` end to end, on the first unit (the quickest). Every unit's references are proven in sync by
    its graded solution run (tests/test_grading.py::test_references_regenerate_from_the_graded_solution)."""
    unit = UNITS[0]
    generated = generate_references(course, unit, tmp_path / "regenerated")
    committed = REPO / "autograder" / "references" / f"{unit}.json"
    problems = compare_files(generated, committed)
    assert not problems, "stale references (run `make references`):\n" + "\n".join(problems)


@pytest.mark.parametrize("unit", UNITS)
def test_exercises_carry_no_solutions_hidden_tests_or_outputs(unit):
    text = (REPO / "exercises" / unit / f"{unit}.ipynb").read_text()
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in text
    cells = json.loads(text)["cells"]
    assert not [c for c in cells if c["cell_type"] == "code" and (c["outputs"] or c["execution_count"])]
