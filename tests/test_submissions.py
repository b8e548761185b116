"""Static checks of the submissions the grading suite builds (fast: no notebook runs), so that a solution edit that
breaks one is caught by `make test-fast`, not half an hour into `make test`."""

from __future__ import annotations

import pytest

from tests.conftest import REPO, UNITS
from tests.submissions import (
    Edited,
    ReusedTraining,
    alternatives_of,
    apply_edits,
    grade_id,
    mistakes_of,
    solution_notebook,
    unit_module,
)


def submissions_of(unit: str):
    return unit_module(unit), [*mistakes_of(unit), *alternatives_of(unit)]


REUSING = [u for u in UNITS if hasattr(submissions_of(u)[0], "REUSED_TRAINING")]  # units that train once


@pytest.mark.parametrize("unit", UNITS)
def test_every_submission_applies_to_the_current_solution(unit):
    _, edited = submissions_of(unit)
    for submission in edited:
        nb = solution_notebook(REPO, unit)
        for cell, edits in submission.cells.items():
            apply_edits(nb, cell, edits)  # raises, naming the submission's cell, when an edit no longer applies


@pytest.mark.parametrize("unit", REUSING)
def test_reused_training_names_cells_of_the_solution(unit):
    """A ReusedTraining whose `uses` names a cell that no longer exists would let submissions editing its renamed
    successor load the solution's weights: every name must be a cell of the solution."""
    module, edited = submissions_of(unit)
    reuse = module.REUSED_TRAINING
    cells = {grade_id(c) for c in solution_notebook(REPO, unit).cells} - {None}
    assert {reuse.cell, *reuse.uses} <= cells, f"not cells of the solution: {sorted({reuse.cell, *reuse.uses} - cells)}"
    trained = [s.learner for s in edited if not reuse.applies_to(s)]
    assert trained, "no edited submission trains for real: the training cell's own mistakes go unproven"


def test_reuse_applies_only_outside_the_training_and_what_it_uses():
    reuse = ReusedTraining(cell="train", saved="w.pt", source="", uses=frozenset({"model"}))
    elsewhere = Edited(learner="a", description="", cell="patchify", edits=())
    in_model = Edited(learner="b", description="", cell="patchify", edits=(), more=(("model", ()),))
    in_training = Edited(learner="c", description="", cell="train", edits=())
    assert reuse.applies_to(elsewhere) and not reuse.applies_to(in_model) and not reuse.applies_to(in_training)
