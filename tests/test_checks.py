"""assert_close: accepts within tolerance, and says what differs when it does not."""

import math
import warnings

import numpy as np
import pytest
import torch

from nnzh.checks import assert_close


def test_accepts_equal_values_in_any_container():
    assert_close("x", [1.0, 2.0], torch.tensor([1.0, 2.0]), atol=0, rtol=0)
    assert_close("x", np.array([[1.0]]), [[1.0 + 1e-12]], atol=1e-9, rtol=0)
    assert_close("x", 3, 3.0, atol=0, rtol=0)


def test_relative_tolerance_scales_with_the_expected_value():
    assert_close("big", 1e6 + 0.5, 1e6, atol=0, rtol=1e-6)
    with pytest.raises(AssertionError):
        assert_close("small", 1.5, 1.0, atol=0, rtol=1e-6)


def test_reports_shape_mismatch():
    with pytest.raises(AssertionError, match=r"probs: shape \(3,\) but expected shape \(2, 3\)"):
        assert_close("probs", [1.0, 2.0, 3.0], [[1.0, 2.0, 3.0]] * 2, atol=0, rtol=0)


def test_reports_max_abs_diff_its_index_and_the_tolerance():
    with pytest.raises(AssertionError) as err:
        assert_close("W", [[0.0, 1.0], [2.0, 3.25]], [[0.0, 1.0], [2.0, 3.0]], atol=1e-8, rtol=1e-5)
    message = str(err.value)
    assert "max abs diff 0.25 at index (1, 1)" in message
    assert "your value there: 3.25" in message and "1 of 4 value(s) outside tolerance atol=1e-08, rtol=1e-05" in message
    assert "expected" not in message.replace("expected shape", ""), "the expected value must not be given away"


def test_reports_non_finite_values():
    with pytest.raises(AssertionError, match="non-finite value nan at index"):
        assert_close("loss", [1.0, math.nan], [1.0, 2.0], atol=1, rtol=0)


def test_names_a_known_mistake_when_the_answer_matches_it():
    with pytest.raises(AssertionError, match="known mistake gives: forgot the factor 3"):
        assert_close("g", [1.0, 2.0], [3.0, 6.0], atol=1e-9, rtol=0,
                     mistakes={"sign error": [-3.0, -6.0], "forgot the factor 3": [1.0, 2.0]})
    with pytest.raises(AssertionError) as err:
        assert_close("g", [1.0, 2.5], [3.0, 6.0], atol=1e-9, rtol=0, mistakes={"forgot the factor 3": [1.0, 2.0]})
    assert "known mistake" not in str(err.value)


def test_rejects_things_that_are_not_numbers():
    with pytest.raises(AssertionError, match="expected a number, a list of numbers or a tensor, got str"):
        assert_close("x", "1.0", 1.0, atol=0, rtol=0)


def test_mistake_values_may_be_computed_lazily_only_on_failure():
    calls = []

    def expensive():
        calls.append(1)
        return [1.0]

    assert_close("x", [2.0], [2.0], atol=0, rtol=0, mistakes={"never needed": expensive})
    assert not calls
    with pytest.raises(AssertionError, match="known mistake gives: computed"):
        assert_close("x", [1.0], [2.0], atol=0, rtol=0, mistakes={"computed": expensive})


def test_accepts_every_allowed_container_silently():
    """Lists of tensors (1-D or 0-d, tracking gradients or not), numpy arrays and lists of them: no warning."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    loss = (x * x).sum()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_close("list of 1-D tensors", [x, x * 2], [[1.0, 2.0], [2.0, 4.0]], atol=0, rtol=0)
        assert_close("grad-tracking 0-d", loss, 5.0, atol=0, rtol=0)
        assert_close("list of 0-d tensors", [loss, loss.detach()], [5.0, 5.0], atol=0, rtol=0)
        assert_close("numpy", np.array([1.0, 2.0], dtype=np.float32), [1.0, 2.0], atol=0, rtol=0)
        assert_close("list of arrays", [np.ones(2), np.zeros(2)], [[1.0, 1.0], [0.0, 0.0]], atol=0, rtol=0)
        assert_close("mixed", (1.0, torch.tensor(2.0), np.float64(3.0)), [1.0, 2.0, 3.0], atol=0, rtol=0)


def test_ragged_lists_are_refused_in_words():
    with pytest.raises(AssertionError, match="its elements have different shapes"):
        assert_close("rows", [torch.ones(2), torch.ones(3)], [[1.0, 1.0]], atol=0, rtol=0)
