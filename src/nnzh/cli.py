"""`nnzh` command line: the course's maintenance and grading jobs (the Makefile calls these).

    nnzh grade [UNIT ...] [--learner ID] [--from DIR]   autograde a learner's notebooks, print the score table
    nnzh references [UNIT ...] [--out DIR]             regenerate reference tensors from the solutions
    nnzh release [UNIT ...]                            regenerate exercises/ from solutions/ (nbgrader)
    nnzh stamp [--check]                               write/check the stamped cells (badge, setup, instructions)
    nnzh lecture [UNIT ...]                            re-run lectures top to bottom, storing their outputs
    nnzh clean-grades                                  forget all grading state (the folders nbgrader_config.py names)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from nnzh import course, data, grading, notebooks
from nnzh.references import RECORD_ENV


def _root() -> Path:
    root = course.find_course_root()
    if root is None:
        sys.exit("nnzh: run this inside the course repository (the folder with nbgrader_config.py)")
    return root


def cmd_grade(args) -> int:
    root = _root()
    units = args.units or course.units(root)
    try:
        print(f"data: names.txt ok ({data.fetch().name})")
    except data.DataError as err:  # grading goes on: only the units that read names.txt will lose points
        print(f"data: {err}")
    source = Path(args.source).resolve() if args.source else root / "exercises"
    submitted = course.grading_dirs(root).submitted  # nbgrader_config.py names the folder
    where = submitted.relative_to(root) if submitted.is_relative_to(root) else submitted
    print(f"grading {', '.join(units)} for learner '{args.learner}' (copies in {where.as_posix()}/)...", flush=True)
    results = grading.grade(root, units, {args.learner: source})
    for r in results:
        if r.feedback:
            r.feedback = r.feedback.relative_to(root)
    print()
    print(grading.score_table(results))
    return 0


def generate_references(root: Path, unit: str, out_dir: Path) -> Path:
    """Execute solutions/<unit>/<unit>.ipynb with recording on; returns the reference file written. The existing file
    is replaced only when the run succeeds: a failed run leaves it as it was."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{unit}.json"
    folder = root / "solutions" / unit
    with tempfile.TemporaryDirectory() as tmp:  # it runs in a copy: solutions/ gets no outputs or saved files
        work = Path(tmp) / unit
        recorded = Path(tmp) / f"{unit}.json"
        shutil.copytree(folder, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.pt"))
        result = notebooks.execute(work / f"{unit}.ipynb", Path(tmp) / "executed.ipynb", cwd=work,
                                   env={**os.environ, RECORD_ENV: str(recorded)})
        if result.returncode != 0 or not recorded.exists():
            raise RuntimeError(f"executing the {unit} solution failed:\n{result.stderr[-3000:]}")
        shutil.move(recorded, target)
    return target


def cmd_references(args) -> int:
    root = _root()
    out = Path(args.out) if args.out else root / "autograder" / "references"
    for unit in args.units or course.units(root):
        print(f"{unit}: wrote {generate_references(root, unit, out)}")
    return 0


def cmd_release(args) -> int:
    root = _root()
    (root / "autograder").mkdir(exist_ok=True)
    for unit in args.units or course.units(root):
        result = grading.nbgrader(root, "generate_assignment", unit, "--force")
        if result.returncode != 0:
            print(result.stdout + result.stderr)
            return 1
        print(f"{unit}: exercises/{unit}/ regenerated from solutions/{unit}/")
    return 0


def cmd_stamp(args) -> int:
    root = _root()
    changed = [p for p in notebooks.course_notebooks(root) if notebooks.stamp(root, p, check_only=args.check)]
    for path in changed:
        print(f"{'needs stamping' if args.check else 'stamped'}: {path.relative_to(root)}")
    return 1 if (args.check and changed) else 0


def cmd_lecture(args) -> int:
    """Execute each lecture in place in a fresh kernel from its own folder (as the suite's nbval run does), with no
    per-cell timestamps, so that a re-run changes only what it computes."""
    root = _root()
    for unit in args.units or course.units(root):
        path = root / "lectures" / f"{unit}.ipynb"
        if not path.is_file():
            print(f"no lecture {path.relative_to(root)}")
            return 1
        result = notebooks.execute(path, path, cwd=path.parent, timeout=3600)
        if result.returncode != 0:
            print(result.stderr[-3000:])
            return 1
        print(f"{unit}: lectures/{unit}.ipynb re-run and saved")
    return 0


def cmd_clean_grades(args) -> int:
    root = _root()
    dirs = course.grading_dirs(root)
    for folder in (dirs.submitted, dirs.autograded, dirs.feedback, dirs.state / "release", dirs.state / "logs"):
        shutil.rmtree(folder, ignore_errors=True)
    if dirs.db_url.startswith("sqlite:///"):
        Path(dirs.db_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    print("grading state removed: submitted, autograded and feedback folders, gradebook")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nnzh", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("grade", help="autograde a learner's notebooks and print the score table")
    p.add_argument("units", nargs="*", help="assignment ids (default: all)")
    p.add_argument("--learner", default=grading.DEFAULT_LEARNER, help="learner id in the gradebook")
    p.add_argument("--from", dest="source", help="folder holding <unit>/<unit>.ipynb (default: exercises/)")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("references", help="regenerate reference tensors by running the solution notebooks")
    p.add_argument("units", nargs="*")
    p.add_argument("--out", help="output folder (default: autograder/references/)")
    p.set_defaults(func=cmd_references)

    p = sub.add_parser("release", help="regenerate exercises/ from solutions/ with nbgrader")
    p.add_argument("units", nargs="*")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("stamp", help="write the stamped cells (Colab badge, setup; an exercise's instructions and "
                                     "closing cell) into every notebook")
    p.add_argument("--check", action="store_true", help="only report notebooks that need stamping (exit 1)")
    p.set_defaults(func=cmd_stamp)

    p = sub.add_parser("lecture", help="re-run lecture notebooks top to bottom and store their outputs")
    p.add_argument("units", nargs="*", help="unit ids (default: all, one after another: many minutes)")
    p.set_defaults(func=cmd_lecture)

    p = sub.add_parser("clean-grades", help="forget all grading state (submitted, autograded, feedback, gradebook)")
    p.set_defaults(func=cmd_clean_grades)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
