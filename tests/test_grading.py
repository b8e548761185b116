"""The heart of the suite: stock nbgrader grades every unit the way it should.

For each unit, one batch graded in throwaway copies of the course: the solution must score full marks, the untouched
exercise 0 on every auto-graded test cell, each deliberately wrong submission must lose exactly the test cells its
mistake breaks (with the mistake named in the message where the test knows it), and each correct alternative (the
task solved another allowed way) must score full marks. The first unit's batch also carries broken notebooks (an
infinite loop, corrupt JSON, a deleted test cell) that must not stop the batch. A unit with a minutes-long graded
training run trains it once: its edited submissions load the solution's result.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from nnzh import grading
from nnzh.course import grading_dirs
from nnzh.references import ALSO_RECORD_ENV, compare_files
from tests.conftest import REPO, UNITS, copy_course
from tests.submissions import (
    alternatives_of,
    apply_edits,
    build_edited,
    grade_id,
    mistakes_of,
    reuse_training,
    solution_notebook,
    unit_module,
    write_submission,
)

pytestmark = pytest.mark.slow

# Every submission is graded under nbgrader_config.py's own per-cell limit, as a learner's `make grade` is: a safety
# net far above any cell's work, so a slow or busy machine never fails a correct answer. Only the broken notebooks,
# which include an infinite loop, are graded apart under a short limit, so the loop costs seconds, not minutes.
LOOP_TIMEOUT = 20  # seconds; unit 01's cells each take well under a second
# The broken notebooks are graded with unit 01, whose test cells do not depend on each other (so that after the
# looping cell the rest must still score); a run narrowed to other units (`make test UNITS=...`) leaves them out.
BROKEN_UNIT = "01_micrograd"
RECORDED = "references.recorded.json"  # what each graded kernel records (nnzh.references.ALSO_RECORD_ENV)


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def broken_submissions(unit: str, folder: Path) -> dict[str, Path]:
    """Notebooks that are broken, not just wrong."""
    loop = solution_notebook(REPO, unit)
    code_cell = next(c for c in loop.cells if c.metadata.get("nbgrader", {}).get("solution"))
    lines = code_cell.source.splitlines()
    body = lines[next(i for i, line in enumerate(lines) if "BEGIN SOLUTION" in line) + 1]
    indent = body[: len(body) - len(body.lstrip())]
    apply_edits(loop, grade_id(code_cell), ((body, f"{indent}while True:\n{indent}    pass\n{body}"),))

    deleted = solution_notebook(REPO, unit)
    tests = [c for c in deleted.cells if c.metadata.get("nbgrader", {}).get("grade")]
    deleted.cells.remove(tests[-1])

    copied = solution_notebook(REPO, unit)  # a test cell copied (a learner told not to): nbgrader refuses it
    twin = nbformat.from_dict(copy.deepcopy(tests[0]))
    twin["id"] = "copied-test-cell"
    copied.cells.append(twin)

    corrupt = folder / "corrupt_json"
    shutil.copytree(REPO / "exercises" / unit, corrupt / unit)
    path = corrupt / unit / f"{unit}.ipynb"
    path.write_text(path.read_text()[:500])  # a half-saved file
    return {
        # graded in this order, in one nbgrader process: the notebook nbgrader fails on comes first
        "copied_test_cell": write_submission(folder / "copied_test_cell", unit, copied),
        "infinite_loop": write_submission(folder / "infinite_loop", unit, loop),
        "deleted_test_cell": write_submission(folder / "deleted_test_cell", unit, deleted),
        "corrupt_json": corrupt,
    }


def grade_batch(unit: str, submissions: dict[str, Path], root: Path, timeout: int | None = None) -> dict:
    """Grade the submissions in one course copy, in one nbgrader process; return the results by learner. Only the
    solution and the untouched exercise get feedback HTML (test_feedback_html_is_generated reads it): the suite
    never reads the others', and writing it costs seconds each.

    One grader per xdist worker: the suite's two workers already keep both cores busy (tests/scheduling.py), and a
    third process would only slow down the lecture running beside it. Its kernel gets one thread: two kernels with
    torch's default two threads each on two cores slow small-tensor training down by orders of magnitude."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("OMP_NUM_THREADS", "1")  # inherited by nbgrader and its kernels
        env.setenv(ALSO_RECORD_ENV, RECORDED)  # each kernel records the references it checks, in its own folder
        no_feedback = set(submissions) - {"solution", "untouched"}
        return {r.learner: r for r in grading.grade(root, [unit], submissions, cell_timeout=timeout,
                                                    no_feedback=no_feedback)}


