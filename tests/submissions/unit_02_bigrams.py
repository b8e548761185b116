"""Deliberately wrong submissions for 02_bigrams and the test cells each must lose (and only those).

A wrong trigram model (counts or probabilities) is wrong everywhere it is used: the loss computed from it and the
E02/E03 losses of models fitted with it lose too. A wrong split costs only the split test, because the loss
tests evaluate on the course's split."""

from tests.submissions import Alternative, Mistake

MODEL_USERS = {"test_trigram_loss", "test_split_losses", "test_smoothing"}

MISTAKES = [
    Mistake(
        learner="trigram_no_end_token",
        description="names padded as ['.', '.'] + list(w): the end token forgotten",
        cell="trigram_model",
        edits=(('chs = [".", "."] + list(w) + ["."]', 'chs = [".", "."] + list(w)'),),
        loses=frozenset({"test_trigram_counts"} | MODEL_USERS),
        named="the end token is missing",
    ),
    Mistake(
        learner="probs_wrong_axis",
        description="probabilities normalised over the first axis instead of the last",
        cell="trigram_model",
        edits=(("return P3 / P3.sum(2, keepdim=True)", "return P3 / P3.sum(0, keepdim=True)"),),
        loses=frozenset({"test_trigram_probs"} | MODEL_USERS),
        named="normalised over the wrong axis",
    ),
    Mistake(
        learner="smoothing_after_normalising",
        description="fake counts added after normalising",
        cell="trigram_model",
        edits=(("P3 = (N3 + smoothing).float()\n    return P3 / P3.sum(2, keepdim=True)",
                "P3 = N3.float()\n    return P3 / P3.sum(2, keepdim=True) + smoothing"),),
        loses=frozenset({"test_trigram_probs"} | MODEL_USERS),
        named="smoothing added after normalising",
    ),
    Mistake(
        learner="split_off_by_one",
        description="cut points one past int(0.8 n) and int(0.9 n)",
        cell="splits",
        edits=(("n1, n2 = int(0.8 * len(shuffled)), int(0.9 * len(shuffled))",
                "n1, n2 = int(0.8 * len(shuffled)) + 1, int(0.9 * len(shuffled)) + 1"),),
        loses=frozenset({"test_split"}),
    ),
    Mistake(
        learner="indexing_columns",
        description="W[:, xs].T: columns of W instead of rows",
        cell="indexing",
        edits=(("    return W[xs]\n", "    return W[:, xs].T\n"),),
        loses=frozenset({"test_logits_indexing", "test_gradients"}),  # E04 shows the gradients of the indexed version too
        named="indexed the columns",
    ),
    Mistake(
        learner="grad_not_cleared",
        description="W.grad not cleared before backward(): a second call accumulates",
        cell="indexing",
        edits=(("    W.grad = None\n", ""),),
        loses=frozenset({"test_gradients"}),
        named="W.grad was not cleared",
    ),
    Mistake(
        learner="cross_entropy_on_probs",
        description="F.cross_entropy given softmax probabilities instead of logits",
        cell="cross_entropy",
        edits=(("return F.cross_entropy(logits, ys)", "return F.cross_entropy(logits.softmax(1), ys)"),),
        loses=frozenset({"test_cross_entropy"}),
        named="was given probabilities",
    ),
]

ALTERNATIVES = [
    Alternative(
        learner="index_select_and_tensor_copy",
        description="logits by torch.index_select (warning on the way); the gradient copied with torch.tensor(W.grad), "
                    "which warns",
        cell="indexing",
        edits=(("    return W[xs]\n", "    import warnings\n\n    warnings.warn(\"index_select, not one-hot\", UserWarning)\n"
                "    return torch.index_select(W, 0, xs)\n"),
               ("    return loss.item(), W.grad.clone()", "    return loss.item(), torch.tensor(W.grad)")),
    ),
]
