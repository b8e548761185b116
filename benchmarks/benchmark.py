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
        def grade_once():
            grading.submit(root, learner, unit, folder / unit)
            problems = grading.autograde(root, learner, unit)
            assert not problems, problems
        row[learner] = timed(grade_once)
    lecture = REPO / "lectures" / f"{unit}.ipynb"
    row["lecture"] = timed(lambda: notebooks.execute(lecture, tmp / f"{unit}-lecture.ipynb", cwd=lecture.parent,
                                                     timeout=1800).check_returncode())
    return row


def main() -> None:
    units = sys.argv[1:] or course.units(REPO)
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for unit in units:
            rows[unit] = benchmark_unit(unit, Path(tmp))
            print(unit, {k: round(v, 1) for k, v in rows[unit].items()}, flush=True)
    lines = [
        "# Benchmark results",
        "",
        "Written by `make benchmark` (benchmarks/benchmark.py): wall-clock seconds, one run each.",
        f"Measured {datetime.date.today()} on {os.cpu_count()} CPU cores ({platform.machine()}), "
        f"Python {platform.python_version()}, torch {torch.__version__}.",
        "",
        "Autograde = copy into the submitted area + `nbgrader autograde` + `nbgrader generate_feedback` for one",
        "learner (kernel start-up included). Lecture = executing the lecture notebook top to bottom in a fresh kernel.",
        "",
        "| unit | autograde untouched exercise (s) | autograde solution (s) | lecture execution (s) |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {u} | {r['untouched']:.1f} | {r['solution']:.1f} | {r['lecture']:.1f} |" for u, r in rows.items()]
    lines += ["", "Targets (2-core CPU): an untouched exercise in a few seconds; a solution well under a minute for",
              "01_micrograd; later units within their issue's budget."]
    (REPO / "benchmarks" / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print("wrote benchmarks/RESULTS.md")


if __name__ == "__main__":
    main()
