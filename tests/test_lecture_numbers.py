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

# Figures from outside the notebook: {lecture: {quoted text: source}}. Karpathy's notebooks are the stored outputs
# of github.com/karpathy/nn-zero-to-hero (lectures/makemore/); re-runs are in shared/reference/FACTS.md.
QUOTED: dict[str, dict[str, str]] = {
    "03_mlp": {
        "2.45": "lecture 02's count model: 2.4540 (2.4546 with add-one smoothing), printed there",
        "2.126": "Karpathy's makemore_part2_mlp notebook: train loss tensor(2.1260)",
        "2.170": "Karpathy's makemore_part2_mlp notebook: dev loss tensor(2.1701)",
        "2.1295": "Karpathy's part-2 notebook re-run, train (FACTS.md, unit 03)",
        "2.1666": "Karpathy's part-2 notebook re-run, dev (FACTS.md, unit 03)",
    },
    "04_batchnorm": {
        "2.40": "Karpathy's makemore_part3_bn notebook, the deeper network after ~1,000 steps: train 2.4003, "
                "val 2.3982",
    },
    "05_backprop_ninja": {
        "3.3377": "Karpathy's makemore_part4_backprop notebook: the first minibatch loss tensor(3.3377)",
        "2.0705": "Karpathy's makemore_part4_backprop notebook, exercise 4: train 2.0705",
        "2.1099": "Karpathy's makemore_part4_backprop notebook, exercise 4: val 2.1099",
        "2.0725": "Karpathy's part-4 notebook re-run, train (FACTS.md, unit 05)",
        "2.1111": "Karpathy's part-4 notebook re-run, val (FACTS.md, unit 05)",
        "2.0674": "lecture 04's BatchNorm MLP, train (printed there; also Karpathy's makemore_part3_bn notebook)",
        "2.1057": "lecture 04's BatchNorm MLP, val (printed there; also Karpathy's makemore_part3_bn notebook)",
    },
    "06_wavenet": {
        "1.7690284": "Karpathy's makemore_part5_cnn1 notebook, the final model: train 1.7690284252166748",
        "1.9936515": "Karpathy's makemore_part5_cnn1 notebook, the final model: val 1.9936515092849731",
    },
    "07_cnn": {
        "2010.11929": "the arXiv identifier of the ViT paper (Dosovitskiy et al., 2020), not a measurement",
    },
}

# Figures derived from printed ones: {lecture: {quoted text: arithmetic on printed numbers}}.
DERIVED: dict[str, dict[str, str]] = {
    "03_mlp": {"0.04": "2.1655 - 2.1220"},  # the train/dev gap of the 200,000-step run
    "06_wavenet": {"0.11": "2.1065 - 1.9937"},  # val: the 3-character MLP against the final model
}

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
