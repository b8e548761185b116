"""Deliberately wrong submissions for 01_micrograd and the test cells each must lose (and only those)."""

from tests.submissions import SOLUTION, Alternative, Mistake

SOLUTION_ORDER = """        order, visited, stack = [], set(), [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                stack.extend((child, False) for child in node._prev if id(child) not in visited)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()
"""

MISTAKES = [
    Mistake(
        learner="gradf_missing_chain_factor",
        description="d/db sin(3b) written as cos(3b): the chain rule's factor 3 forgotten",
        cell="gradf",
        edits=(("dfdb = 3 * math.cos(3 * b)", "dfdb = math.cos(3 * b)"),),
        loses=frozenset({"test_gradf"}),
        named="lacks the chain-rule factor 3",
    ),
    Mistake(
        learner="gradf_sign_of_inverse",
        description="d/dc of -1/c written as -1/c**2",
        cell="gradf",
        edits=(("dfdc = 1 / c**2", "dfdc = -1 / c**2"),),
        loses=frozenset({"test_gradf"}),
        named="df/dc has the wrong sign",
    ),
    Mistake(
        learner="forward_is_backward_difference",
        description="forward difference nudges the input down instead of up",
        cell="finite_differences",
        edits=(("        nudged[i] += h\n        estimates.append((func(*nudged) - base) / h)",
                "        nudged[i] -= h\n        estimates.append((base - func(*nudged)) / h)"),),
        loses=frozenset({"test_forward_difference"}),
        named="backward difference",
    ),
    Mistake(
        learner="symmetric_divides_by_h",
        description="symmetric difference divided by h instead of 2h",
        cell="finite_differences",
        edits=(("/ (2 * h))", "/ h)"),),
        loses=frozenset({"test_symmetric_difference"}),
        named="divide by 2h, not h",
    ),
    Mistake(
        learner="pow_wrong_exponent",
        description="d/dx x**k written as k * x**k (the exponent not lowered); / and tanh-free tests use ** too",
        cell="value_class",
        edits=(("self.grad += k * self.data ** (k - 1) * out.grad", "self.grad += k * self.data**k * out.grad"),),
        # x / y is built as x * y**-1 in the solution, and softmax divides: those tests lose too.
        loses=frozenset({"test_value_pow", "test_value_truediv", "test_softmax_cross_entropy"}),
    ),
    Mistake(
        learner="exp_overwrites_grad",
        description="exp's _backward assigns self.grad = ... instead of accumulating with +=",
        cell="value_class",
        edits=(("self.grad += out.data * out.grad", "self.grad = out.data * out.grad"),),
        loses=frozenset({"test_value_exp"}),
        named="overwrites .grad (=) instead of accumulating",
    ),
    Mistake(
        learner="rtruediv_missing",
        description="2.0 / x does not work: __rtruediv__ left out",
        cell="value_class",
        edits=(("        return other * self**-1\n", "        return NotImplemented\n"),),
        loses=frozenset({"test_value_truediv"}),
    ),
    Mistake(
        learner="log_local_grad_wrong",
        description="log's local derivative taken as log(x) (out.data) instead of 1/x",
        cell="value_class",
        edits=(("self.grad += (1 / self.data) * out.grad", "self.grad += out.data * out.grad"),),
        loses=frozenset({"test_value_log", "test_softmax_cross_entropy"}),
    ),
    Mistake(
        learner="naive_tanh_overflows",
        description="tanh as (e^2x - 1) / (e^2x + 1): right for small x, OverflowError at x = 1000",
        cell="value_class",
        edits=(("t = math.tanh(self.data)", "t = (math.exp(2 * self.data) - 1) / (math.exp(2 * self.data) + 1)"),),
        loses=frozenset({"test_value_tanh"}),
        named="raised OverflowError",
    ),
    Mistake(
        learner="recursive_topological_sort",
        description="backward() builds the topological order recursively: RecursionError on deep graphs",
        cell="value_class",
        edits=((
            """        order, visited, stack = [], set(), [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                stack.extend((child, False) for child in node._prev if id(child) not in visited)
""",
            """        order, visited = [], set()

        def build(node):
            if id(node) not in visited:
                visited.add(id(node))
                for child in node._prev:
                    build(child)
                order.append(node)

        build(self)
""",
        ),),
        loses=frozenset({"test_backward"}),
        named="recursion limit",
    ),
    Mistake(
        learner="backward_breadth_first",
        description="backward() calls _backward in breadth-first order from the output, not reverse topological order",
        cell="value_class",
        edits=((SOLUTION_ORDER, """        order, seen, queue = [], {id(self)}, [self]
        while queue:
            node = queue.pop(0)
            order.append(node)
            for child in node._prev:
                if id(child) not in seen:
                    seen.add(id(child))
                    queue.append(child)
        self.grad = 1.0
        for node in order:
            node._backward()
"""),),
        # The softmax graph has nodes reached by paths of different lengths (each count feeds the total): it loses too.
        loses=frozenset({"test_backward", "test_softmax_cross_entropy"}),
        named="breadth-first order",
    ),
    Mistake(
        learner="backward_visits_twice",
        description="backward()'s depth-first order has no visited set: a node used twice is listed (and run) twice",
        cell="value_class",
        edits=((SOLUTION_ORDER, """        order, stack = [], [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            else:
                stack.append((node, True))
                stack.extend((child, False) for child in node._prev)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()
"""),),
        loses=frozenset({"test_backward", "test_softmax_cross_entropy"}),
        named="does your order list a node twice?",
    ),
    Mistake(
        learner="cross_entropy_sign",
        description="the loss written as +log p[target] instead of -log p[target]",
        cell="softmax_cross_entropy",
        edits=(("return -softmax(logits)[target].log()", "return softmax(logits)[target].log()"),),
        loses=frozenset({"test_softmax_cross_entropy"}),
        named="not +log p[target]",
    ),
    Mistake(
        learner="torch_float32",
        description="the PyTorch check done in float32: agrees only to ~1e-7, not to float64 precision",
        cell="torch_cross_entropy",
        edits=(("dtype=torch.float64", "dtype=torch.float32"),),
        loses=frozenset({"test_torch_cross_entropy"}),
    ),
]

