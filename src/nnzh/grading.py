"""Autograde learners' notebooks with stock nbgrader and report a per-test score table.

The learner's notebooks are copied into nbgrader's submitted area (never modified in place); the gradebook is
filled from `solutions/` first, so nbgrader restores the hidden tests while autograding. Every assignment is
graded in one nbgrader process for all its learners (`nnzh.autograde_batch`), each notebook in a fresh kernel: a
notebook that is corrupt, crashes or loops forever (stopped by the per-cell timeout in nbgrader_config.py) scores
what it earned and never stops the rest of the batch.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from nnzh.course import grading_dirs
from nnzh.notebooks import read_problem
from nnzh.references import RECORD_ENV

DEFAULT_LEARNER = "learner"


@dataclass
class TestScore:
    test: str
    score: float | None  # None: a manually graded answer the instructor has not graded yet
    max_score: float
    manual: bool = False  # a written answer nbgrader routes to manual grading, not a test cell


@dataclass
class AssignmentResult:
    assignment: str
    learner: str
    cells: list[TestScore] = field(default_factory=list)  # every graded cell, in notebook order
    problems: list[str] = field(default_factory=list)  # why something could not be graded, in words
    feedback: Path | None = None

    @property
    def tests(self) -> list[TestScore]:
        """The auto-graded test cells."""
        return [c for c in self.cells if not c.manual]

    @property
    def manual(self) -> list[TestScore]:
        return [c for c in self.cells if c.manual]

    @property
    def score(self) -> float:
        """Automatic points earned (manual answers are reported apart)."""
        return sum(t.score or 0.0 for t in self.tests)

    @property
    def max_score(self) -> float:
        return sum(t.max_score for t in self.tests)

    def points(self) -> dict[str, float]:
        return {t.test: t.score for t in self.tests}


def grading_env() -> dict[str, str]:
    """The environment nbgrader runs in: without the reference-recording switch, so a learner's notebook is
    always compared with the references, never recorded as one; and with this interpreter's bin folder first on
    PATH, because nbgrader runs the `alembic` command from there (the venv need not be activated)."""
    env = {k: v for k, v in os.environ.items() if k != RECORD_ENV}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def nbgrader(root: Path, *args: str, log: Path | None = None) -> subprocess.CompletedProcess:
    """Run a stock nbgrader command from the course root (where nbgrader_config.py is)."""
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=root, env=grading_env(), capture_output=True, text=True
    )
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(f"$ nbgrader {' '.join(args)}\n{result.stdout}{result.stderr}")
    return result


class GradebookError(RuntimeError):
    """The gradebook could not be prepared for an assignment; the message says what to do."""


def prepare_gradebook(root: Path, assignment: str) -> None:
    """Record the assignment's cells (with hidden tests) in the gradebook, releasing into a private folder beside
    the submitted area so that exercises/, where the learner works, is never touched."""
    state = grading_dirs(root).state
    state.mkdir(parents=True, exist_ok=True)
    result = nbgrader(
        root, "generate_assignment", assignment, "--force",
        f"--CourseDirectory.release_directory={(state / 'release').relative_to(root)}",
        log=state / "logs" / f"generate_{assignment}.log",
    )
    if result.returncode == 0:
        return
    output = result.stdout + result.stderr
    if "Cannot add or remove cells" in output:
        raise GradebookError(
            f"solutions/{assignment} has different cells from when this gradebook last graded it, and nbgrader cannot "
            f"change them once there are submissions: run `make clean-grades` for a fresh gradebook (or, to keep "
            f"other learners' grades, `nbgrader db assignment remove {assignment} --force`)"
        )
    raise GradebookError(f"nbgrader generate_assignment {assignment} failed: {output.strip().splitlines()[-1:]}")


def submit(root: Path, learner: str, assignment: str, source: Path) -> list[str]:
    """Copy a learner's assignment folder into the submitted area. Returns problems that prevent grading."""
    target = grading_dirs(root).submitted / learner / assignment
    if target.exists():
        shutil.rmtree(target)
    if not source.is_dir():
        return [f"no folder {source}"]
    notebooks = sorted(source.glob("*.ipynb"))
    if not notebooks:
        return [f"no notebook in {source}"]
    problems = [p for p in (read_problem(nb) for nb in notebooks) if p]
    if problems:
        return problems
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return []


def autograde_batch(root: Path, assignment: str, learners: list[str], cell_timeout: int | None = None,
                    no_feedback: Collection[str] = ()) -> dict[str, list[str]]:
    """nbgrader autograde + generate_feedback for each of ``learners`` (already submitted; feedback skipped for
    those in ``no_feedback``), in one nbgrader process (`nnzh.autograde_batch`); returns the problems seen, by
    learner. Each learner's log is kept in the state folder."""
    logs = grading_dirs(root).state / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    extra = [f"--timeout={cell_timeout}"] if cell_timeout else []
    extra += [f"--no-feedback={learner}" for learner in learners if learner in no_feedback]
    run = subprocess.run([sys.executable, "-m", "nnzh.autograde_batch", assignment, *learners, *extra],
                         cwd=root, env=grading_env(), capture_output=True, text=True)
    problems = {learner: [] for learner in learners}
    reported = set()
    for line in run.stdout.splitlines():
        if not line.startswith("{"):
            continue  # anything else the grading process printed
        result = json.loads(line)
        learner = result["learner"]
        reported.add(learner)
        (logs / f"autograde_{learner}_{assignment}.log").write_text(result["autograde_log"])
        (logs / f"feedback_{learner}_{assignment}.log").write_text(result["feedback_log"])
        if not result["success"]:
            problems[learner].append(
                f"nbgrader could not grade this notebook ({result['error']}): if a test cell was copied or its "
                "metadata changed, start from a fresh copy of the exercise and paste your answers in")
    for learner in set(learners) - reported:  # the grading process itself stopped before this learner
        tail = " | ".join((run.stdout + run.stderr).strip().splitlines()[-3:])
        problems[learner].append(f"the grading process stopped before this notebook was graded: {tail}")
    return problems


