"""conda and pip describe one environment, pinned, and it is the one running."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version

import yaml

from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
COURSE = PYPROJECT["project"]["optional-dependencies"]["course"]


def test_environment_yml_installs_the_course_extra():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ["-e .[course]"]


def test_course_environment_is_pinned_and_torch_exactly():
    required = {"torch", "jupyterlab", "nbgrader", "matplotlib", "nbval", "papermill", "pytest", "tqdm", "ipywidgets"}
    pins = dict(re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", spec).groups() for spec in COURSE)
    assert required <= pins.keys()
    assert pins["torch"] == "2.13.0"


def test_the_running_environment_is_the_pinned_one():
    for spec in COURSE:
        name, pinned = spec.split("==")
        assert version(name).split("+")[0] == pinned, f"{name} {version(name)} installed, {pinned} pinned"
