"""Notebook plumbing shared by the CLI and the tests: the stamped Colab cells, reading, executing.

Every lecture and exercise notebook starts with two stamped cells: an Open-in-Colab badge and a setup cell that
installs this package only where it is missing (Colab), then obtains the unit's data. Every exercise (and its
solution) also has the course's instructions, "How this notebook works", right after its title cell, and the same
closing "Done?" cell last: one text for every unit. `nnzh stamp` writes them all from here and `nnzh.course` (the
one place the repository address lives); `nnzh stamp --check` (a test) finds drift.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat

from nnzh.course import UNIT, colab_url, pip_source

ROLE_KEY = "nnzh"  # cell metadata key marking the stamped cells


def badge_source(colab_path: str) -> str:
    return (
        f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(colab_path)})"
    )


def setup_source(unit: str, graded: bool = False) -> str:
    lines = [
        "# Course setup. Locally (`make lab`) the course package is installed and this does nothing;",
        "# on Colab, or anywhere it is missing, it installs the package from the course repository.",
        "import importlib.util, subprocess, sys",
        "",
        'if importlib.util.find_spec("nnzh") is None:',
        f'    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "nnzh @ {pip_source()}"], check=True)',
    ]
    if graded:
        lines += [
            "",
            "import nnzh.kernel",
            "",
            "# Warnings and anything else sent to stderr print as normal output: you still read them, and they cost no",
            "# points (nbgrader gives 0 to a test cell whose output went to stderr).",
            "nnzh.kernel.send_stderr_to_stdout()",
        ]
    if UNIT[unit].names:  # its setup cell obtains names.txt
        lines += ["", "import nnzh.data", "",
                  "names_txt = nnzh.data.fetch()  # the path of names.txt, checked against its sha256"]
    return "\n".join(lines)


# nbgrader metadata of a graded notebook's setup cell: locked, so autograding restores it if it was edited.
LOCKED_SETUP = {"grade": False, "grade_id": "setup", "locked": True, "schema_version": 3, "solution": False,
                "task": False}


# The instructions and the closing cell of every exercise notebook (never of a lecture). What a unit adds of its own
# (its tolerances, its written answers, its rules) stays in its own introduction, after the instructions.
INSTRUCTIONS = """\
**How this notebook works**

- Each task has a `raise NotImplementedError()` where your code goes: replace that line with your code. Keep the
  names and signatures you are given: the tests call them.
- Under each task is a **test cell**. Run it: its *visible* checks answer at once and, when something is wrong, say
  what differs (the name, the shape, the largest difference and, for the common mistakes, the mistake in words),
  never the expected answer.
- When your notebook is graded, each test cell also runs **hidden checks** on inputs you have not seen, against
  values the test computes itself or reference values generated from the course's solution. Your functions get
  copies of the tests' inputs: changing an argument in place cannot spoil a test's own data. A test cell earns its
  points only if all of its checks pass.
- Warnings and prints cost nothing: the locked setup cell above shows them as ordinary output.
- Do not delete, copy or reorder cells: the grader expects each task and test cell once, where the exercise put it.
- Grade yourself from the repository root with `make grade`: a table of your points per test cell."""

CLOSING = """\
## Done?

Restart the kernel and run every cell from the top (*Kernel → Restart Kernel and Run All Cells*): the grader runs
your notebook that way, in a fresh kernel, so a cell that only worked in the order you happened to run things
shows up now. Then run `make grade` from the repository root: the table shows your points per test cell, and the
feedback HTML it names shows each check's message."""


def stamped_cells(colab_path: str, unit: str) -> list:
    """The stamped cells of a notebook, in order: badge and setup; for an exercise or solution also the
    instructions (placed after its title cell) and the closing cell (placed last)."""
    graded = not colab_path.startswith("lectures/")
    badge = nbformat.v4.new_markdown_cell(badge_source(colab_path), metadata={ROLE_KEY: {"role": "colab-badge"}})
    setup_meta = {ROLE_KEY: {"role": "setup"}, **({"nbgrader": dict(LOCKED_SETUP)} if graded else {})}
    setup = nbformat.v4.new_code_cell(setup_source(unit, graded), metadata=setup_meta)
    if not graded:
        return [badge, setup]
    instructions = nbformat.v4.new_markdown_cell(INSTRUCTIONS, metadata={ROLE_KEY: {"role": "instructions"}})
    closing = nbformat.v4.new_markdown_cell(CLOSING, metadata={ROLE_KEY: {"role": "closing"}})
    return [badge, setup, instructions, closing]


def role(cell) -> str | None:
    return (cell.metadata.get(ROLE_KEY) or {}).get("role")


