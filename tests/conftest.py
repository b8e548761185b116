"""Shared fixtures: the repository, the units under test, throwaway copies of the course for anything that writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests import nbval_numbers

REPO = Path(__file__).resolve().parents[1]
ALL_UNITS = sorted(p.name for p in (REPO / "solutions").iterdir() if p.is_dir())
UNITS_ENV = "NNZH_UNITS"  # `make test UNITS="03_mlp 04_batchnorm"`: only these units' grading, sync and lectures


def selected_units() -> list[str]:
    wanted = os.environ.get(UNITS_ENV, "").replace(",", " ").split()
    unknown = sorted(set(wanted) - set(ALL_UNITS))
    if unknown:
        raise pytest.UsageError(f"{UNITS_ENV}: no unit named {', '.join(unknown)} (units: {', '.join(ALL_UNITS)})")
    return [u for u in ALL_UNITS if u in wanted] if wanted else ALL_UNITS


UNITS = selected_units()


def pytest_configure(config):
    """One torch thread in the test process and every kernel it starts (set before the test modules import torch).

    The suite runs several kernels at once on a small machine; torch's default of a thread per core in each of them
    makes small-tensor training orders of magnitude slower. Nothing here is big enough to gain from more threads.
    (A hook, not an import-time setting, so that the benchmark script can import this module without it.)"""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    nbval_numbers.install()  # lectures' decimals compared within a tolerance: the proof holds on any CPU


@pytest.hookimpl(optionalhook=True)  # an xdist hook: `-p no:xdist` runs without it
def pytest_xdist_make_scheduler(config, log):
    """`make test`'s `--dist loadscope`, with one scope per unit's grading and the longest scope first."""
    if config.getvalue("dist") == "loadscope":
        from tests.scheduling import LongestFirstScheduling

        return LongestFirstScheduling(config, log)
    return None


def pytest_sessionstart(session):
    """No data, no suite: one sentence with the README's instruction instead of hundreds of failures."""
    from nnzh import data

    try:
        data.fetch(data.NAMES)
    except data.DataError as err:
        pytest.exit(f"names.txt is not available, so the suite cannot run: {err}\nSee data/README.md (offline: set "
                    f"{data.MIRROR_ENV} to a folder holding names.txt).", returncode=3)


def pytest_collection_modifyitems(config, items):
    """Lectures of units left out by NNZH_UNITS are not re-run. (A collection hook, not pytest_ignore_collect:
    this conftest's directory hooks do not reach lectures/.)"""
    skipped = [i for i in items if i.path.suffix == ".ipynb" and i.path.parent.name == "lectures"
               and i.path.stem not in UNITS]
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = [i for i in items if i not in skipped]


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
