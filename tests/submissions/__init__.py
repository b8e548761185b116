"""Submissions built from the solution notebook: wrong ones, correct alternatives, and broken ones.

Each unit lists, in tests/submissions/unit_<unit>.py:
- MISTAKES: plausible learner errors, written as text edits to one solution cell (found by its nbgrader grade_id),
  with the test cells each must lose; every other test cell must keep its full points;
- ALTERNATIVES: correct answers written another way than the solution (another formula, dtype, loop order, return
  type the task allows, a warning or a print on the way): each must score full marks.
A unit with a long graded training run also declares a `ReusedTraining`: its edited submissions load the
solution's trained weights instead of training again, unless an edit is in the training cell or in a cell it runs.
"""

from __future__ import annotations

import importlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

# An edit whose old text is SOLUTION replaces the whole body of the cell's one solution region (keeping the markers).
SOLUTION = "<the solution region>"
_REGION = re.compile(r"(### BEGIN SOLUTION\n)(.*?)(^[ \t]*### END SOLUTION)", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Edited:
    """A submission made by editing solution cells: (old, new) pairs applied to the cell named by its grade_id,
    and optionally to further cells (``more``: (grade_id, edits) pairs)."""
    learner: str                    # gradebook id of this submission (letters, digits, underscores)
    description: str
    cell: str                       # grade_id of the solution cell to edit
    edits: tuple[tuple[str, str], ...]  # (old, new); each old must occur exactly once in that cell
    more: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    @property
    def cells(self) -> dict[str, tuple[tuple[str, str], ...]]:
        return {self.cell: self.edits, **dict(self.more)}


@dataclass(frozen=True)
class Mistake(Edited):
    loses: frozenset[str] = frozenset()  # the test cells that must score 0
    named: str | None = None        # text the failing test's message must contain (the mistake named in words)

    def __post_init__(self):
        assert self.loses, f"{self.learner}: a mistake must lose at least one test (a correct one is an Alternative)"


@dataclass(frozen=True)
class Alternative(Edited):
    """A correct answer: it must score full marks."""


def unit_module(unit: str):
    """tests/submissions/unit_<unit>.py."""
    return importlib.import_module(f"tests.submissions.unit_{unit}")


def mistakes_of(unit: str) -> list[Mistake]:
    return unit_module(unit).MISTAKES


def alternatives_of(unit: str) -> list[Alternative]:
    return getattr(unit_module(unit), "ALTERNATIVES", [])


def grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def apply_edits(notebook, cell_id: str, edits) -> None:
    cells = [c for c in notebook.cells if grade_id(c) == cell_id]
    assert len(cells) == 1, f"no single cell with grade_id {cell_id!r}"
    for old, new in edits:
        if old == SOLUTION:
            regions = _REGION.findall(cells[0].source)
            assert len(regions) == 1, f"cell {cell_id!r} has {len(regions)} solution regions: edit by text instead"
            body = new.rstrip("\n") + "\n"
            cells[0].source = _REGION.sub(lambda m, body=body: m.group(1) + body + m.group(3), cells[0].source)
            continue
        count = cells[0].source.count(old)
        assert count == 1, f"edit target {old!r} occurs {count} times in cell {cell_id!r}: update the submission"
        cells[0].source = cells[0].source.replace(old, new)


def write_submission(folder: Path, unit: str, notebook) -> Path:
    """Write ``notebook`` as ``folder/<unit>/<unit>.ipynb`` (the layout nbgrader expects)."""
    target = folder / unit / f"{unit}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return folder


def solution_notebook(repo: Path, unit: str):
    return nbformat.read(repo / "solutions" / unit / f"{unit}.ipynb", as_version=4)


def build_edited(repo: Path, unit: str, submission: Edited, folder: Path) -> Path:
    nb = solution_notebook(repo, unit)
    for cell, edits in submission.cells.items():
        apply_edits(nb, cell, edits)
    return write_submission(folder, unit, nb)


@dataclass(frozen=True)
class ReusedTraining:
    """A long graded training cell that the edited submissions do not repeat.

    The solution's graded run saves its trained weights next to the notebook (``saved``). A submission whose edits
    touch neither ``cell`` nor any cell in ``uses`` (every cell whose code or values the training runs on) would
    train exactly as the solution did (seeded, one thread), so it gets that file and has ``cell`` replaced by
    ``source``, which loads it: the same weights, without the minutes. Every other submission trains for real."""
    cell: str
    saved: str
    source: str
    uses: frozenset[str]

    def applies_to(self, submission: Edited) -> bool:
        return not (submission.cells.keys() & (self.uses | {self.cell}))


def reuse_training(folder: Path, unit: str, reuse: ReusedTraining, saved: Path) -> None:
    """Make the submission in ``folder`` load ``saved`` instead of training."""
    path = folder / unit / f"{unit}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if grade_id(c) == reuse.cell]
    assert len(cells) == 1, f"no single cell with grade_id {reuse.cell!r}"
    cells[0].source = reuse.source
    nbformat.write(nb, path)
    shutil.copy(saved, folder / unit / reuse.saved)
