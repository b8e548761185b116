"""Data sets, obtained by code with a checksum: never committed to the repository.

names.txt (makemore): looked up, in order, in
1. the mirror folder named by ``NNZH_DATA_MIRROR`` (offline machines, CI: ``../shared/data``);
2. the course's ``data/`` folder (a checkout) or ``~/.cache/nnzh`` (a notebook on its own, e.g. Colab);
3. downloaded from its public source into (2).
Every copy is verified against its sha256 before use; a wrong file is an error, never used silently.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from nnzh.course import find_course_root

MIRROR_ENV = "NNZH_DATA_MIRROR"


@dataclass(frozen=True)
class Dataset:
    filename: str
    url: str
    sha256: str


NAMES = Dataset(
    filename="names.txt",
    url="https://raw.githubusercontent.com/karpathy/makemore/master/names.txt",
    sha256="0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d",
)


class DataError(RuntimeError):
    """A data file that is missing, cannot be fetched, or fails its checksum."""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cache_dir() -> Path:
    root = find_course_root()
    return root / "data" if root is not None else Path.home() / ".cache" / "nnzh"


def _verified(path: Path, dataset: Dataset) -> Path:
    digest = sha256_of(path)
    if digest != dataset.sha256:
        raise DataError(
            f"{path} has sha256 {digest}, expected {dataset.sha256}: the file is corrupt or a different "
            f"version. Delete it (or fix the mirror) and run again to fetch {dataset.url}."
        )
    return path


def fetch(dataset: Dataset = NAMES) -> Path:
    """The local path of a verified copy of ``dataset``, downloading it if no copy exists."""
    mirror = os.environ.get(MIRROR_ENV)
    if mirror:
        candidate = Path(mirror) / dataset.filename
        if not candidate.is_file():
            raise DataError(f"{MIRROR_ENV}={mirror} is set but has no {dataset.filename}")
        return _verified(candidate, dataset)

    target = cache_dir() / dataset.filename
    if target.is_file():
        return _verified(target, dataset)

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(dataset.url, timeout=60) as response:
            payload = response.read()
    except OSError as err:
        raise DataError(
            f"could not download {dataset.url} ({err}). On an offline machine, put {dataset.filename} in a "
            f"folder and set {MIRROR_ENV} to that folder."
        ) from err
    # Write to a temporary file and verify before renaming, so a failed download never leaves a bad copy.
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
        tmp.write(payload)
    try:
        _verified(Path(tmp.name), dataset)
    except DataError:
        os.unlink(tmp.name)
        raise
    os.replace(tmp.name, target)
    return target


def load_names() -> list[str]:
    """The 32,033 names of makemore's names.txt, in file order."""
    return fetch(NAMES).read_text().splitlines()


# ---------------------------------------------------------------------------------------------------- images
DIGITS_SPLIT_SEED = 42  # the course's fixed train/test split of scikit-learn's digits
DIGITS_TEST_SIZE = 360  # one image in five


def load_digits_split():
    """scikit-learn's bundled 8x8 handwritten digits (1,797 images, 10 classes), split the course's fixed way.

    Ships inside scikit-learn, so it works offline. Returns ``(Xtr, Ytr, Xte, Yte)``: images as float32 tensors of
    shape (N, 1, 8, 8) scaled from the data set's 0..16 to 0..1, labels as int64 tensors. The split is a seeded
    permutation (1,437 training and 360 test images), the same for every learner, test and lecture.
    """
    import torch
    from sklearn.datasets import load_digits  # imported here: only the image units need scikit-learn

    digits = load_digits()
    images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16.0
    labels = torch.tensor(digits.target, dtype=torch.int64)
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(DIGITS_SPLIT_SEED))
    test, train = order[:DIGITS_TEST_SIZE], order[DIGITS_TEST_SIZE:]
    return images[train], labels[train], images[test], labels[test]
