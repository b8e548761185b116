"""nbval compares a lecture's re-run outputs with the stored ones; here, decimals within a tolerance.

Floating-point results differ in their last digits across CPUs (AVX-512 or AVX2, x86-64 or ARM) and thread counts:
a loss printed as 0.2642 on one machine is 0.2641 on another after 1,000 steps. Rounding both before comparing is
not enough (a value on a rounding edge still flips), so each decimal number is compared with a tolerance instead,
while everything else in the text (words, integers such as counts and shapes, the layout) must match exactly.
A real change (another seed, learning rate or formula) moves a printed loss by far more than the tolerance.
"""

from __future__ import annotations

import re

# A decimal number: digits with a point, or in exponent notation. Integers are not matched: they stay exact.
DECIMAL = re.compile(r"-?\d+\.\d+(?:[eE][-+]?\d+)?|-?\d+[eE][-+]?\d+")
RTOL = 1e-3  # relative: 2.2622 vs 2.2625 after 200,000 steps on two CPUs is 1.3e-4


def _last_place(text: str) -> float:
    """One unit in the last printed digit: 0.2642 -> 1e-4."""
    mantissa, _, exponent = text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (-decimals + (int(exponent) if exponent else 0))


def numbers_close(a: str, b: str) -> bool:
    x, y = float(a), float(b)
    return abs(x - y) <= max(_last_place(a), _last_place(b)) + RTOL * max(abs(x), abs(y))


def texts_match(stored: str, fresh: str) -> bool:
    """Equal words and integers, and decimals each within one unit in the last place plus RTOL."""
    if stored == fresh:
        return True
    if DECIMAL.split(stored) != DECIMAL.split(fresh):
        return False
    return all(numbers_close(a, b) for a, b in zip(DECIMAL.findall(stored), DECIMAL.findall(fresh)))


class TolerantText(str):
    """A sanitised output string whose (in)equality is `texts_match`: what nbval's comparison calls."""

    def __eq__(self, other):
        return isinstance(other, str) and texts_match(str(self), str(other))

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = str.__hash__


def install() -> None:
    """Make nbval compare sanitised text outputs with `texts_match` (called from tests/conftest.py)."""
    from nbval.plugin import IPyNbCell

    original = IPyNbCell.sanitize
    if getattr(original, "tolerant", False):
        return

    def sanitize(self, s):
        s = original(self, s)
        return TolerantText(s) if isinstance(s, str) else s

    sanitize.tolerant = True
    IPyNbCell.sanitize = sanitize
