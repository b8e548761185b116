"""Data sets, obtained by code with a checksum: never committed to the repository.

names.txt (makemore), and MNIST for those who want it (optional: nothing in the course or its tests needs it),
are looked up, in order, in
1. the mirror folder named by ``NNZH_DATA_MIRROR`` (offline machines, CI: ``../shared/data``);
2. the course's ``data/`` folder (a checkout) or ``~/.cache/nnzh`` (a notebook on its own, e.g. Colab);
3. downloaded from its public source into (2).
Every copy is verified against its sha256 before use; a wrong file is an error, never used silently.

What units 02-06 share is defined here once: ``vocabulary`` (``'.'`` is 0, ``a``...``z`` 1...26), ``course_split``
(the video's seed-42 80/10/10 split, on a copy) and ``build_dataset`` (``block_size`` contexts, one signature).
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
    sha256: str = ""
    md5: str = ""  # only where the publisher gives no sha256 (MNIST): still catches a corrupt or different file

    @property
    def checksum(self) -> tuple[str, str]:
        """(algorithm, expected hex digest)."""
        return ("sha256", self.sha256) if self.sha256 else ("md5", self.md5)


NAMES = Dataset(
    filename="names.txt",
    url="https://raw.githubusercontent.com/karpathy/makemore/master/names.txt",
    sha256="0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d",
)


class DataError(RuntimeError):
    """A data file that is missing, cannot be fetched, or fails its checksum."""


def cache_dir() -> Path:
    root = find_course_root()
    return root / "data" if root is not None else Path.home() / ".cache" / "nnzh"


def _verified(path: Path, dataset: Dataset) -> Path:
    algorithm, expected = dataset.checksum
    digest = hashlib.new(algorithm, path.read_bytes()).hexdigest()
    if digest != expected:
        raise DataError(
            f"{path} has {algorithm} {digest}, expected {expected}: the file is corrupt or a different "
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


# ------------------------------------------------------------------------------ what units 02-06 share about names
# One definition of the vocabulary, the course split and the (context, next character) examples, for every
# exercise, hidden test and lecture that does not teach them itself. Each is the video's own code, made safe to
# run twice (the split shuffles a copy) and given the one signature every unit uses.
SPLIT_SEED = 42  # the video's `random.seed(42)` before `random.shuffle(words)`


def vocabulary(words: list[str] | None = None) -> tuple[dict[str, int], dict[int, str]]:
    """``(stoi, itos)``, built as in the videos: ``'.'`` (start and end of a name) is 0, the sorted characters of
    ``words`` (default: the names of names.txt, giving ``a``...``z``) are 1, 2, ..."""
    words = load_names() if words is None else words
    chars = sorted(set("".join(words)))
    stoi = {s: i + 1 for i, s in enumerate(chars)}
    stoi["."] = 0
    itos = {i: s for s, i in stoi.items()}
    return stoi, itos


def course_split(words: list[str] | None = None, seed: int = SPLIT_SEED) -> tuple[list[str], list[str], list[str]]:
    """The course's 80/10/10 split ``(train, dev, test)`` of ``words`` (default: the names of names.txt).

    A fresh copy is shuffled with ``random.Random(seed).shuffle``, the same order as the video's
    ``random.seed(42); random.shuffle(words)`` gives, then cut at ``n1 = int(0.8 * n)`` and ``n2 = int(0.9 * n)``.
    ``words`` itself is never changed, so calling this twice gives the same split (shuffling an already shuffled
    list in place would not). For names.txt: 25,626 / 3,203 / 3,204 names."""
    import random

    shuffled = list(load_names() if words is None else words)
    random.Random(seed).shuffle(shuffled)
    n1, n2 = int(0.8 * len(shuffled)), int(0.9 * len(shuffled))
    return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]


def build_dataset(words: list[str], block_size: int, stoi: dict[str, int] | None = None):
    """``(X, Y)``: every context of ``block_size`` characters in ``words`` and the character that follows it.

    Each name is padded in front with ``block_size`` dots and ends with ``'.'``: ``emma`` with ``block_size`` 3
    gives ``...→e``, ``..e→m``, ``.em→m``, ``emm→a``, ``mma→.``, one example per character plus one for the end,
    the newest character on the right. ``X`` is an int64 tensor of shape ``(n_examples, block_size)``, ``Y`` the
    ``n_examples`` int64 targets, in the order of the words and their characters. ``stoi`` defaults to
    ``vocabulary()[0]`` (``'.'`` is 0, ``a``...``z`` 1...26)."""
    import torch

    stoi = vocabulary()[0] if stoi is None else stoi
    X, Y = [], []
    for w in words:
        context = [0] * block_size
        for ch in w + ".":
            ix = stoi[ch]
            X.append(context)
            Y.append(ix)
            context = context[1:] + [ix]  # crop the oldest character, append the new one
    return (torch.tensor(X, dtype=torch.int64).view(len(X), block_size),  # (0, block_size) for no words
            torch.tensor(Y, dtype=torch.int64))


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


# MNIST (optional, online): 28x28 digits, 60,000 training and 10,000 test images. The files and their MD5s are the
# ones PyTorch's own MNIST loader uses (Yann LeCun's original site no longer serves them reliably).
MNIST_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/"
MNIST_FILES = {
    "train": (Dataset("train-images-idx3-ubyte.gz", MNIST_URL + "train-images-idx3-ubyte.gz",
                      md5="f68b3c2dcbeaaa9fbdd348bbdeb94873"),
              Dataset("train-labels-idx1-ubyte.gz", MNIST_URL + "train-labels-idx1-ubyte.gz",
                      md5="d53e105ee54ea40749a09fcbcd1e9432")),
    "test": (Dataset("t10k-images-idx3-ubyte.gz", MNIST_URL + "t10k-images-idx3-ubyte.gz",
                     md5="9fb629c4189551a2d022fa330f9573f3"),
             Dataset("t10k-labels-idx1-ubyte.gz", MNIST_URL + "t10k-labels-idx1-ubyte.gz",
                     md5="ec29112dd5afa0611ce80d1b7f02629c")),
}


def read_idx(path: Path):
    """An IDX file (MNIST's format, gzip-compressed) as an integer tensor of the shape its header gives."""
    import gzip

    import numpy as np
    import torch

    raw = gzip.decompress(path.read_bytes())
    if raw[:2] != b"\x00\x00" or raw[2] != 0x08:  # two zero bytes, then 0x08: unsigned bytes
        raise DataError(f"{path} is not an IDX file of unsigned bytes")
    ndim = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(shape)):
        raise DataError(f"{path}: the header says {shape}, the file holds {data.size} values")
    return torch.from_numpy(data.copy()).view(shape)


def load_mnist(split: str = "train"):
    """MNIST's ``"train"`` or ``"test"`` split: images as float32 (N, 1, 28, 28) in [0, 1], labels as int64.

    Fetched like names.txt (mirror folder, cache, or a checked download), so it needs a network or a mirror; the
    course itself uses the offline ``load_digits_split``."""
    images_file, labels_file = MNIST_FILES[split]
    images = read_idx(fetch(images_file)).unsqueeze(1).float() / 255.0
    labels = read_idx(fetch(labels_file)).long()
    return images, labels
