"""Look inside micrograd-style computation graphs.

Two helpers for the course notebooks:

* ``topological_order(root)`` lists every node of the graph below ``root``,
  children before parents. ``backward()`` walks this list in reverse.
* ``draw_graph(root)`` draws the graph with plain matplotlib and returns the
  Figure.

Both are duck typed. A node needs ``._prev`` (its children, a set or tuple).
``draw_graph`` also reads ``.data``, ``.grad``, ``._op`` (a string, possibly
empty) and, if present, ``.label``. Karpathy draws these graphs with graphviz.
We use matplotlib only, so the drawing works on a fresh machine, in JupyterLab
and in Colab, with no system packages to install.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

__all__ = ["topological_order", "draw_graph"]


def _children(node):
    return getattr(node, "_prev", ()) or ()


def topological_order(root) -> list:
    """Return every node reachable from ``root``, each child before its parents.

    The leaves come first and ``root`` comes last. Each node appears exactly
    once. Nodes are keyed by ``id()``, because Value classes overload operators
    and may define ``__eq__``/``__hash__`` in ways that do not mean "same node".
    We use an explicit stack, not recursion, so a chain 100,000 nodes deep works
    just as well as a small expression. (Python's recursion limit is about
    1,000.)
    """
    return _topological_order(root, _children)


def _topological_order(root, children):
    order, seen = [], set()
    stack = [(root, False)]          # (node, are its children already done?)
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)       # every child was appended before this
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))   # come back once the children are done
        for child in reversed(list(children(node))):   # first child on top
            if id(child) not in seen:
                stack.append((child, False))
    return order


# --- drawing -----------------------------------------------------------------
# Layout sizes are in inches. The axes fill the whole figure, so one data unit
# is one inch, and we can size boxes from the character count of a monospace
# font that ships with matplotlib. At a notebook's 100 dpi, 9-point text is as
# large as the text around the figure as long as the figure is not shrunk to
# fit the page: hence the width limit ``max_width`` below.
_FONT = dict(family="DejaVu Sans Mono", fontsize=9)
_CHAR_W = 0.602 * 9 / 72      # DejaVu Sans Mono advance width is 0.602 em
_LINE_H = 0.17                # one line of text inside a value box
_PAD = 0.08                   # padding inside a value box, each side
_GAP_ACROSS = 0.18            # between neighbouring nodes of one rank
_GAP_ALONG = 0.32             # between ranks (columns left to right, rows top down)
_MARGIN = 0.12
_MAX_WIDTH = 10.0             # inches: about 1,000 pixels, a notebook's width


def _fields(v):
    """The lines of a value box: optional label, data, grad."""
    def num(x):
        try:
            return f"{float(x):.4f}"
        except (TypeError, ValueError):
            return str(x)
    fields = []
    label = getattr(v, "label", "")
    if label:
        fields.append(str(label))
    fields.append(f"data {num(v.data)}")
    if hasattr(v, "grad"):
        fields.append(f"grad {num(v.grad)}")
    return fields


def _sort_key(v):
    try:
        data = f"{float(v.data):+.6e}"
    except (TypeError, ValueError):
        data = str(v.data)
    return str(getattr(v, "label", "") or ""), str(getattr(v, "_op", "") or ""), data


def _op_radius(op):
    return max(0.16, 0.5 * len(op) * _CHAR_W + 0.06)


def draw_graph(root, *, title=None, max_nodes=200, direction="auto", max_width=_MAX_WIDTH) -> Figure:
    """Draw the computation graph that ends in ``root``.

    Each value is a rounded box with its label (bold), ``data`` and ``grad``
    on three lines. A value made by an operation gets a small circle with the
    op's symbol, placed between its inputs and itself. Arrows show how data
    flows: inputs -> op -> result.

    ``direction`` is ``"LR"`` (left to right, as in the video), ``"TB"`` (top
    to bottom) or ``"auto"``: left to right when that drawing is at most
    ``max_width`` inches wide, else top to bottom, which keeps long chains
    readable at a notebook's width (they grow downwards instead).

    Returns the matplotlib Figure. In a notebook, make it the last expression
    of a cell, or pass it to ``display()``. Raises ``ValueError`` when the
    graph has more than ``max_nodes`` values, because such a drawing would be
    unreadable anyway.
    """
    if direction not in ("auto", "LR", "TB"):
        raise ValueError(f"draw_graph: direction must be 'auto', 'LR' or 'TB', not {direction!r}")
    # ``_prev`` is often a set, whose order changes from run to run. Visit the
    # children in a fixed order instead, so the same graph is always drawn the
    # same way (and with the same figure size).
    values = _topological_order(root, lambda v: sorted(_children(v), key=_sort_key))
    if len(values) > max_nodes:
        raise ValueError(
            f"draw_graph: this graph has {len(values)} nodes, more than "
            f"max_nodes={max_nodes}. Draw a smaller expression, or pass a "
            f"larger max_nodes= if you really want to see it all."
        )
    graph = _Graph(values)
    if direction == "auto":
        direction = "LR" if graph.layout("LR")[1] <= max_width else "TB"
    return graph.draw(direction, title)


class _Graph:
    """The visual nodes (values and op circles), their edges and ranks."""

    def __init__(self, values):
        # 1. Visual nodes and edges. A value's key is ("v", id), its op's ("o", id).
        self.nodes = nodes = {}        # key -> ("value", obj) or ("op", op string)
        self.preds, self.succs = preds, succs = {}, {}  # key -> list of keys

        def add_edge(a, b):
            if b not in succs[a]:      # a tuple _prev may repeat a child (a + a)
                succs[a].append(b)
                preds[b].append(a)

        for v in values:
            k = ("v", id(v))
            nodes[k] = ("value", v)
            preds[k], succs[k] = [], []
        for v in values:
            kids = list(_children(v))
            if not kids:
                continue
            target = ("v", id(v))
            op = str(getattr(v, "_op", "") or "")
            if op:
                target_op = ("o", id(v))
                nodes[target_op] = ("op", op)
                preds[target_op], succs[target_op] = [], []
                add_edge(target_op, ("v", id(v)))
                target = target_op
            for c in kids:
                add_edge(("v", id(c)), target)

        # 2. Ranks: the longest path from a leaf. ``values`` lists children
        #    first, so one pass is enough. An op sits one rank before its value.
        self.rank = rank = {}
        for v in values:
            k, o = ("v", id(v)), ("o", id(v))
            if not preds[k]:
                rank[k] = 0
            elif o in nodes:                       # value made by an op
                rank[o] = max(rank[c] for c in preds[o]) + 1
                rank[k] = rank[o] + 1
            else:                                  # children but no op name
                rank[k] = max(rank[c] for c in preds[k]) + 1
        # Leaves all start in rank 0. A constant used late in the expression
        # (the bias ``b`` of a neuron, say) is easier to read when it sits just
        # before its first use than when its arrow crosses the whole picture.
        for k in rank:
            if not preds[k] and succs[k]:
                rank[k] = min(rank[s] for s in succs[k]) - 1
        n = max(rank.values()) + 1
        self.ranks = ranks = [[] for _ in range(n)]
        for k in nodes:                            # children first: a fair start
            ranks[rank[k]].append(k)

        # 3. Order within each rank: a few barycenter sweeps. A node moves
        #    towards the mean position of its neighbours, so edges cross little.
        pos = {}

        def place(r):
            for i, k in enumerate(r):
                pos[k] = i - (len(r) - 1) / 2

        for r in ranks:
            place(r)
        for _sweep in range(4):
            for rng, nbrs in ((range(1, n), preds), (range(n - 2, -1, -1), succs)):
                for ri in rng:
                    ranks[ri].sort(key=lambda k: sum(pos[m] for m in nbrs[k]) / len(nbrs[k])
                                   if nbrs[k] else pos[k])
                    place(ranks[ri])

    def size(self, k):
        """(width, height) of a node in inches."""
        kind, obj = self.nodes[k]
        if kind == "op":
            d = 2 * _op_radius(obj)
            return d, d
        lines = _fields(obj)
        return max(len(s) for s in lines) * _CHAR_W + 2 * _PAD, len(lines) * _LINE_H + 2 * _PAD

    def layout(self, direction):
        """Centres {key: (x, y)} (y grows downwards), and the drawing's width and height, in inches."""
        preds, succs, nodes, ranks = self.preds, self.succs, self.nodes, self.ranks
        across = (lambda k: self.size(k)[1]) if direction == "LR" else (lambda k: self.size(k)[0])
        along = (lambda k: self.size(k)[0]) if direction == "LR" else (lambda k: self.size(k)[1])

        # 4. Positions across the ranks: start packed, then move each node to
        #    the mean position of its inputs (so an op circle sits level with
        #    its inputs and a value level with its op), keeping the order and
        #    the spacing. Leaves have no inputs: they follow the nodes they feed.
        c = {}
        for r in ranks:
            at = 0.0
            for i, k in enumerate(r):
                if i:
                    at += (across(r[i - 1]) + across(k)) / 2 + _GAP_ACROSS
                c[k] = at
            for k in r:
                c[k] -= at / 2

        def settle(r, nbrs):
            want = [sum(c[m] for m in nbrs[k]) / len(nbrs[k]) if nbrs[k] else c[k] for k in r]
            new = list(want)
            for i in range(1, len(r)):             # push on to keep the spacing
                new[i] = max(new[i], new[i - 1] + (across(r[i - 1]) + across(r[i])) / 2 + _GAP_ACROSS)
            # Shift the rank back towards where it wanted to be. Leaves count
            # less, so a chain of ops stays straight and the leaves make room.
            wts = [1.0 if preds[k] else 0.2 for k in r]
            shift = sum(wt * (w - m) for wt, w, m in zip(wts, want, new)) / sum(wts)
            for k, m in zip(r, new):
                c[k] = m + shift

        leaf_succs = {k: (succs[k] if not preds[k] else []) for k in nodes}
        for _sweep in range(6):
            for ri in range(len(ranks) - 1, -1, -1):   # leaves towards their users
                settle(ranks[ri], leaf_succs)
            for ri in range(len(ranks)):               # everything else to its inputs
                settle(ranks[ri], preds)

        # 5. Positions along the ranks, from the largest node of each rank.
        a, at = {}, _MARGIN
        for r in ranks:
            extent = max(along(k) for k in r)
            for k in r:
                a[k] = at + extent / 2
            at += extent + _GAP_ALONG
        length = at - _GAP_ALONG + _MARGIN
        lo = min(c[k] - across(k) / 2 for k in nodes) - _MARGIN
        hi = max(c[k] + across(k) / 2 for k in nodes) + _MARGIN
        if direction == "LR":
            return {k: (a[k], c[k] - lo) for k in nodes}, length, hi - lo
        return {k: (c[k] - lo, a[k]) for k in nodes}, hi - lo, length

    def draw(self, direction, title):
        centre, fig_w, height = self.layout(direction)
        top_pad = 0.4 if title else 0.0
        fig_h = height + top_pad

        # 6. Draw. pyplot creates the figure (so it gets the notebook's canvas), then
        #    we close it there: the caller shows the returned Figure exactly once.
        fig = plt.figure(figsize=(fig_w, fig_h))
        plt.close(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, fig_w)
        ax.set_ylim(-height, top_pad)              # plot -y: rows grow downwards
        ax.set_axis_off()

        def xy(k):
            x, y = centre[k]
            return x, -y

        for k, (kind, obj) in self.nodes.items():
            cx, cy = xy(k)
            if kind == "op":
                ax.add_patch(Circle((cx, cy), _op_radius(obj), fc="#fde9c9", ec="#b07020", lw=1.0, zorder=2))
                ax.text(cx, cy, obj, ha="center", va="center", zorder=3, **_FONT)
                continue
            lines = _fields(obj)
            has_label = bool(getattr(obj, "label", ""))
            w, h = self.size(k)
            ax.add_patch(FancyBboxPatch(
                (cx - w / 2, cy - h / 2), w, h, boxstyle="round,pad=0,rounding_size=0.06",
                fc="#ddeeff" if self.preds[k] else "#e8f5e0", ec="#345", lw=1.0, zorder=2))
            top = cy + h / 2 - _PAD
            for i, line in enumerate(lines):
                ax.text(cx, top - (i + 0.5) * _LINE_H, line, ha="center", va="center", zorder=3,
                        fontweight="bold" if i == 0 and has_label else "normal", **_FONT)
            if has_label:                          # a rule under the label
                ax.plot([cx - w / 2, cx + w / 2], [top - _LINE_H] * 2, color="#345", lw=0.6, zorder=3)

        def attach(k, towards, outgoing):
            """Where an arrow leaves or enters node ``k``."""
            cx, cy = xy(k)
            kind, obj = self.nodes[k]
            if kind == "value":
                w, h = self.size(k)
                if direction == "LR":
                    return (cx + w / 2, cy) if outgoing else (cx - w / 2, cy)
                return (cx, cy - h / 2) if outgoing else (cx, cy + h / 2)
            tx, ty = towards
            dx, dy = tx - cx, ty - cy
            d = (dx * dx + dy * dy) ** 0.5 or 1.0
            r = _op_radius(obj)
            return cx + r * dx / d, cy + r * dy / d

        for a in self.nodes:
            for b in self.succs[a]:
                start = attach(a, xy(b), outgoing=True)
                end = attach(b, start, outgoing=False)
                ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=9, lw=0.9,
                                             color="#555", shrinkA=0, shrinkB=1, zorder=1))
        if title:
            ax.text(fig_w / 2, top_pad / 2, title, ha="center", va="center", fontsize=11, fontweight="bold")
        return fig
