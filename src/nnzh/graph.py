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
# font that ships with matplotlib.
_FONT = dict(family="DejaVu Sans Mono", fontsize=9)
_CHAR_W = 0.602 * 9 / 72      # DejaVu Sans Mono advance width is 0.602 em
_BOX_H = 0.34                 # height of a value box
_PAD = 0.10                   # horizontal padding inside each box field
_ROW = 0.58                   # vertical distance between neighbouring nodes
_GAP = 0.45                   # horizontal gap between columns
_MARGIN = 0.15


def _fields(v):
    """The text fields of a value box: optional label, data, grad."""
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
    return max(0.17, 0.5 * len(op) * _CHAR_W + 0.06)


def draw_graph(root, *, title=None, max_nodes=200) -> Figure:
    """Draw the computation graph that ends in ``root``, left to right.

    Each value is a rounded box ``label | data | grad``. A value made by an
    operation gets a small circle with the op's symbol, placed between its
    inputs and itself. Arrows show how data flows: inputs -> op -> result.

    Returns the matplotlib Figure. In a notebook, make it the last expression
    of a cell, or pass it to ``display()``. Raises ``ValueError`` when the
    graph has more than ``max_nodes`` values, because such a drawing would be
    unreadable anyway.
    """
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

    # 1. Visual nodes and edges. A value's key is ("v", id), its op's ("o", id).
    nodes = {}                 # key -> ("value", obj) or ("op", op string)
    preds, succs = {}, {}      # key -> list of keys (left / right neighbours)

    def add_edge(a, b):
        if b not in succs[a]:  # a tuple _prev may repeat a child (a + a)
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

    # 2. Columns: the longest path from a leaf. ``values`` lists children first,
    #    so one pass is enough. An op circle sits one column before its value.
    col = {}
    for v in values:
        k, o = ("v", id(v)), ("o", id(v))
        if not preds[k]:
            col[k] = 0
        elif o in nodes:                       # value made by an op
            col[o] = max(col[c] for c in preds[o]) + 1
            col[k] = col[o] + 1
        else:                                  # children but no op name
            col[k] = max(col[c] for c in preds[k]) + 1
    # Leaves all start in column 0. A constant used late in the expression
    # (the bias ``b`` of a neuron, say) is easier to read when it sits just
    # before its first use than when its arrow crosses the whole picture.
    for k in col:
        if not preds[k] and succs[k]:
            col[k] = min(col[s] for s in succs[k]) - 1

    ncols = max(col.values()) + 1
    columns = [[] for _ in range(ncols)]
    for k in nodes:                            # children first: a fair start
        columns[col[k]].append(k)

    # 3. Order within each column: a few barycenter sweeps. A node moves
    #    towards the mean position of its neighbours, so edges cross little.
    pos = {}

    def place(c):                              # centred index within its column
        for i, k in enumerate(c):
            pos[k] = i - (len(c) - 1) / 2

    for c in columns:
        place(c)
    for _sweep in range(4):
        for rng, nbrs in ((range(1, ncols), preds), (range(ncols - 2, -1, -1), succs)):
            for ci in rng:
                columns[ci].sort(key=lambda k: sum(pos[n] for n in nbrs[k]) / len(nbrs[k])
                                 if nbrs[k] else pos[k])
                place(columns[ci])

    # 4. Vertical coordinates: start evenly spaced, then move each node to the
    #    mean height of its inputs (so an op circle sits level with its inputs
    #    and a value level with its op), keeping the order and at least a row
    #    between nodes. Leaves have no inputs: they follow the nodes they feed.
    y = {}
    for c in columns:
        for i, k in enumerate(c):
            y[k] = _ROW * (i - (len(c) - 1) / 2)

    def settle(c, nbrs):
        want = [sum(y[n] for n in nbrs[k]) / len(nbrs[k]) if nbrs[k] else y[k]
                for k in c]
        new = list(want)
        for i in range(1, len(c)):             # push down to keep the spacing
            new[i] = max(new[i], new[i - 1] + _ROW)
        # Shift the column back towards where it wanted to be. Leaves count
        # less, so a chain of ops stays straight and the leaves make room.
        wts = [1.0 if preds[k] else 0.2 for k in c]
        shift = sum(wt * (w - n) for wt, w, n in zip(wts, want, new)) / sum(wts)
        for k, n in zip(c, new):
            y[k] = n + shift

    leaf_succs = {k: (succs[k] if not preds[k] else []) for k in nodes}
    for _sweep in range(6):
        for ci in range(ncols - 1, -1, -1):    # leaves towards their users
            settle(columns[ci], leaf_succs)
        for ci in range(ncols):                # everything else to its inputs
            settle(columns[ci], preds)

    # 5. Horizontal coordinates from the widest node of each column.
    def width(k):
        kind, obj = nodes[k]
        if kind == "op":
            return 2 * _op_radius(obj)
        return sum(len(f) * _CHAR_W + 2 * _PAD for f in _fields(obj))

    col_w = [max(width(k) for k in c) for c in columns]
    x_centre, x = [], _MARGIN
    for w in col_w:
        x_centre.append(x + w / 2)
        x += w + _GAP
    fig_w = x - _GAP + _MARGIN
    top_pad = 0.45 if title else 0.0
    y_top = min(y.values()) - _BOX_H / 2 - _MARGIN - top_pad   # rows grow down
    y_bottom = max(y.values()) + _BOX_H / 2 + _MARGIN
    fig_h = y_bottom - y_top

    # 6. Draw. pyplot creates the figure (so it gets the notebook's canvas), then
    #    we close it there: the caller shows the returned Figure exactly once.
    fig = plt.figure(figsize=(fig_w, fig_h))
    plt.close(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, fig_w)
    ax.set_ylim(-y_bottom, -y_top)             # plot -y: rows grow downwards
    ax.set_axis_off()

    def xy(k):
        return x_centre[col[k]], -y[k]

    for k, (kind, obj) in nodes.items():
        cx, cy = xy(k)
        if kind == "op":
            ax.add_patch(Circle((cx, cy), _op_radius(obj), fc="#fde9c9",
                                ec="#b07020", lw=1.0, zorder=2))
            ax.text(cx, cy, obj, ha="center", va="center", zorder=3, **_FONT)
            continue
        fields = _fields(obj)
        has_label = bool(getattr(obj, "label", ""))
        w = width(k)
        left = cx - w / 2
        ax.add_patch(FancyBboxPatch(
            (left, cy - _BOX_H / 2), w, _BOX_H,
            boxstyle="round,pad=0,rounding_size=0.06",
            fc="#ddeeff" if preds[k] else "#e8f5e0", ec="#345", lw=1.0, zorder=2))
        for i, f in enumerate(fields):
            fw = len(f) * _CHAR_W + 2 * _PAD
            ax.text(left + fw / 2, cy, f, ha="center", va="center", zorder=3,
                    fontweight="bold" if i == 0 and has_label else "normal",
                    **_FONT)
            if i:                              # separator before each field
                ax.plot([left, left], [cy - _BOX_H / 2, cy + _BOX_H / 2],
                        color="#345", lw=0.8, zorder=3)
            left += fw

    def attach(k, towards, outgoing):
        """Where an arrow leaves or enters node ``k``."""
        cx, cy = xy(k)
        kind, obj = nodes[k]
        if kind == "value":
            return (cx + width(k) / 2, cy) if outgoing else (cx - width(k) / 2, cy)
        tx, ty = towards
        dx, dy = tx - cx, ty - cy
        d = (dx * dx + dy * dy) ** 0.5 or 1.0
        r = _op_radius(obj)
        return cx + r * dx / d, cy + r * dy / d

    for a in nodes:
        for b in succs[a]:
            start = attach(a, xy(b), outgoing=True)
            end = attach(b, start, outgoing=False)
            ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>",
                                         mutation_scale=9, lw=0.9,
                                         color="#555", shrinkA=0, shrinkB=1,
                                         zorder=1))
    if title:
        ax.text(fig_w / 2, -(y_top + top_pad / 2 + 0.05), title, ha="center",
                va="center", fontsize=11, fontweight="bold")
    return fig
