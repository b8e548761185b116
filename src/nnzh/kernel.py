"""What the graded notebooks' setup cell does to the kernel's output.

nbgrader 0.9.6 scores a test cell 0 when anything in its output went to stderr, passed or not. A correct function
may well warn (torch's ``F.softmax`` without ``dim``, ``torch.tensor(a_tensor)``), print to stderr or log: none of
that may cost a point. So every exercise's locked setup cell sends stderr to stdout: the learner still reads each
warning, once per place as usual, and grading sees only the checks' own verdict (an error, or none).
"""

from __future__ import annotations

import sys
import warnings


def _show_warning(message, category, filename, lineno, file=None, line=None):
    # One short line, without the kernel's temporary file name (which says nothing to a learner).
    print(f"{category.__name__}: {message}", file=sys.stdout)


def send_stderr_to_stdout() -> None:
    """Route warnings, ``print(..., file=sys.stderr)`` and logging's last-resort output to stdout."""
    sys.stderr = sys.stdout
    warnings.showwarning = _show_warning
