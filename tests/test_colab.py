"""A notebook copied alone into an empty folder runs, with the course package installed as its setup cell would
install it on Colab (a regular, non-editable pip install of this repository, no checkout around it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from nnzh import notebooks
from tests.conftest import REPO, UNITS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed_package(tmp_path_factory):
    """`pip install <repository>` into a separate folder, placed first on the kernel's path."""
    target = tmp_path_factory.mktemp("site")
    build = tmp_path_factory.mktemp("src")
    for item in ("pyproject.toml", "README.md", "src"):  # what a pip install of the repository reads
        (shutil.copytree if (REPO / item).is_dir() else shutil.copy)(REPO / item, build / item)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(build)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import nnzh; print(nnzh.__file__)"], env=env,
                           capture_output=True, text=True, check=True, cwd=target.parent).stdout
    assert where.startswith(str(target)), f"the kernel would import nnzh from {where}"
    return env


def run_alone(path, tmp_path, env, allow_errors=False):
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(path, alone)
    result = notebooks.execute(alone / path.name, alone / "ran.ipynb", cwd=alone, env=env, allow_errors=allow_errors)
    assert result.returncode == 0, result.stderr[-3000:]
    return nbformat.read(alone / "ran.ipynb", as_version=4)


COURSE_IMPORT = re.compile(r"\s*(from nnzh[\w.]* import |import nnzh)")


@pytest.mark.parametrize("unit", UNITS)
def test_lecture_setup_and_course_imports_work_alone(unit, tmp_path, installed_package):
    """The lecture's setup cell and every import of the course package it makes, alone in an empty folder.

    The whole lecture already runs top to bottom under nbval; running it a second time here would double the
    suite's longest part, and what can differ in a Colab-like setting is the setup and what the package provides.
    """
    lecture = nbformat.read(REPO / "lectures" / f"{unit}.ipynb", as_version=4)
    code = [c for c in lecture.cells if c.cell_type == "code"]
    imports = [line.strip() for c in code[1:] for line in c.source.splitlines() if COURSE_IMPORT.match(line)]
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code[0].source),
                                            nbformat.v4.new_code_cell("\n".join(imports) or "pass")])
    probe.metadata = lecture.metadata
    path = tmp_path / f"{unit}.ipynb"
    nbformat.write(probe, path)
    run_alone(path, tmp_path, installed_package)  # fails on any error


@pytest.mark.parametrize("unit", UNITS)
def test_exercise_runs_alone_failing_only_where_work_is_left(unit, tmp_path, installed_package):
    ran = run_alone(REPO / "exercises" / unit / f"{unit}.ipynb", tmp_path, installed_package, allow_errors=True)
    code = [c for c in ran.cells if c.cell_type == "code"]
    errors = {o.ename for c in code for o in c.outputs if o.output_type == "error"}
    # Unsolved tasks raise NotImplementedError; a test using a value an unsolved task never made, NameError; a test
    # whose check fails on what the unsolved notebook left (no training counted, no loss list), AssertionError.
    assert "NotImplementedError" in errors and errors <= {"NotImplementedError", "NameError", "AssertionError"}, errors
    for cell in code:  # a failed check is a test cell's answer, never a given or solution cell's
        if not cell.metadata.get("nbgrader", {}).get("grade"):
            failed = [o for o in cell.outputs if o.output_type == "error" and o.ename == "AssertionError"]
            assert not failed, f"a cell that is not a test failed a check: {cell.source[:80]}"
    for cell in code:  # the setup and every given cell (imports, data, helpers) must run clean
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade") and not meta.get("solution"):
            assert not [o for o in cell.outputs if o.output_type == "error"], f"given cell failed: {cell.source[:80]}"
    setup = ran.cells[1]
    assert setup.metadata.get(notebooks.ROLE_KEY, {}).get("role") == "setup" and not setup.outputs
