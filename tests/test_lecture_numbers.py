"""Every measured number a lecture's prose quotes is one its own outputs print.

A decimal or a percentage in a markdown cell (outside formulas, code spans and links) must round, at the precision
it is quoted with, from a number printed in that notebook's outputs, or be a setting spelled the same in its code.
Figures quoted from the video or a paper are listed in QUOTED with where they come from; a figure the prose derives
from printed ones (a gap, a difference) is listed in DERIVED with its arithmetic, and the test redoes that arithmetic
from printed numbers. Re-run a lecture and change a result, and a stale sentence fails here.
"""

from __future__ import annotations

import ast
import operator
import re

import nbformat
import pytest

from tests.conftest import REPO

LECTURES = sorted((REPO / "lectures").glob("*.ipynb"))

# Figures from outside the notebook: {lecture: {quoted text: source}}.
QUOTED: dict[str, dict[str, str]] = {}

# Figures derived from printed ones: {lecture: {quoted text: arithmetic on printed numbers}}.
DERIVED: dict[str, dict[str, str]] = {}

PROSE_NUMBER = re.compile(r"(?<![\w.\-−])(\d+\.\d+|\d+(?:\.\d+)?\s?%)(?![\w.]*\d)")
PRINTED_NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?(?:e[-+]?\d+)?")
NOT_PROSE = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$|\]\([^)]*\)|<[^>]*>|`[^`]*`", re.DOTALL)


def printed_numbers(nb) -> set[float]:
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            stream = out.output_type == "stream"
            texts.append(out.get("text", "") if stream else out.get("data", {}).get("text/plain", ""))
    return {float(m.group().replace(",", "")) for m in PRINTED_NUMBER.finditer("\n".join(texts))}


def code_literals(nb) -> set[str]:
    return {m.group() for c in nb.cells if c.cell_type == "code" for m in PRINTED_NUMBER.finditer(c.source)}


def prose_numbers(nb):
    """(cell index, quoted text, value, decimals, is a percentage) for each number in the prose."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for m in PROSE_NUMBER.finditer(NOT_PROSE.sub(" ", cell.source)):
            text = m.group(1)
            digits = text.rstrip("% ")
            yield i, text, float(digits), len(digits.partition(".")[2]), text.endswith("%")


def backed(value: float, decimals: int, percent: bool, printed: set[float]) -> bool:
    return any(round(p, decimals) == value or (percent and round(100 * p, decimals) == value) for p in printed)


OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluate(expression: str, printed: set[float]) -> float:
    """The value of +, -, *, / arithmetic whose every number must be printed by the notebook."""
    def walk(node):
        if isinstance(node, ast.BinOp) and type(node.op) in OPS:
            return OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            assert node.value in printed, f"{node.value} (in {expression!r}) is not printed by the notebook"
            return node.value
        raise ValueError(f"unsupported arithmetic in {expression!r}")
    return walk(ast.parse(expression, mode="eval").body)


@pytest.mark.parametrize("path", LECTURES, ids=[p.stem for p in LECTURES])
def test_every_number_in_the_prose_is_printed_by_the_notebook(path):
    nb = nbformat.read(path, as_version=4)
    printed, literals = printed_numbers(nb), code_literals(nb)
    quoted, derived = QUOTED.get(path.stem, {}), DERIVED.get(path.stem, {})
    for text, expression in derived.items():
        digits = text.rstrip("% ")
        value = evaluate(expression, printed)
        assert round(value, len(digits.partition(".")[2])) == float(digits), f"{text} is not {expression} = {value}"
    unbacked = [f"cell {i}: {text}" for i, text, value, decimals, percent in prose_numbers(nb)
                if text not in quoted and text not in derived and text.rstrip("% ") not in literals
                and not backed(value, decimals, percent, printed)]
    assert not unbacked, (f"{path.name}: numbers in the prose that no output prints (re-run, fix the sentence, or "
                          f"list a video/paper figure in QUOTED): {unbacked}")


def test_allow_lists_name_real_lectures_and_real_quotes():
    for table in (QUOTED, DERIVED):
        for stem, figures in table.items():
            path = REPO / "lectures" / f"{stem}.ipynb"
            assert path.is_file(), stem
            quoted = {text for _, text, *_ in prose_numbers(nbformat.read(path, as_version=4))}
            assert set(figures) <= quoted, f"{stem}: listed but not in the prose: {set(figures) - quoted}"
