"""Data: a mirror folder, the cache, a checked download from a local server, and clear errors."""

from __future__ import annotations

import hashlib
import http.server
import threading
from functools import partial

import pytest
import torch

from nnzh import data
from nnzh.data import NAMES, Dataset, DataError

def test_names_from_the_mirror_match_the_published_facts():
    names = data.load_names()
    assert len(names) == 32_033 and len(set(names)) == 29_494
    assert min(map(len, names)) == 2 and max(map(len, names)) == 15
    assert set("".join(names)) == set("abcdefghijklmnopqrstuvwxyz")


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