def stamped_layout(cells: list, fresh: list, name: str = "the notebook") -> list:
    """``cells`` with their stamped cells replaced by ``fresh`` at their places: badge and setup first; in an
    exercise, the instructions right after the title cell (the first cell of its own, a ``# `` heading) and the
    closing cell last."""
    by_role = {role(c): c for c in fresh}
    rest = [c for c in cells if not c.metadata.get(ROLE_KEY)]
    layout = [by_role["colab-badge"], by_role["setup"]]
    if "instructions" not in by_role:
        return layout + rest
    if not rest or rest[0].cell_type != "markdown" or not rest[0].source.startswith("# "):
        raise ValueError(f"{name}: an exercise's first cell after the setup cell is its title (a '# ' heading), "
                         "followed by the stamped instructions")
    return layout + rest[:1] + [by_role["instructions"]] + rest[1:] + [by_role["closing"]]


def colab_path_for(root: Path, path: Path) -> str:
    """The notebook a Colab badge opens: solutions point at their released exercise (the learner's copy)."""
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    if rel.startswith("solutions/"):
        rel = "exercises/" + rel[len("solutions/"):]
    return rel


def stamp_key(cell) -> tuple:
    """What stamping decides about a cell: its text, role and whether nbgrader locks it (nbgrader adds other
    metadata, such as checksums, to the released copies)."""
    return cell.source, cell.metadata.get(ROLE_KEY), bool(cell.metadata.get("nbgrader", {}).get("locked"))


def stamp(root: Path, path: Path, check_only: bool = False) -> bool:
    """Write the stamped cells of ``path`` (badge and setup at the top; an exercise's instructions after its title
    and its closing cell last). Returns True if the notebook was (or would be) changed: a stamped cell whose text,
    place or lock differs, one missing, or one too many."""
    nb = nbformat.read(path, as_version=4)
    unit = path.stem  # lectures/<unit>.ipynb and .../<unit>/<unit>.ipynb alike
    fresh = stamped_cells(colab_path_for(root, path), unit)
    wanted = stamped_layout(nb.cells, fresh, path.name)
    same = [stamp_key(c) for c in nb.cells] == [stamp_key(c) for c in wanted]
    if same or check_only:
        return not same
    # Keep the existing cells' ids and outputs where they exist, so stamping is stable; a new stamped cell gets an id
    # named after its role.
    old = {role(c): c for c in nb.cells if c.metadata.get(ROLE_KEY)}
    for new_cell in fresh:
        old_cell = old.get(role(new_cell))
        new_cell["id"] = old_cell.get("id", new_cell["id"]) if old_cell is not None else f"nnzh-{role(new_cell)}"
        if old_cell is not None and new_cell.cell_type == "code" and old_cell.cell_type == "code":
            new_cell.outputs = old_cell.get("outputs", [])
            new_cell.execution_count = old_cell.get("execution_count")
    nb.cells = wanted
    nbformat.write(nb, path)
    return True


def course_notebooks(root: Path) -> list[Path]:
    """Every lecture, solution and exercise notebook of the course."""
    found = sorted((root / "lectures").glob("*.ipynb"))
    for folder in ("solutions", "exercises"):
        found += sorted((root / folder).glob("*/*.ipynb"))
    return found


def read_problem(path: Path) -> str | None:
    """None if ``path`` is a readable, valid notebook; otherwise a sentence saying what is wrong with it."""
    try:
        nbformat.validate(nbformat.reads(path.read_text(), as_version=4))
    except (OSError, UnicodeDecodeError) as err:
        return f"cannot read {path.name}: {err}"
    except (json.JSONDecodeError, nbformat.reader.NotJSONError):
        return (f"{path.name} is not valid notebook JSON (a half-saved or hand-edited file?); restore it from a "
                "checkpoint or from git")
    except nbformat.ValidationError as err:
        return f"{path.name} is not a valid notebook: {err.message}"
    except Exception as err:  # nbformat raises several kinds for malformed files
        return f"{path.name} cannot be read as a notebook: {err}"
    return None


def execute(path: Path, output: Path, *, cwd: Path, env: dict | None = None, timeout: int = 600,
            allow_errors: bool = False) -> subprocess.CompletedProcess:
    """Run a notebook top to bottom in a fresh kernel (as `jupyter nbconvert --execute`), writing it to ``output``.
    ``env`` is the kernel's whole environment (default: this process's); ``path`` itself is not modified."""
    command = [
        sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
        *(["--allow-errors"] if allow_errors else []),
        f"--ExecutePreprocessor.timeout={timeout}", "--ExecutePreprocessor.kernel_name=python3",
        "--ExecutePreprocessor.record_timing=False",  # no per-cell timestamps in stored notebooks
        "--output-dir", str(output.parent.resolve()), "--output", output.name, str(path.resolve()),
    ]
    return subprocess.run(command, cwd=cwd, env=env if env is not None else dict(os.environ),
                          capture_output=True, text=True)
