"""Where the course lives and what it contains.

The repository address is kept here and nowhere else: `nnzh stamp` writes it into every notebook's
Open-in-Colab badge and setup cell, and a test checks the notebooks agree with this file. So is the table of units
(video, notes, data), which the stamped setup cells and the lecture tests read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPOSITORY = "nn-zero-to-hero-graded/course"  # GitHub owner/name of this course
BRANCH = "main"


@dataclass(frozen=True)
class Unit:
    id: str                      # the assignment id: lectures/<id>.ipynb, solutions/<id>/, exercises/<id>/
    video: str | None = None     # YouTube id of the video it follows (its public description lists the chapters)
    notes: str | None = None     # for a unit without a video: the notes its sections link to
    names: bool = False          # its notebooks read names.txt (their setup cell fetches it)


UNITS = (
    Unit("01_micrograd", video="VMj-3S1tku0"),
    Unit("02_bigrams", video="PaCmpygFfXo", names=True),
    Unit("03_mlp", video="TCH_1BHY58I", names=True),
    Unit("04_batchnorm", video="P6sfmUTpUmc", names=True),
    Unit("05_backprop_ninja", video="q8SA3rM6ckI", names=True),
    Unit("06_wavenet", video="t3YJ5hKiMQ0", names=True),
    Unit("07_cnn", notes="https://cs231n.github.io/convolutional-networks/"),  # the series has no CNN video
)
UNIT = {u.id: u for u in UNITS}


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


@dataclass(frozen=True)
class GradingDirs:
    """Where nbgrader keeps its state, as nbgrader_config.py says (the one place those folders are named)."""
    submitted: Path
    autograded: Path
    feedback: Path
    db_url: str

    @property
    def state(self) -> Path:
        """The folder holding the grading state (the submitted area's parent): logs and the private release."""
        return self.submitted.parent

    def notebook(self, kind: str, learner: str, assignment: str) -> Path:
        """``kind`` in {"submitted", "autograded"}: the learner's copy of the assignment's notebook."""
        return getattr(self, kind) / learner / assignment / f"{assignment}.ipynb"


def grading_dirs(root: Path) -> GradingDirs:
    from traitlets.config.loader import PyFileConfigLoader  # here: nbgrader's own config reader, not on Colab

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config().CourseDirectory
    db_url = config.db_url
    relative_sqlite = db_url.startswith("sqlite:///") and not db_url.startswith("sqlite:////")
    if relative_sqlite:  # nbgrader resolves it from the course root, where it runs; this process may be elsewhere
        db_url = f"sqlite:///{root.resolve() / db_url.removeprefix('sqlite:///')}"
    return GradingDirs(submitted=root / config.submitted_directory, autograded=root / config.autograded_directory,
                       feedback=root / config.feedback_directory, db_url=db_url)


def units(root: Path) -> list[str]:
    """Assignment ids (``01_micrograd``, ...) in course order: the folders of ``solutions/``."""
    return sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))


def colab_url(notebook_path: str) -> str:
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/{notebook_path}"


def pip_source() -> str:
    return f"git+https://github.com/{REPOSITORY}@{BRANCH}"
