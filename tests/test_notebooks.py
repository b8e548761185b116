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


GRADED = [p for p in ALL if p.parent.name != "lectures"]  # solutions/<unit>/ and exercises/<unit>/


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_exercises_share_one_set_of_instructions_and_one_closing_cell(path):
    cells = nbformat.read(path, as_version=4).cells
    roles = [notebooks.role(c) for c in cells]
    if path.parent.name == "lectures":  # never in a lecture
        assert [r for r in roles if r] == ["colab-badge", "setup"]
        return
    assert cells[2].source.startswith("# "), "an exercise's first own cell is its title"
    assert roles[3] == "instructions" and cells[3].source == notebooks.INSTRUCTIONS
    assert roles[-1] == "closing" and cells[-1].source == notebooks.CLOSING
    assert [r for r in roles if r] == ["colab-badge", "setup", "instructions", "closing"]


EXERCISE_NUMBER = re.compile(r"E\d\d[a-z]?")  # E01, E02, ... (E01a, E01b: parts of one exercise)


@pytest.mark.parametrize("path", GRADED, ids=ids(GRADED))
def test_exercises_are_numbered_the_same_way_in_every_unit(path):
    cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
    headings = [line[3:] for c in cells for line in c.source.splitlines() if line.startswith("## ")]
    assert headings[-1] == "Done?"
    numbers = [h.split(" · ")[0] for h in headings[:-1]]
    assert numbers and all(EXERCISE_NUMBER.fullmatch(n) for n in numbers), f"section headings: {headings}"
    tables = [c.source for c in cells if "| exercise | task | points |" in c.source]
    assert len(tables) == 1, "the unit's introduction has one table of its exercises"
    lines = tables[0].splitlines()
    table = lines[lines.index("| exercise | task | points |") + 2:]  # after the header and its |---| line
    rows = [line.split("|")[1].strip() for line in table if line.startswith("|")]
    assert all(EXERCISE_NUMBER.fullmatch(r) for r in rows if r), f"table rows: {rows}"
    assert {n[:3] for n in numbers} == {r[:3] for r in rows if r}, f"sections {numbers}, table rows {rows}"


def edited_instructions(cells):
    cells[3].source = cells[3].source.replace("cost nothing", "cost a point")


def closing_moved_up(cells):
    cells.insert(5, cells.pop())


def closing_deleted(cells):
    cells.pop()


def instructions_before_the_title(cells):
    cells[2], cells[3] = cells[3], cells[2]


def instructions_copied(cells):
    copy = nbformat.from_dict(cells[3])
    copy["id"] = "a-copy"
    cells.insert(6, copy)


DRIFT = [edited_instructions, closing_moved_up, closing_deleted, instructions_before_the_title, instructions_copied]


@pytest.mark.parametrize("how", DRIFT, ids=lambda f: f.__name__)
def test_the_stamp_check_finds_drift_in_the_instructions_and_closing_cell(tmp_path, how):
    unit = "02_bigrams"
    path = tmp_path / "solutions" / unit / f"{unit}.ipynb"
    path.parent.mkdir(parents=True)
    original = nbformat.read(REPO / "solutions" / unit / f"{unit}.ipynb", as_version=4)
    nb = nbformat.from_dict(original)
    how(nb.cells)
    nbformat.write(nb, path)
    assert notebooks.stamp(tmp_path, path, check_only=True), f"{how.__name__}: not found by `nnzh stamp --check`"
    notebooks.stamp(tmp_path, path)
    restamped = nbformat.read(path, as_version=4)
    assert not notebooks.stamp(tmp_path, path, check_only=True)
    assert [c.source for c in restamped.cells] == [c.source for c in original.cells]
