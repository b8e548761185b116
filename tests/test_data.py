"""Data: a mirror folder, the cache, a checked download from a local server, and clear errors; the vocabulary, the
course split and the examples that units 02-06 share."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import random
import threading
from functools import partial

import pytest
import torch

from nnzh import data
from nnzh.data import NAMES, DataError, Dataset


def test_names_from_the_mirror_match_the_published_facts():
    names = data.load_names()
    assert len(names) == 32_033 and len(set(names)) == 29_494
    assert min(map(len, names)) == 2 and max(map(len, names)) == 15
    assert set("".join(names)) == set("abcdefghijklmnopqrstuvwxyz")


def test_vocabulary_is_the_videos_dot_then_the_sorted_letters():
    stoi, itos = data.vocabulary()
    assert stoi["."] == 0 and [itos[i] for i in range(27)] == list(".abcdefghijklmnopqrstuvwxyz")
    assert len(stoi) == len(itos) == 27 and all(itos[i] == s for s, i in stoi.items())
    assert list(stoi) == list("abcdefghijklmnopqrstuvwxyz.")  # the video's insertion order: letters, then '.'
    assert data.vocabulary(["ca", "b"]) == ({"a": 1, "b": 2, "c": 3, ".": 0}, {1: "a", 2: "b", 3: "c", 0: "."})


def test_course_split_is_the_videos_seed_42_shuffle_without_touching_its_input():
    names = data.load_names()
    before = list(names)
    train, dev, test = data.course_split(names)
    assert names == before, "course_split must shuffle a copy"
    assert (len(train), len(dev), len(test)) == (25_626, 3_203, 3_204)
    video = list(names)  # the video's cell: random.seed(42); random.shuffle(words); cut at 80 % and 90 %
    state = random.getstate()
    try:
        random.seed(42)
        random.shuffle(video)
    finally:
        random.setstate(state)
    n1, n2 = int(0.8 * len(video)), int(0.9 * len(video))
    assert (train, dev, test) == (video[:n1], video[n1:n2], video[n2:])
    assert data.course_split() == (train, dev, test), "the default is the names of names.txt"
    assert data.course_split(names) == (train, dev, test), "the same split every time"
    assert data.SPLIT_SEED == 42
    other = data.course_split([f"n{i}" for i in range(10)], seed=5)
    assert [len(p) for p in other] == [8, 1, 1] and sorted(sum(other, [])) == sorted(f"n{i}" for i in range(10))


def test_build_dataset_gives_contexts_padded_with_dots_and_an_end_token():
    X, Y = data.build_dataset(["emma"], 3)
    stoi, itos = data.vocabulary()
    assert X.dtype == Y.dtype == torch.int64
    assert ["".join(itos[i] for i in x) for x in X.tolist()] == ["...", "..e", ".em", "emm", "mma"]
    assert "".join(itos[i] for i in Y.tolist()) == "emma."
    assert data.build_dataset(["emma"], 3, stoi=stoi)[0].tolist() == X.tolist()
    X0, Y0 = data.build_dataset([], 4)
    assert X0.shape == (0, 4) and Y0.shape == (0,) and X0.dtype == Y0.dtype == torch.int64


@pytest.mark.parametrize("block_size", [3, 8])
def test_build_dataset_on_the_course_split(block_size):
    sizes = []
    for part in data.course_split():
        X, Y = data.build_dataset(part, block_size)
        assert X.shape == (len(Y), block_size) and Y.shape == (sum(len(w) + 1 for w in part),)
        sizes.append(len(Y))
    assert sizes == [182_625, 22_655, 22_866]  # the examples printed by lectures 03-06 (a fresh kernel's split)


def test_mirror_without_the_file_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(data.MIRROR_ENV, str(tmp_path))
    with pytest.raises(DataError, match="has no names.txt"):
        data.fetch(NAMES)


def test_a_corrupt_copy_is_refused(tmp_path, monkeypatch):
    (tmp_path / "names.txt").write_text("emma\nolivia\n")
    monkeypatch.setenv(data.MIRROR_ENV, str(tmp_path))
    with pytest.raises(DataError, match="expected 0a30b555"):
        data.fetch(NAMES)


@pytest.fixture
def local_server(tmp_path):
    """Serve tmp_path/served over HTTP on the loopback address only."""
    served = tmp_path / "served"
    served.mkdir()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield served, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_download_is_verified_cached_and_reused(tmp_path, monkeypatch, local_server):
    served, url = local_server
    payload = b"ava\nbob\n"
    (served / "tiny.txt").write_bytes(payload)
    tiny = Dataset("tiny.txt", f"{url}/tiny.txt", hashlib.sha256(payload).hexdigest())
    monkeypatch.delenv(data.MIRROR_ENV, raising=False)
    monkeypatch.setattr(data, "cache_dir", lambda: tmp_path / "cache")

    path = data.fetch(tiny)
    assert path == tmp_path / "cache" / "tiny.txt" and path.read_bytes() == payload
    (served / "tiny.txt").unlink()  # the second call must not need the network
    assert data.fetch(tiny) == path


def test_a_download_with_the_wrong_checksum_leaves_nothing_behind(tmp_path, monkeypatch, local_server):
    served, url = local_server
    (served / "tiny.txt").write_bytes(b"tampered\n")
    tiny = Dataset("tiny.txt", f"{url}/tiny.txt", hashlib.sha256(b"original\n").hexdigest())
    monkeypatch.delenv(data.MIRROR_ENV, raising=False)
    monkeypatch.setattr(data, "cache_dir", lambda: tmp_path / "cache")
    with pytest.raises(DataError, match="has sha256"):
        data.fetch(tiny)
    assert list((tmp_path / "cache").iterdir()) == []


def test_an_unreachable_source_says_how_to_work_offline(tmp_path, monkeypatch):
    monkeypatch.delenv(data.MIRROR_ENV, raising=False)
    monkeypatch.setattr(data, "cache_dir", lambda: tmp_path / "cache")
    missing = Dataset("x.txt", "http://127.0.0.1:9/x.txt", "0" * 64)  # port 9 (discard): refused
    with pytest.raises(DataError, match="set NNZH_DATA_MIRROR"):
        data.fetch(missing)


def test_digits_split_is_fixed_disjoint_and_covers_every_class():
    Xtr, Ytr, Xte, Yte = data.load_digits_split()
    assert Xtr.shape == (1437, 1, 8, 8) and Xte.shape == (360, 1, 8, 8)
    assert Ytr.shape == (1437,) and Yte.shape == (360,)
    assert 0 <= float(Xtr.min()) and float(Xtr.max()) == 1.0
    assert set(Ytr.tolist()) == set(Yte.tolist()) == set(range(10))
    again = data.load_digits_split()
    assert all(torch.equal(a, b) for a, b in zip((Xtr, Ytr, Xte, Yte), again)), "the split must not change"
    train_rows = {tuple(x.flatten().tolist()) for x in Xtr}
    assert not any(tuple(x.flatten().tolist()) in train_rows for x in Xte), "a test image is also a training image"


def idx_gz(values: list[int], shape: tuple[int, ...]) -> bytes:
    """A tiny gzip-compressed IDX file of unsigned bytes, MNIST's format."""
    header = bytes([0, 0, 8, len(shape)]) + b"".join(n.to_bytes(4, "big") for n in shape)
    return gzip.compress(header + bytes(values))