def grade_unit(unit: str, tmp: Path) -> dict:
    """Grade the solution, the untouched exercise and the wrong (and broken) submissions of one unit.

    A unit with a REUSED_TRAINING grades in two rounds: first the solution (whose graded run saves its trained
    weights) and the untouched exercise, then the edited submissions, which load those weights instead of training
    (all but those that edit the training or a cell it runs: `ReusedTraining.applies_to`)."""
    root = copy_course(tmp / "course")
    submissions = {"solution": REPO / "solutions", "untouched": REPO / "exercises"}
    edited = [*mistakes_of(unit), *alternatives_of(unit)]
    names = [e.learner for e in edited]
    assert len(set(names)) == len(names), f"submission names must be unique: {names}"
    wrong = {e.learner: build_edited(REPO, unit, e, tmp / e.learner) for e in edited}
    reuse = getattr(unit_module(unit), "REUSED_TRAINING", None)
    rounds = [(submissions, None), (wrong, None)] if reuse else [({**submissions, **wrong}, None)]
    broken = broken_submissions(unit, tmp / "broken") if unit == BROKEN_UNIT else {}
    if broken:
        rounds.append((broken, LOOP_TIMEOUT))
    results, before = {}, {}
    for i, (batch, timeout) in enumerate(rounds):
        if i == 1 and reuse:
            trained = grading_dirs(root).autograded / "solution" / unit / reuse.saved
            for submission in edited:  # (not the broken notebooks: some cannot be read)
                if reuse.applies_to(submission):
                    reuse_training(batch[submission.learner], unit, reuse, trained)
        before.update({name: digest(folder / unit) for name, folder in batch.items()})
        results.update(grade_batch(unit, batch, root, timeout))
    submissions.update({**wrong, **broken})
    return {"unit": unit, "root": root, "submissions": submissions, "before": before, "results": results}


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    """One grading batch per unit, computed once for the module, on first use."""
    cache = {}

    def get(unit):
        if unit not in cache:
            cache[unit] = grade_unit(unit, tmp_path_factory.mktemp(unit))
        return cache[unit]

    return get


@pytest.fixture(params=UNITS)
def batch(request, batches):
    return batches(request.param)


def autograded(batch, learner):
    return nbformat.read(grading_dirs(batch["root"]).notebook("autograded", learner, batch["unit"]), 4)


def test_solution_scores_full_marks(batch):
    result = batch["results"]["solution"]
    assert result.tests, "no test cells found in the gradebook"
    assert not result.problems
    lost = {t.test: f"{t.score:g}/{t.max_score:g}" for t in result.tests if t.score != t.max_score}
    assert not lost, f"the solution loses points: {lost}"


def test_references_regenerate_from_the_graded_solution(batch):
    """The references are generated from the solution: the graded solution, run at one thread, recorded every value
    it checked, and they match the committed file (generated at torch's default thread count) within each stored
    tolerance, name for name. (Grading and regenerating are one run: the suite executes each solution once.)"""
    unit = batch["unit"]
    recorded = grading_dirs(batch["root"]).autograded / "solution" / unit / RECORDED
    committed = REPO / "autograder" / "references" / f"{unit}.json"
    threads = [json.loads(p.read_text()).get("threads") for p in (recorded, committed)]
    assert threads[0] != threads[1], (f"regenerated at {threads[0]} thread(s), committed at {threads[1]}: the "
                                      "comparison must cross thread counts (`make references` at torch's default)")
    problems = compare_files(recorded, committed)
    assert not problems, "stale references (run `make references`):\n" + "\n".join(problems)


def test_solution_runs_clean_and_test_cells_return_nothing(batch):
    """No cell of the graded solution errs, and no test cell leaves a value (nbgrader would read it as a score)."""
    for cell in autograded(batch, "solution").cells:
        if cell.cell_type != "code":
            continue
        kinds = {o.output_type for o in cell.outputs}
        assert "error" not in kinds, f"cell {grade_id(cell) or cell.source[:60]!r} raised in the solution"
        if cell.metadata.get("nbgrader", {}).get("grade"):
            assert "execute_result" not in kinds, \
                f"test cell {grade_id(cell)} leaves a value: nbgrader reads it as points"


def test_untouched_exercise_scores_zero_everywhere(batch):
    result = batch["results"]["untouched"]
    assert not result.problems, result.problems
    assert result.tests and result.max_score > 0
    scored = {t.test: t.score for t in result.tests if t.score != 0}
    assert not scored, f"these tests pass on the untouched exercise: {scored}"


def test_written_answers_are_routed_to_manual_grading(batch):
    """Graded answer cells are never auto-scored: they wait for the instructor, and the table says so."""
    solution = batch["results"]["solution"]
    answers = [c for c in solution_notebook(REPO, batch["unit"]).cells
               if c.metadata.get("nbgrader", {}).get("grade") and c.metadata["nbgrader"].get("solution")]
    assert {a.metadata["nbgrader"]["grade_id"] for a in answers} == {m.test for m in solution.manual}
    assert all(m.score is None for m in solution.manual)
    if solution.manual:
        assert "awaits the instructor" in grading.score_table([solution])


def test_each_mistake_loses_exactly_its_tests(batch):
    failures = []
    for mistake in mistakes_of(batch["unit"]):
        result = batch["results"][mistake.learner]
        assert not result.problems, (mistake.learner, result.problems)
        assert mistake.loses <= {t.test for t in result.tests}, f"{mistake.learner}: unknown test in {mistake.loses}"
        for t in result.tests:
            expected = 0 if t.test in mistake.loses else t.max_score
            if t.score != expected:
                failures.append(f"{mistake.learner} ({mistake.description}): {t.test} scored {t.score:g}, "
                                f"expected {expected:g}")
    assert not failures, "\n".join(failures)


