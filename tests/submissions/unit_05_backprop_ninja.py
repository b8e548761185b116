"""Deliberately wrong submissions for 05_backprop_ninja and the test cells each must lose (and only those).

In exercise 1 a mistake costs only its own gradient's test: the graders' dictionary serves the correct upstream
gradient to every later step. The one-go functions of exercises 2 and 3 are reused by exercise 4, so a wrong one
also loses the parameter-gradient test and, when the training run drifts from autograd's, the training test.
"""

from tests.submissions import Mistake

MISTAKES = [
    Mistake(
        learner="bessel_missing",
        description="1/n instead of 1/(n-1) in the variance's backward step",
        cell="manual_backward",
        edits=(('d["dbndiff2"] = (1.0 / (n - 1)) *', 'd["dbndiff2"] = (1.0 / n) *'),),
        loses=frozenset({"test_dbndiff2"}),
    ),
    Mistake(
        learner="missing_plus_equals",
        description="the second use of counts (through counts_sum) never added to dcounts",
        cell="manual_backward",
        edits=(('    d["dcounts"] += torch.ones_like(counts) * d["dcounts_sum"]\n', ""),),
        loses=frozenset({"test_dcounts"}),
    ),
    Mistake(
        learner="transposed_dW2",
        description="dW2 = dlogits.T @ h: the product in the wrong order",
        cell="manual_backward",
        edits=(('d["dW2"] = h.T @ d["dlogits"]', 'd["dW2"] = d["dlogits"].T @ h'),),
        loses=frozenset({"test_dW2"}),
        named="transposed",
    ),
    Mistake(
        learner="logit_maxes_path_forgotten",
        description="dlogits = dnorm_logits only: the gradient through logit_maxes forgotten",
        cell="manual_backward",
        edits=(('    d["dlogits"] += F.one_hot(logits.max(1).indices, num_classes=logits.shape[1]) * d["dlogit_maxes"]\n',
                ""),),
        loses=frozenset({"test_dlogits"}),
        named="the logit_maxes path is missing",
    ),
    Mistake(
        learner="embedding_scatter_summed",
        description="the embedding gradient summed over the context positions before scattering",
        cell="manual_backward",
        edits=(('dC.index_add_(0, Xb.flatten(), d["demb"].view(-1, emb.shape[2]))',
                'dC.index_add_(0, Xb[:, -1], d["demb"].sum(1))'),),
        loses=frozenset({"test_dC"}),
        named="the context positions were summed before scattering",
    ),
    Mistake(
        learner="cross_entropy_not_averaged",
        description="the one-go dlogits not divided by the batch size",
        cell="cross_entropy_backward",
        edits=(("    return dlogits / n\n", "    return dlogits\n"),),
        loses=frozenset({"test_cross_entropy_backward", "test_manual_param_grads", "test_manual_training"}),
        named="not divided by the batch size n",
    ),
    Mistake(
        learner="batchnorm_backward_biased",
        description="the one-go BatchNorm backward derived for the biased variance (no n/(n-1))",
        cell="batchnorm_backward",
        edits=(("- n / (n - 1) * bnraw *", "- bnraw *"),),
        loses=frozenset({"test_batchnorm_backward", "test_manual_param_grads", "test_manual_training"}),
        named="that is the biased-variance (1/n) formula",
    ),
]