def test_mnist_is_read_from_a_mirror_with_its_checksums(tmp_path, monkeypatch):
    """The optional MNIST loader, on a fake two-image mirror (the real files need the network)."""
    images, labels = idx_gz([0, 255] * (2 * 28 * 28 // 2), (2, 28, 28)), idx_gz([7, 3], (2,))
    (tmp_path / "imgs.gz").write_bytes(images)
    (tmp_path / "labels.gz").write_bytes(labels)
    fake = (Dataset("imgs.gz", "http://127.0.0.1:9/imgs.gz", md5=hashlib.md5(images).hexdigest()),
            Dataset("labels.gz", "http://127.0.0.1:9/labels.gz", md5=hashlib.md5(labels).hexdigest()))
    monkeypatch.setitem(data.MNIST_FILES, "test", fake)
    monkeypatch.setenv(data.MIRROR_ENV, str(tmp_path))
    X, Y = data.load_mnist("test")
    assert X.shape == (2, 1, 28, 28) and X.dtype == torch.float32 and Y.tolist() == [7, 3]
    assert X[0, 0, 0, :2].tolist() == [0.0, 1.0]

    monkeypatch.setitem(data.MNIST_FILES, "test", (Dataset("imgs.gz", fake[0].url, md5="0" * 32), fake[1]))
    with pytest.raises(DataError, match="has md5"):
        data.load_mnist("test")

