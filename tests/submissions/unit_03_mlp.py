"""Deliberately wrong submissions for 03_mlp and the test cells each must lose (and only those).

E01b's dev loss is computed by the test on the course's own dev examples, so a model trained on wrongly built
contexts, or from an initialisation that learns slowly or not at all, also loses E01b: that is the mistake's real cost, not a
double penalty. A dev split that leaked into training loses E01b because its dev loss no longer measures anything.
"""

from tests.submissions import Mistake

MISTAKES = [
    Mistake(
        learner="dataset_no_end_token",
        description="build_dataset forgets the '.' that ends every name",
        cell="build_dataset",
        edits=(('for ch in w + ".":', "for ch in w:"),),
        loses=frozenset({"test_build_dataset", "test_dev_loss"}),  # measured: course dev loss 3.34
        named="the end token is missing",
    ),
    Mistake(
        learner="dataset_one_dot_padding",
        description="contexts padded with one '.' instead of block_size dots",
        cell="build_dataset",
        edits=(("context = [0] * block_size\n        for ch in w + \".\":\n            ix = stoi[ch]\n"
                "            X.append(context)\n            Y.append(ix)\n            context = context[1:] + [ix]",
                "s = [0] + [stoi[c] for c in w] + [0]\n        for k in range(len(s) - block_size):\n"
                "            X.append(s[k:k + block_size])\n            Y.append(s[k + block_size])"),),
        loses=frozenset({"test_build_dataset", "test_dev_loss"}),  # measured: course dev loss 3.39
        named="only one start dot of padding",
    ),
    Mistake(
        learner="dev_leaks_into_train",
        description="Xtr built from the train and dev names together",
        cell="split_tensors",
        edits=(("Xtr, Ytr = build_dataset(train_words, block_size)",
                "Xtr, Ytr = build_dataset(train_words + dev_words, block_size)"),),
        loses=frozenset({"test_splits", "test_dev_loss"}),
        named="the dev names leaked into training",
    ),
    Mistake(
        learner="dev_loss_on_train",
        description="the reported dev loss is evaluated on the training split",
        cell="report_losses",
        edits=(("dev_loss = split_loss(params, Xdev, Ydev)", "dev_loss = split_loss(params, Xtr, Ytr)"),),
        loses=frozenset({"test_split_loss"}),
        named="your dev_loss is the loss on the training split",
    ),
    Mistake(
        learner="uniform_log10",
        description="the uniform loss computed with log10",
        cell="uniform_loss",
        edits=(("(1 / 27).log().item()", "(1 / 27).log10().item()"),),
        loses=frozenset({"test_uniform_loss"}),
        named="that is log10",
    ),
    Mistake(
        learner="init_unscaled",
        description="the video's init: plain randn for every parameter, no scaling",
        cell="init_params",
        edits=((" * (5 / 3) / fan_in**0.5", ""), (" * 0.01  # near-zero logits", "  # near-zero logits"),
               ("b2 = torch.zeros(27)", "b2 = torch.randn(27, generator=generator)")),
        loses=frozenset({"test_init", "test_dev_loss"}),  # measured: dev 2.26 after 30,000 steps from this init
        named="The logits start too large",
    ),
    Mistake(
        learner="init_all_zero",
        description="every parameter starts at zero: the loss starts uniform but W1 never learns",
        cell="init_params",
        edits=(("C = torch.randn((27, n_embd), generator=generator)", "C = torch.zeros((27, n_embd))"),
               ("W1 = torch.randn((fan_in, n_hidden), generator=generator) * (5 / 3) / fan_in**0.5",
                "W1 = torch.zeros((fan_in, n_hidden))"),
               ("b1 = torch.randn(n_hidden, generator=generator) * 0.01", "b1 = torch.zeros(n_hidden)"),
               ("W2 = torch.randn((n_hidden, 27), generator=generator) * 0.01", "W2 = torch.zeros((n_hidden, 27))")),
        loses=frozenset({"test_init", "test_dev_loss"}),
        named="W1 never receives a gradient",
    ),
    Mistake(
        learner="variant_returns_probs",
        description="variant_logits returns softmax probabilities instead of logits",
        cell="variant",
        edits=(("return torch.tanh(embcat @ W1 + b1) @ W2 + embcat @ Wd + b2",
                "return (torch.tanh(embcat @ W1 + b1) @ W2 + embcat @ Wd + b2).softmax(1)"),),
        loses=frozenset({"test_variant"}),
        named="returns probabilities",
    ),
]
