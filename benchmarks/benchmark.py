"""Time what learners and instructors wait for, per unit; write the table to benchmarks/RESULTS.md.

    make benchmark            (or: python benchmarks/benchmark.py [UNIT ...])

Per unit: autograding the untouched exercise and the solution (one `nbgrader autograde` + feedback each, in a
throwaway copy of the course), and executing the lecture top to bottom in a fresh kernel. Targets on a 2-core
machine: an untouched exercise autogrades in a few seconds; a solution in well under a minute (unit 01).
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.tables import previous_rows  # noqa: E402
from nnzh import course, grading, notebooks  # noqa: E402
from tests.conftest import copy_course  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def benchmark_unit(unit: str, tmp: Path) -> dict[str, float]:
    root = copy_course(tmp / unit)
    grading.prepare_gradebook(root, unit)
    row = {}
    for learner, folder in (("untouched", REPO / "exercises"), ("solution", REPO / "solutions")):
        def grade_once(learner=learner, folder=folder):
            grading.submit(root, learner, unit, folder / unit)
            problems = grading.autograde(root, learner, unit)
            assert not problems, problems
        row[learner] = timed(grade_once)
    lecture = REPO / "lectures" / f"{unit}.ipynb"
    row["lecture"] = timed(lambda: notebooks.execute(lecture, tmp / f"{unit}-lecture.ipynb", cwd=lecture.parent,
                                                     timeout=1800).check_returncode())
    return row


ROW = "| {unit} | {untouched:.1f} | {solution:.1f} | {lecture:.1f} | {measured} |"


def main() -> None:
    units = sys.argv[1:] or course.units(REPO)
    results = REPO / "benchmarks" / "RESULTS.md"
    rows = previous_rows(results, columns=5)
    machine = (f"{os.cpu_count()} CPU cores ({platform.machine()}), Python {platform.python_version()}, "
               f"torch {torch.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        for unit in units:
            timings = benchmark_unit(unit, Path(tmp))
            rows[unit] = ROW.format(unit=unit, measured=datetime.date.today(), **timings)
            print(rows[unit], flush=True)
    lines = [
        "# Benchmark results",
        "",
        "Written by `make benchmark` (benchmarks/benchmark.py [UNIT ...] re-measures only those units' rows):",
        f"wall-clock seconds, one run each, on {machine}.",
        "",
        "Autograde = copy into the submitted area + `nbgrader autograde` + `nbgrader generate_feedback` for one",
        "learner (kernel start-up included). Lecture = executing the lecture notebook top to bottom in a fresh kernel.",
        "",
        "| unit | autograde untouched exercise (s) | autograde solution (s) | lecture execution (s) | measured |",
        "|---|---:|---:|---:|---|",
    ]
    lines += [rows[u] for u in course.units(REPO) if u in rows]
    lines += ["", "Targets (2-core CPU): an untouched exercise in a few seconds; a solution in well under the two "
              "minutes",
              "an issue allows for a graded training run; a lecture within the few minutes CI can afford (the suite",
              "executes every lecture once)."]
    results.write_text("\n".join(lines) + "\n")
    print("wrote benchmarks/RESULTS.md")


if __name__ == "__main__":
    main()
