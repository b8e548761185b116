"""Tolerant comparisons whose failure messages tell a learner what differs.

Every message names the quantity, and says whether the shape or the values differ; for values it gives
the largest absolute difference, where it occurs, the learner's value there and the tolerance used, never the
expected value. Where a wrong answer equals a
known mistake (computed by the test from the wrong formula), the message names that mistake in words.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import torch


def as_float64(value: Any, name: str) -> torch.Tensor:
    """A float64 tensor from a number, a numpy array, a tensor (tracking gradients or not), or a (nested) list or
    tuple of these; a clear error otherwise. Silent: any allowed container is converted without a warning."""
    if isinstance(value, torch.Tensor):
        return value.detach().to(torch.float64).cpu()
    if isinstance(value, (list, tuple)) and any(isinstance(v, (torch.Tensor, np.ndarray, list, tuple)) for v in value):
        # Element by element: torch.as_tensor warns on a list of arrays and refuses a list of 1-D tensors.
        parts = [as_float64(v, f"{name}[{i}]") for i, v in enumerate(value)]
        shapes = {tuple(p.shape) for p in parts}
        if len(shapes) > 1:
            raise AssertionError(f"{name}: its elements have different shapes {sorted(shapes)}; expected one shape")
        return torch.stack(parts)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if isinstance(value, (np.ndarray, np.generic)):
                return torch.from_numpy(np.asarray(value, dtype=np.float64))
            return torch.as_tensor(value, dtype=torch.float64)
    except (TypeError, ValueError, RuntimeError) as err:
        raise AssertionError(
            f"{name}: expected a number, a list of numbers or a tensor, got {type(value).__name__} ({err})"
        ) from None


def _close(actual: torch.Tensor, expected: torch.Tensor, atol: float, rtol: float) -> bool:
    return actual.shape == expected.shape and bool(
        torch.all(torch.abs(actual - expected) <= atol + rtol * torch.abs(expected))
    )


def assert_close(
    name: str,
    actual: Any,
    expected: Any,
    *,
    atol: float,
    rtol: float,
    mistakes: Mapping[str, Any] | None = None,
) -> None:
    """Pass if ``|actual - expected| <= atol + rtol * |expected|`` elementwise, with equal shapes.

    ``mistakes`` maps a description of a plausible error to the value that error would produce (or to a
    function returning it, called only on failure); a failing ``actual`` that matches one (within the same
    tolerance) gets that description in the message.
    """
    got = as_float64(actual, name)
    want = as_float64(expected, name)
    if got.shape == want.shape and _close(got, want, atol, rtol):
        return

    if got.shape != want.shape:
        problem = f"shape {tuple(got.shape)} but expected shape {tuple(want.shape)}"
    elif not torch.all(torch.isfinite(got)):
        bad = (~torch.isfinite(got)).nonzero()[0].tolist()
        problem = f"non-finite value {got[tuple(bad)].item()} at index {tuple(bad)}"
    else:
        diff = torch.abs(got - want)
        worst = divmod_index(int(torch.argmax(diff)), tuple(want.shape))
        outside = int((diff > atol + rtol * torch.abs(want)).sum())
        where = f" at index {worst}" if want.dim() else ""
        # The learner's own value is shown, never the expected one: a hidden test must not hand out its answer.
        problem = (
            f"max abs diff {diff.max().item():.3g}{where} (your value there: {got[worst].item():.10g}); "
            f"{outside} of {want.numel()} value(s) outside tolerance atol={atol:g}, rtol={rtol:g}"
        )
    message = f"{name}: {problem}."
    for description, wrong in (mistakes or {}).items():
        wrong_t = as_float64(wrong() if callable(wrong) else wrong, description)
        if _close(got, wrong_t, atol, rtol):
            message += f"\n  This is exactly what a known mistake gives: {description}."
            break
    raise AssertionError(message)


def divmod_index(flat: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    """The multi-dimensional index of position ``flat`` in a row-major tensor of ``shape``."""
    index = []
    for size in reversed(shape):
        flat, rest = divmod(flat, size)
        index.append(rest)
    return tuple(reversed(index))
