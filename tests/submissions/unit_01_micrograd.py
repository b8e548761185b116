"""Deliberately wrong submissions for 01_micrograd and the test cells each must lose (and only those)."""

from tests.submissions import Mistake

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
