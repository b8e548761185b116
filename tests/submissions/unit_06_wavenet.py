"""Deliberately wrong submissions for 06_wavenet and the test cells each must lose (and only those).

E05 trains the graded model for about a minute. The wrong submissions below do not repeat that: they load the
weights the solution's graded run saved (REUSED_TRAINING), since none of their mistakes is in E05 (which is built
from torch.nn, not from the E01-E03 classes). A FlattenConsecutive that groups the wrong elements also loses E03:
the hierarchical model is built from it, so its logits are genuinely wrong.
"""

from tests.submissions import Mistake, ReusedTraining

CELL_TIMEOUT = 300  # E05's training cell: about a minute on one core, more on a busy machine (nbgrader's own limit)

REUSED_TRAINING = ReusedTraining(
    cell="e05_train",
    saved="e05_model.pt",
    source='e05_model = make_e05_model()\ne05_model.load_state_dict(torch.load("e05_model.pt"))\ne05_losses = []\n',
)

MISTAKES = [
    Mistake(
        learner="flatten_wrong_axes",
        description="FlattenConsecutive reshapes the wrong axes (through x.transpose(1, 2))",
        cell="flatten_sequential",
        edits=(("x = x.reshape(B, T // self.n, C * self.n)",
                "x = x.transpose(1, 2).reshape(B, C * self.n, T // self.n).transpose(1, 2)"),),
        loses=frozenset({"test_flatten_consecutive", "test_hierarchical_model"}),
        named="the wrong elements are grouped",
    ),
    Mistake(
        learner="flatten_silent_reshape",
        description="FlattenConsecutive does not check that the length is divisible by n",
        cell="flatten_sequential",
        edits=(("        if T % self.n:\n            raise ValueError(", "        if False:\n            raise ValueError("),),
        loses=frozenset({"test_flatten_consecutive"}),
        named="check the length yourself",
    ),
    Mistake(
        learner="bn_dim0_only",
        description="BatchNorm1d takes its statistics over dim 0 only (the video's first version)",
        cell="batchnorm",
        edits=(("dims = tuple(range(x.ndim - 1))  # every dimension but the features: (0,) or (0, 1)", "dims = (0,)"),),
        loses=frozenset({"test_batchnorm_training", "test_batchnorm_running_stats"}),
        named="statistics were taken over dim 0 only",
    ),
    Mistake(
        learner="bn_unbiased_normalisation",
        description="BatchNorm1d normalises with the unbiased variance",
        cell="batchnorm",
        edits=(("var = x.var(dims, correction=0)", "var = x.var(dims)"),),
        loses=frozenset({"test_batchnorm_training"}),
        named="the normalisation uses the unbiased variance",
    ),
    Mistake(
        learner="bn_updates_in_eval",
        description="BatchNorm1d updates its running statistics in eval mode too",
        cell="batchnorm",
        edits=(("        if self.training:\n            with torch.no_grad():",
                "        if True:  # (updates whatever the mode)\n            with torch.no_grad():"),),
        loses=frozenset({"test_batchnorm_eval"}),
        named="the running statistics changed in eval mode",
    ),
    Mistake(
        learner="model_flat",
        description="build_wavenet builds the flat 8-character MLP instead of the tree",
        cell="build_wavenet",
        edits=(("    for _ in range(3):  # 8 -> 4 -> 2 -> 1 positions\n"
                "        layers += [FlattenConsecutive(2), Linear(2 * fan_in, n_hidden, bias=False, generator=generator),\n"
                "                   BatchNorm1d(n_hidden), Tanh()]\n"
                "        fan_in = n_hidden\n",
                "    layers += [FlattenConsecutive(8), Linear(8 * fan_in, n_hidden, bias=False, generator=generator),\n"
                "               BatchNorm1d(n_hidden), Tanh()]\n"),),
        loses=frozenset({"test_hierarchical_model"}),
        named="a flat MLP",
    ),
    Mistake(
        learner="model_bias_before_bn",
        description="the Linear layers before BatchNorm keep a bias",
        cell="build_wavenet",
        edits=(("Linear(2 * fan_in, n_hidden, bias=False, generator=generator)",
                "Linear(2 * fan_in, n_hidden, generator=generator)"),),
        loses=frozenset({"test_hierarchical_model"}),
        named="have a bias",
    ),
    Mistake(
        learner="conv_sees_the_future",
        description="the causal convolution pads on the right, so each position sees the next characters",
        cell="conv_wavenet",
        edits=(("F.pad(idx, (receptive_field - 1, 0), value=0)", "F.pad(idx, (0, receptive_field - 1), value=0)"),),
        loses=frozenset({"test_conv_wavenet"}),
        named="the convolution sees the future",
    ),
    Mistake(
        learner="conv_zero_vector_padding",
        description="the sequence is padded with zero vectors after the embedding instead of '.' tokens",
        cell="conv_wavenet",
        edits=(("        padded = F.pad(idx, (receptive_field - 1, 0), value=0)  # '.' tokens on the left only: causal\n"
                "        x = embedding(padded).transpose(1, 2)",
                "        x = F.pad(embedding(idx), (0, 0, receptive_field - 1, 0)).transpose(1, 2)"),),
        loses=frozenset({"test_conv_wavenet"}),
        named="the padding is zero vectors",
    ),
]
