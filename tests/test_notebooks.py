"""Notebook hygiene: stamped Colab cells, lectures with real outputs and video links, nothing machine-specific."""

from __future__ import annotations

import re
import socket

import nbformat
import pytest

from nnzh import course, notebooks
from tests.conftest import REPO

ALL = notebooks.course_notebooks(REPO)
LECTURES = sorted((REPO / "lectures").glob("*.ipynb"))
VIDEO_IDS = {u.id: u.video for u in course.UNITS if u.video}  # the course table (shared/reference/CHAPTERS.md)
NOTES_URLS = {u.id: u.notes for u in course.UNITS if u.notes}  # no video: the notes instead


def ids(paths):
    return [str(p.relative_to(REPO)) for p in paths]


def test_the_unit_table_lists_exactly_the_units():
    assert [u.id for u in course.UNITS] == course.units(REPO)


def test_every_unit_has_a_lecture_a_solution_and_an_exercise():
    for unit in course.units(REPO):
        for path in (f"lectures/{unit}.ipynb", f"solutions/{unit}/{unit}.ipynb", f"exercises/{unit}/{unit}.ipynb"):
            assert (REPO / path).is_file(), f"missing {path}"


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_colab_badge_and_setup_cell_are_current(path):
    assert not notebooks.stamp(REPO, path, check_only=True), f"{path.name}: run `nnzh stamp`"
    first = nbformat.read(path, as_version=4).cells[0]
    assert course.REPOSITORY in first.source and "colab.research.google.com" in first.source


@pytest.mark.parametrize("path", LECTURES, ids=ids(LECTURES))
def test_lecture_was_run_top_to_bottom_in_one_kernel(path):
    code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), "re-run the lecture top to bottom in a fresh kernel"
    errors = [c.source[:60] for c in code if any(o.output_type == "error" for o in c.outputs)]
    assert not errors, f"cells stored with errors: {errors}"
    timed = [c.source[:60] for c in code if "execution" in c.metadata]
    assert not timed, f"cells stored with execution timestamps (re-run with `nnzh lecture`): {timed[:3]}"


WITH_VIDEO = [p for p in LECTURES if p.stem in VIDEO_IDS]


def section_headings(path):
    """The first line of every `##` section of a lecture."""
    return [c.source.splitlines()[0] for c in nbformat.read(path, as_version=4).cells
            if c.cell_type == "markdown" and c.source.startswith("## ")]


@pytest.mark.parametrize("path", WITH_VIDEO, ids=ids(WITH_VIDEO))
def test_lecture_sections_link_to_their_moment_in_the_video(path):
    video = VIDEO_IDS[path.stem]
    headings = section_headings(path)
    assert len(headings) >= 10, "a lecture follows the video's chapters as ## sections"
    unlinked = [h for h in headings if not re.search(rf"youtube\.com/watch\?v={video}&t=\d+s", h)]
    assert not unlinked, f"sections without a link to the video: {unlinked}"


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_no_absolute_paths_or_machine_names_in_outputs(path):
    text = "\n".join(
        str(output) for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"
        for output in cell.outputs
    )
    for pattern in (r"/(home|root|work|tmp|Users)/", r"[A-Z]:\\\\", re.escape(str(REPO))):
        assert not re.search(pattern, text), f"{path.name}: output contains a machine-specific path ({pattern})"
    host = socket.gethostname()
    assert len(host) < 6 or host not in text, f"{path.name}: output contains this machine's name"


WITH_NOTES = [p for p in LECTURES if p.stem in NOTES_URLS]


@pytest.mark.parametrize("path", WITH_NOTES, ids=ids(WITH_NOTES))
def test_lecture_without_a_video_links_each_section_to_its_notes(path):
    headings = section_headings(path)
    assert len(headings) >= 8, "a lecture is organised in ## sections"
    unlinked = [h for h in headings if NOTES_URLS[path.stem] + "#" not in h]
    assert not unlinked, f"sections without a link to their part of the notes: {unlinked}"


def test_every_lecture_has_a_video_or_notes():
    assert {p.stem for p in LECTURES} <= VIDEO_IDS.keys() | NOTES_URLS.keys()
