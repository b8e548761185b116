"""Submissions built from the solution notebook: deliberately wrong ones, and broken ones.

A `Mistake` is a plausible learner error written as text edits to one solution cell (found by its nbgrader
grade_id). Each unit lists its mistakes in tests/mistakes/unit_<unit>.py with the test cells they must lose;
every other test cell must keep its full points. A unit with a long graded training run also declares a
`ReusedTraining`: its wrong submissions load the solution's trained weights instead of training again.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat


@dataclass(frozen=True)
class Mistake:
    learner: str                    # gradebook id of this submission (letters, digits, underscores)
    description: str
    cell: str                       # grade_id of the solution cell to edit
    edits: tuple[tuple[str, str], ...]  # (old, new); each old must occur exactly once in that cell
    loses: frozenset[str]           # the test cells that must score 0
    named: str | None = None        # text the failing test's message must contain (the mistake named in words)


def grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def apply_edits(notebook, cell_id: str, edits) -> None:
    cells = [c for c in notebook.cells if grade_id(c) == cell_id]
    assert len(cells) == 1, f"no single cell with grade_id {cell_id!r}"
    for old, new in edits:
        count = cells[0].source.count(old)
        assert count == 1, f"edit target {old!r} occurs {count} times in cell {cell_id!r}: update the mistake"
        cells[0].source = cells[0].source.replace(old, new)


def write_submission(folder: Path, unit: str, notebook) -> Path:
    """Write ``notebook`` as ``folder/<unit>/<unit>.ipynb`` (the layout nbgrader expects)."""
    target = folder / unit / f"{unit}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return folder


def solution_notebook(repo: Path, unit: str):
    return nbformat.read(repo / "solutions" / unit / f"{unit}.ipynb", as_version=4)


def build_mistake(repo: Path, unit: str, mistake: Mistake, folder: Path) -> Path:
    nb = solution_notebook(repo, unit)
    apply_edits(nb, mistake.cell, mistake.edits)
    return write_submission(folder, unit, nb)


@dataclass(frozen=True)
class ReusedTraining:
    """A long graded training cell that the wrong submissions do not repeat.

    The solution's graded run saves its trained weights next to the notebook (``saved``); each wrong submission gets
    that file and has ``cell`` replaced by ``source``, which loads it. Their mistakes lie elsewhere, so they keep the
    training test's points honestly, and the suite trains once per unit instead of once per submission."""
    cell: str
    saved: str
    source: str


def reuse_training(folder: Path, unit: str, reuse: ReusedTraining, saved: Path) -> None:
    """Make the submission in ``folder`` load ``saved`` instead of training."""
    path = folder / unit / f"{unit}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if grade_id(c) == reuse.cell]
    assert len(cells) == 1, f"no single cell with grade_id {reuse.cell!r}"
    cells[0].source = reuse.source
    nbformat.write(nb, path)
    shutil.copy(saved, folder / unit / reuse.saved)
