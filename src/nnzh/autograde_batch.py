"""Autograde several learners' submissions of one assignment in a single nbgrader process.

Run from the course root (where nbgrader_config.py is) as
    python -m nnzh.autograde_batch ASSIGNMENT LEARNER [LEARNER ...] [--timeout SECONDS]
It does, through nbgrader's own Python API, exactly what `nbgrader autograde ASSIGNMENT --student LEARNER --force`
followed by `nbgrader generate_feedback ...` does for each learner in turn, and prints one JSON line per learner.
Why one process: starting nbgrader costs seconds of imports, twice per learner; a batch pays it once. Each learner's
notebook still runs in its own fresh kernel, and a learner whose grading fails is reported and skipped, never
stopping the rest.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

_EXCEPTION = re.compile(r"^[\w.]*(Error|Exception): .+")


def _reason(*texts: str) -> str:
    """Why nbgrader failed, in one line: the first exception line (the root cause) of the first text with one (e.g.
    "SchemaTooOldError: Outdated schema version: 0 (expected 3)", without its module path); else the last lines."""
    for text in texts:
        found = [line.strip() for line in text.splitlines() if _EXCEPTION.match(line.strip())]
        if found:
            name, _, message = found[0].partition(": ")
            return f"{name.rsplit('.', 1)[-1]}: {message}"
    return " | ".join("".join(texts).strip().splitlines()[-3:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nnzh.autograde_batch")
    parser.add_argument("assignment")
    parser.add_argument("learners", nargs="+")
    parser.add_argument("--timeout", type=int, help="per-cell limit in seconds (default: nbgrader_config.py's)")
    parser.add_argument("--no-feedback", action="append", default=[], metavar="LEARNER",
                        help="grade this learner without writing the feedback HTML (repeatable)")
    args = parser.parse_args(argv)

    from nbgrader.apps import NbGraderAPI  # imported here: `--help` needs no nbgrader
    from traitlets.config import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=".").load_config()
    if args.timeout:
        config.Execute.timeout = args.timeout
    api = NbGraderAPI(config=config)
    for learner in args.learners:
        graded = api.autograde(args.assignment, learner, force=True, create=True)
        feedback = {} if learner in args.no_feedback else api.generate_feedback(args.assignment, learner, force=True)
        print(json.dumps({
            "learner": learner,
            "success": bool(graded.get("success")),
            "error": "" if graded.get("success") else _reason(graded.get("log", ""), graded.get("error", "")),
            "autograde_log": graded.get("log", "") + graded.get("error", ""),
            "feedback_log": feedback.get("log", "") + feedback.get("error", ""),
        }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
