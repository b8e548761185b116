"""The commands a learner and a maintainer type, run as they would run them."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from nnzh import course
from nnzh.course import UNITS, grading_dirs  # by name: the `course` fixture (a copy of the course) shadows the module
from tests.conftest import REPO


def nnzh(*args, cwd):
    return subprocess.run([sys.executable, "-m", "nnzh.cli", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.slow
def test_grade_on_a_fresh_clone_prints_an_honest_zero_table(course):
    result = nnzh("grade", cwd=course)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for unit in [p.name for p in (course / "solutions").iterdir()]:
        assert re.search(rf"^{unit}\s+TOTAL\s+0 / \d+", out, re.MULTILINE), out
    assert "Course total: 0 / " in out
    first = UNITS[0].id
    feedback = grading_dirs(course).feedback.relative_to(course) / "learner" / first / f"{first}.html"
    assert f"Feedback for {first}: {feedback.as_posix()}" in out


def test_stamp_check_passes_on_the_repository():
    result = nnzh("stamp", "--check", cwd=REPO)
    assert result.returncode == 0, result.stdout


def test_commands_outside_a_course_say_where_to_run(tmp_path):
    result = nnzh("grade", cwd=tmp_path)
    assert result.returncode != 0 and "inside the course repository" in result.stderr


def test_repository_address_lives_in_one_place():
    """Notebooks get it from `nnzh stamp` (checked in test_notebooks); no other file may spell it out."""
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    hits = [p for p in tracked if not p.endswith(".ipynb") and course.REPOSITORY in (REPO / p).read_text()]
    assert hits == ["src/nnzh/course.py"]


def test_clean_grades_removes_the_configured_state_and_nothing_else(course):
    dirs = grading_dirs(course)
    for folder in (dirs.submitted / "learner", dirs.feedback, dirs.state / "logs"):
        folder.mkdir(parents=True)
    (dirs.state / "gradebook.db").write_text("")
    result = nnzh("clean-grades", cwd=course)
    assert result.returncode == 0, result.stderr
    assert not dirs.submitted.exists() and not dirs.feedback.exists() and not (dirs.state / "gradebook.db").exists()
    assert (dirs.state / "references").is_dir() and (course / "solutions").is_dir()
