"""Shared fixtures: the repository, and throwaway copies of the course for anything that writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
UNITS = sorted(p.name for p in (REPO / "solutions").iterdir() if p.is_dir())


def copy_course(dest: Path) -> Path:
    """A minimal course checkout in ``dest``: what nbgrader and the hidden tests need, nothing the learner has."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "nbgrader_config.py", dest)
    for folder in ("solutions", "exercises", "autograder/references"):
        shutil.copytree(REPO / folder, dest / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return dest


@pytest.fixture
def course(tmp_path) -> Path:
    return copy_course(tmp_path / "course")
