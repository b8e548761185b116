"""Reference recording and comparison."""

from __future__ import annotations

import json

import pytest
import torch

from nnzh import references
from nnzh.grading import grade, grading_env
from nnzh.references import ALSO_RECORD_ENV, RECORD_ENV, References, compare_files
from tests.conftest import REPO
from tests.submissions import build_edited
from tests.submissions.unit_01_micrograd import MISTAKES


def test_record_then_check_round_trip(tmp_path, monkeypatch):
    out = tmp_path / "unit.json"
    monkeypatch.setenv(RECORD_ENV, str(out))
    References("unit").check("grads", torch.tensor([[1.0, 2.0], [3.0, 4.0]]), atol=1e-6, rtol=0)
    stored = json.loads(out.read_text())
    assert stored["values"]["grads"]["shape"] == [2, 2] and stored["values"]["grads"]["atol"] == 1e-6

    monkeypatch.delenv(RECORD_ENV)
    monkeypatch.setenv(references.DIR_ENV, str(tmp_path))
    ref = References("unit")
    ref.check("grads", [[1.0, 2.0], [3.0, 4.0 + 1e-7]], atol=1e-6, rtol=0)
    with pytest.raises(AssertionError, match=r"grads: max abs diff 0.5 at index \(1, 0\)"):
        ref.check("grads", [[1.0, 2.0], [3.5, 4.0]], atol=1e-6, rtol=0)
    with pytest.raises(KeyError, match="no reference named 'other'"):
        ref.check("other", 1.0, atol=0, rtol=0)


def test_also_record_compares_and_records(tmp_path, monkeypatch):
    """The suite's mode for grading a solution: a wrong value still fails, and every value checked is recorded."""
    monkeypatch.setenv(RECORD_ENV, str(tmp_path / "unit.json"))
    References("unit").check("x", torch.tensor([1.0, 2.0]), atol=1e-6, rtol=0)
    monkeypatch.delenv(RECORD_ENV)
    monkeypatch.setenv(references.DIR_ENV, str(tmp_path))
    monkeypatch.setenv(ALSO_RECORD_ENV, str(tmp_path / "again.json"))
    ref = References("unit")
    with pytest.raises(AssertionError, match="max abs diff 0.5"):
        ref.check("x", [1.0, 2.5], atol=1e-6, rtol=0)
    assert json.loads((tmp_path / "again.json").read_text())["values"]["x"]["data"] == [1.0, 2.5]
    assert compare_files(tmp_path / "again.json", tmp_path / "unit.json")  # the drift is reported


def test_recording_a_name_twice_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(RECORD_ENV, str(tmp_path / "u.json"))
    References("u").check("x", 1.0, atol=0, rtol=0)
    with pytest.raises(ValueError, match="recorded twice"):
        References("u").check("x", 1.0, atol=0, rtol=0)


def test_compare_files_reports_drift_and_missing_names(tmp_path, monkeypatch):
    for name, value in (("old", 1.0), ("new", 1.1)):
        monkeypatch.setenv(RECORD_ENV, str(tmp_path / f"{name}.json"))
        References("u").check("x", value, atol=1e-3, rtol=0)
    monkeypatch.setenv(RECORD_ENV, str(tmp_path / "new.json"))
    References("u").check("y", 2.0, atol=0, rtol=0)
    problems = compare_files(tmp_path / "new.json", tmp_path / "old.json")
    assert any(p.startswith("x: max abs diff 0.1") for p in problems)
    assert "y: not in the committed file" in problems


@pytest.mark.slow
def test_grading_never_records(course, monkeypatch, tmp_path):
    """With the record switch left set in an instructor's shell, a wrong submission still loses its points."""
    monkeypatch.setenv(RECORD_ENV, str(tmp_path / "must-not-be-written.json"))
    assert RECORD_ENV not in grading_env()
    mistake = next(m for m in MISTAKES if m.learner == "exp_overwrites_grad")
    folder = build_edited(REPO, "01_micrograd", mistake, tmp_path / "submission")
    result = grade(course, ["01_micrograd"], {"learner": folder})[0]
    assert result.points()["test_value_exp"] == 0
    assert not (tmp_path / "must-not-be-written.json").exists()
