"""Where the course lives and what it contains.

The repository address is kept here and nowhere else: `nnzh stamp` writes it into every notebook's
Open-in-Colab badge and setup cell, and a test checks the notebooks agree with this file.
"""

from __future__ import annotations

from pathlib import Path

REPOSITORY = "nn-zero-to-hero-graded/course"  # GitHub owner/name of this course
BRANCH = "main"


def find_course_root(start: Path | None = None) -> Path | None:
    """The course checkout containing ``start`` (default: the working directory), or None.

    A course root is a folder holding ``nbgrader_config.py`` and ``solutions/``. Autograded notebooks run deep
    inside ``autograder/``, lectures in ``lectures/``: walking up from the working directory finds their course.
    A notebook on its own (Colab) has none.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "nbgrader_config.py").is_file() and (folder / "solutions").is_dir():
            return folder
    return None


def units(root: Path) -> list[str]:
    """Assignment ids (``01_micrograd``, ...) in course order: the folders of ``solutions/``."""
    return sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))


def colab_url(notebook_path: str) -> str:
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/{notebook_path}"


def pip_source() -> str:
    return f"git+https://github.com/{REPOSITORY}@{BRANCH}"
