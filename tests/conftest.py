"""Shared fixtures: the repository, and throwaway copies of the course for anything that writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


REPO = Path(__file__).resolve().parents[1]
UNITS = sorted(p.name for p in (REPO / "solutions").iterdir() if p.is_dir())


def pytest_configure(config):
    """One torch thread in the test process and every kernel it starts (set before the test modules import torch).

    The suite runs several kernels at once on a small machine; torch's default of a thread per core in each of them
    makes small-tensor training orders of magnitude slower. Nothing here is big enough to gain from more threads.
    (A hook, not an import-time setting, so that the benchmark script can import this module without it.)"""
    os.environ.setdefault("OMP_NUM_THREADS", "1")


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