ALTERNATIVES = [
    Alternative(
        learner="other_types_and_warnings",
        description="gradf returns a numpy array; the finite differences nudge their argument in place; softmax warns "
                    "and prints to stderr; torch_cross_entropy returns the grad-tracking 0-d loss and the grad tensor",
        cell="gradf",
        edits=((SOLUTION, """    import numpy as np

    return np.array([-3 * a**2 - 0.5 * a**-0.5, 3 * math.cos(3 * b) + 2.5 * b**1.5, c**-2])
"""),),
        more=(
            ("finite_differences", (("""    base = func(*inputs)
    estimates = []
    for i in range(len(inputs)):
        nudged = list(inputs)
        nudged[i] += h
        estimates.append((func(*nudged) - base) / h)
    return estimates""", """    base = func(*inputs)
    estimates = []
    for i in range(len(inputs)):
        inputs[i] += h  # in place: the caller's list changes (and is put back only up to rounding)
        estimates.append((func(*inputs) - base) / h)
        inputs[i] -= h
    return estimates"""),)),
            ("softmax_cross_entropy", (("""    counts = [z.exp() for z in logits]""", """    import sys
    import warnings

    warnings.warn("softmax: logits are not shifted by their maximum", RuntimeWarning)
    print("softmax of", len(logits), "logits", file=sys.stderr)
    counts = [z.exp() for z in logits]"""),)),
            ("torch_cross_entropy", (("    return loss.item(), z.grad.tolist()", "    return loss, z.grad"),)),
        ),
    ),
    Alternative(
        learner="other_formulas",
        description="Value ops as primitives with their own _backward (neg, sub, quotient rule, tanh from exp(-2|x|)), "
                    "backward() by Kahn's algorithm, a max-shifted softmax, cross-entropy as logsumexp - z_t, and "
                    "PyTorch as log(sum exp) - z_t returning numpy",
        cell="value_class",
        edits=(
            ("""        return self * -1
""", """        out = Value(-self.data, (self,), "neg")

        def _backward():
            self.grad -= out.grad

        out._backward = _backward
        return out
"""),
            ("""        return self + (-other)
""", """        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data - other.data, (self, other), "-")

        def _backward():
            self.grad += out.grad
            other.grad -= out.grad

        out._backward = _backward
        return out
"""),
            ("""        other = other if isinstance(other, Value) else Value(other)
        return self * other**-1
""", """        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data / other.data, (self, other), "/")

        def _backward():
            self.grad += out.grad / other.data
            other.grad += -self.data / other.data**2 * out.grad

        out._backward = _backward
        return out
"""),
            ("""        return other * self**-1
""", """        return Value(other) / self
"""),
            ("""        t = math.tanh(self.data)  # stable for any input, unlike (e^2x - 1) / (e^2x + 1)
""", """        e = math.exp(-2 * abs(self.data))  # never overflows
        t = math.copysign((1 - e) / (1 + e), self.data)
"""),
            (SOLUTION_ORDER, """        # Kahn's algorithm: a node's _backward runs once every node using it has run.
        users, seen, stack = {}, {id(self)}, [self]
        while stack:
            node = stack.pop()
            for child in node._prev:
                users[id(child)] = users.get(id(child), 0) + 1
                if id(child) not in seen:
                    seen.add(id(child))
                    stack.append(child)
        self.grad = 1.0
        ready = [self]
        while ready:
            node = ready.pop()
            node._backward()
            for child in node._prev:
                users[id(child)] -= 1
                if users[id(child)] == 0:
                    ready.append(child)
"""),
        ),
        more=(
            ("softmax_cross_entropy", (
                ("""    counts = [z.exp() for z in logits]
    total = sum(counts)
    return [count / total for count in counts]""", """    shift = max(z.data for z in logits)
    counts = [(z - shift).exp() for z in logits]
    total = counts[0]
    for count in counts[1:]:
        total = total + count
    return [count * total**-1 for count in counts]"""),
                ("""    return -softmax(logits)[target].log()""", """    total = sum((z.exp() for z in logits), Value(0.0))
    return total.log() - logits[target]"""),
            )),
            ("torch_cross_entropy", (("""    probs = z.exp() / z.exp().sum()
    loss = -probs[target].log()
    loss.backward()
    return loss.item(), z.grad.tolist()""", """    loss = z.exp().sum().log() - z[target]
    loss.backward()
    return float(loss), z.grad.numpy()"""),)),
        ),
    ),
]
