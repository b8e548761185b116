"""nnzh.graph: the course's topological order and graph drawing, on a minimal micrograd-like node."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.figure import Figure

from nnzh.graph import draw_graph, topological_order


class Node:
    def __init__(self, data, children=(), op="", label=""):
        self.data, self.grad, self._prev, self._op, self.label = data, 0.0, set(children), op, label

    def __eq__(self, other):  # like a Value that overloads ==: the helpers must key nodes by identity
        return True

    __hash__ = object.__hash__


def test_children_come_before_parents_each_once():
    a, b = Node(2.0, label="a"), Node(-3.0, label="b")
    e = Node(-6.0, (a, b), "*", "e")
    d = Node(4.0, (e, a), "+", "d")  # a is used twice
    order = topological_order(d)
    assert len(order) == 4 and len({id(n) for n in order}) == 4
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        assert all(position[id(c)] < position[id(node)] for c in node._prev)
    assert order[-1] is d


def test_a_chain_deeper_than_the_recursion_limit():
    node = Node(0.0)
    for _ in range(100_000):
        node = Node(0.0, (node,), "+")
    assert len(topological_order(node)) == 100_001


def test_draw_graph_labels_every_value_and_op():
    a, b = Node(2.0, label="a"), Node(-3.0, label="b")
    e = Node(-6.0, (a, b), "*", "e")
    e.grad = 1.0
    fig = draw_graph(e)
    assert isinstance(fig, Figure)
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    for expected in ("a", "b", "e", "*", "data -6.0000", "grad 1.0000"):
        assert expected in texts


def test_draw_graph_refuses_huge_graphs_clearly():
    node = Node(0.0)
    for _ in range(300):
        node = Node(0.0, (node,), "+")
    with pytest.raises(ValueError, match="nodes"):
        draw_graph(node)


def _chain(length):
    node = Node(1.0, label="x")
    for i in range(length):
        node = Node(1.0, (node, Node(0.5, label=f"c{i}")), "*", f"v{i}")
    return node


def test_draw_graph_stays_within_a_notebook_width():
    """A graph too wide for a notebook left to right is drawn top to bottom instead, so its text is not shrunk."""
    small, long = draw_graph(_chain(2)), draw_graph(_chain(12))
    assert small.get_size_inches()[0] > small.get_size_inches()[1]  # a short expression: left to right
    assert long.get_size_inches()[0] <= 10 < draw_graph(_chain(12), direction="LR").get_size_inches()[0]
    assert long.get_size_inches()[1] > long.get_size_inches()[0]    # the long one grows downwards


def test_draw_graph_direction_is_checked():
    with pytest.raises(ValueError, match="direction"):
        draw_graph(_chain(1), direction="RL")