def test_each_correct_alternative_scores_full_marks(batch):
    """Correct code never loses a point, whatever formula, dtype, loop order or return type the task allows."""
    failures = []
    for alternative in alternatives_of(batch["unit"]):
        result = batch["results"][alternative.learner]
        assert not result.problems, (alternative.learner, result.problems)
        lost = {t.test: f"{t.score:g}/{t.max_score:g}" for t in result.tests if t.score != t.max_score}
        if lost:
            messages = [o.evalue for c in autograded(batch, alternative.learner).cells if c.cell_type == "code"
                        for o in c.outputs if o.output_type == "error"]
            failures.append(f"{alternative.learner} ({alternative.description}) loses {lost}: {messages}")
    assert not failures, "\n".join(failures)


def test_every_unit_proves_correct_alternatives(batch):
    assert alternatives_of(batch["unit"]), f"tests/submissions/unit_{batch['unit']}.py lists no ALTERNATIVES"


def test_named_mistakes_are_named_in_the_feedback(batch):
    for mistake in mistakes_of(batch["unit"]):
        if not mistake.named:
            continue
        errors = [o for c in autograded(batch, mistake.learner).cells if c.cell_type == "code"
                  for o in c.outputs if o.output_type == "error"]
        text = "\n".join(o.evalue for o in errors)
        assert mistake.named in text, f"{mistake.learner}: expected {mistake.named!r} in the messages:\n{text}"


def test_grading_never_modifies_submissions(batch):
    for name, folder in batch["submissions"].items():
        assert digest(folder / batch["unit"]) == batch["before"][name], f"grading modified {name}'s notebook"


def test_feedback_html_is_generated(batch):
    for learner in ("solution", "untouched"):
        feedback = batch["results"][learner].feedback
        assert feedback is not None and feedback.is_file() and feedback.suffix == ".html"


@pytest.mark.parametrize("unit", [u for u in UNITS if u == BROKEN_UNIT])  # (by unit: scheduled beside its batch)
def test_broken_notebooks_do_not_stop_the_batch(batches, unit):
    """Checked once, on the first unit's batch: an infinite loop, corrupt JSON, a deleted and a copied test cell (the
    last in the same nbgrader process as the others, which nbgrader refuses to grade)."""
    results = batches(unit)["results"]
    solution = {t.test: t.max_score for t in results["solution"].tests}
    tests = list(solution)

    loop = {t.test: t.score for t in results["infinite_loop"].tests}
    assert loop[tests[0]] == 0, "the test of the looping function must score 0"
    assert all(loop[t] == solution[t] for t in tests[1:]), f"after the timeout the rest must still be graded: {loop}"

    deleted = {t.test: t.score for t in results["deleted_test_cell"].tests}
    assert deleted[tests[-1]] == 0 and all(deleted[t] == solution[t] for t in tests[:-1]), deleted

    copied = results["copied_test_cell"]  # nbgrader itself fails on it: said in words, and the batch goes on
    assert copied.score == 0 and any("nbgrader could not grade this notebook" in p for p in copied.problems), \
        copied.problems
    assert "could not grade" in grading.score_table([copied])

    corrupt = results["corrupt_json"]
    assert all(t.score == 0 for t in corrupt.tests) and len(corrupt.tests) == len(tests)
    assert any("not valid notebook JSON" in p for p in corrupt.problems), corrupt.problems
    table = grading.score_table([corrupt])
    assert "not valid notebook JSON" in table


def test_stale_grades_are_not_reported_for_an_unreadable_resubmission(tmp_path):
    """A learner graded once, who then breaks the notebook, scores 0 — not the old grades."""
    unit = BROKEN_UNIT
    root = copy_course(tmp_path / "course")
    first = grading.grade(root, [unit], {"learner": REPO / "solutions"})[0]
    assert first.score == first.max_score
    broken = tmp_path / "broken"
    shutil.copytree(REPO / "exercises" / unit, broken / unit)
    (broken / unit / f"{unit}.ipynb").write_text("{")
    second = grading.grade(root, [unit], {"learner": broken})[0]
    assert second.score == 0 and second.problems


def test_a_changed_solution_after_grading_is_explained_not_crashed(tmp_path):
    """nbgrader refuses to change an assignment's cells once it has submissions (a learner pulling an updated
    unit): grading reports what to do instead of failing the batch."""
    unit = BROKEN_UNIT
    root = copy_course(tmp_path / "course")
    grading.grade(root, [unit], {"learner": REPO / "exercises"})
    source = root / "solutions" / unit / f"{unit}.ipynb"
    nb = nbformat.read(source, as_version=4)
    extra = nbformat.v4.new_code_cell("assert True", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "points": 1, "grade_id": "test_extra", "schema_version": 3}})
    nb.cells.append(extra)
    nbformat.write(nb, source)
    result = grading.grade(root, [unit], {"learner": REPO / "exercises"})[0]
    assert any("make clean-grades" in p for p in result.problems), result.problems
    assert result.score == 0