def autograde(root: Path, learner: str, assignment: str, cell_timeout: int | None = None) -> list[str]:
    """nbgrader autograde + generate_feedback for one learner and assignment; returns problems seen."""
    return autograde_batch(root, assignment, [learner], cell_timeout)[learner]


def read_scores(root: Path, learner: str, assignment: str, graded: bool = True) -> list[TestScore]:
    """Per-cell scores from the gradebook, in notebook order. Tests never graded (or ``graded=False``: a
    submission that could not be read, whatever an earlier run left in the gradebook) count 0."""
    from nbgrader.api import Gradebook, MissingEntry  # here: a Colab install of nnzh has no nbgrader

    with Gradebook(grading_dirs(root).db_url) as gb:
        try:
            notebooks = gb.find_assignment(assignment).notebooks
        except MissingEntry:  # never prepared: nothing to report
            return []
        scores = []
        for notebook in notebooks:
            answers = {cell.name for cell in notebook.solution_cells}  # a graded solution cell = a written answer
            for cell in notebook.grade_cells:
                manual = cell.name in answers
                try:
                    grade = gb.find_grade(cell.name, notebook.name, assignment, learner) if graded else None
                except MissingEntry:
                    grade = None
                if grade is None:
                    score = None if manual else 0.0
                elif manual:
                    score = None if grade.needs_manual_grade else float(grade.score)
                else:
                    score = float(grade.score or 0.0)
                scores.append(TestScore(cell.name, score, float(cell.max_score), manual))
        return scores


def grade(root: Path, assignments: list[str], submissions: dict[str, Path], cell_timeout: int | None = None,
          no_feedback: Collection[str] = ()) -> list[AssignmentResult]:
    """Grade ``folder/<assignment>/`` for each learner -> folder in ``submissions``, for each assignment.

    ``cell_timeout`` overrides nbgrader_config.py's per-cell limit (the tests use a short one); the learners in
    ``no_feedback`` get scores but no feedback HTML (the suite's many edited submissions, which it never reads)."""
    results = []
    for assignment in assignments:
        try:
            prepare_gradebook(root, assignment)
            unprepared = []
        except GradebookError as err:  # this assignment cannot be graded; the others still are
            unprepared = [str(err)]
        results_now = {}
        for learner, folder in submissions.items():
            result = AssignmentResult(assignment, learner)
            result.problems = unprepared or submit(root, learner, assignment, folder / assignment)
            results_now[learner] = result
        submitted = [learner for learner, result in results_now.items() if not result.problems]
        if submitted:
            for learner, problems in autograde_batch(root, assignment, submitted, cell_timeout, no_feedback).items():
                results_now[learner].problems = problems
        for learner, result in results_now.items():
            result.cells = read_scores(root, learner, assignment, graded=learner in submitted)
            feedback = grading_dirs(root).feedback / learner / assignment
            result.feedback = next(iter(sorted(feedback.glob("*.html"))), None) if not result.problems else None
            results.append(result)
    return results


def score_table(results: list[AssignmentResult]) -> str:
    """A plain-text table: one row per graded cell, a total per assignment, then where the feedback is."""
    rows = [("assignment", "test", "points")]
    for r in results:
        for t in r.cells:
            if t.manual and t.score is None:
                rows.append((r.assignment, t.test, f"manual / {t.max_score:g}  (awaits the instructor)"))
            else:
                manual = "  (manual)" if t.manual else ""
                rows.append((r.assignment, t.test, f"{t.score:g} / {t.max_score:g}{manual}"))
        rows.append((r.assignment, "TOTAL", f"{r.score:g} / {r.max_score:g}  (automatic tests)"))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if i == 0 or (i + 1 < len(rows) and row[1] == "TOTAL"):
            lines.append("  ".join("-" * w for w in widths))
    total = sum(r.score for r in results)
    maximum = sum(r.max_score for r in results)
    lines += ["", f"Course total: {total:g} / {maximum:g} points from automatic tests"]
    pending = sum(t.max_score for r in results for t in r.manual if t.score is None)
    if pending:
        lines.append(f"Written answers worth {pending:g} more points await manual grading (nbgrader formgrader).")
    for r in results:
        for problem in r.problems:
            lines.append(f"! {r.assignment}: {problem}")
        if r.feedback:
            lines.append(f"Feedback for {r.assignment}: {r.feedback}")
    return "\n".join(lines)
