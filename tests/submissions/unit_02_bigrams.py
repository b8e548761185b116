"""Submissions for 02_bigrams: deliberately wrong ones with the test cells each must lose (and only those), and
correct alternatives that must score full marks.

A wrong trigram model (counts or probabilities) is wrong everywhere it is used: the loss computed from it and the
E02/E03 losses of models fitted with it lose too. A wrong split costs only the split test, because the loss
tests build the course's split themselves, from names.txt (never from the notebook's `words`)."""

from tests.submissions import Alternative, Mistake

MODEL_USERS = {"test_trigram_loss", "test_split_losses", "test_smoothing"}

MISTAKES = [
    Mistake(
        learner="trigram_no_end_token",
        description="names padded as ['.', '.'] + list(w): the end token forgotten",
        cell="trigram_model",
        edits=(('(".." + w + ".")[k:k + 3]] for w in words for k in range(len(w) + 1)]',
                '(".." + w)[k:k + 3]] for w in words for k in range(len(w))]'),),
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
        learner="probs_sum_two_axes",
        description="P3.sum((1, 2)) as the normaliser: a wrong-shaped sum that still broadcasts",
        cell="trigram_model",
        edits=(("return P3 / P3.sum(2, keepdim=True)", "return P3 / P3.sum((1, 2))"),),
        loses=frozenset({"test_trigram_probs"} | MODEL_USERS),
        named="summed over two axes (sum((1, 2)))",
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
        named="cut the shuffled list at n1 = int(0.8 * n)",
    ),
    Mistake(
        learner="split_overlap",
        description="train runs to n2: the dev names are in train too",
        cell="splits",
        edits=(("return shuffled[:n1], shuffled[n1:n2], shuffled[n2:]",
                "return shuffled[:n2], shuffled[n1:n2], shuffled[n2:]"),),
        loses=frozenset({"test_split"}),
        named="train, dev and test overlap",
    ),
    Mistake(
        # The split is right, but `words` itself ends up shuffled: only the split test may lose (the loss tests
        # rebuild their names from the file), and E04's cells, which use the shuffled `words`, still pass.
        learner="split_shuffles_in_place",
        description="split_words shuffles the list it is given instead of a copy",
        cell="splits",
        edits=(("shuffled = list(words)\n", "shuffled = words\n"),),
        loses=frozenset({"test_split"}),
        named="split_words changed the list it was given",
    ),
    Mistake(
        learner="tuned_on_test",
        description="tune_and_test picks the smoothing by the test loss",
        cell="smoothing",
        edits=(("curve = dev_loss_curve(train, dev, grid)", "curve = dev_loss_curve(train, test, grid)"),),
        loses=frozenset({"test_smoothing"}),
        named="the smoothing was chosen on the test split",
    ),
    Mistake(
        # The closest mistake to the loss tolerance: the dev loss at 0.1 is 1.6e-3 below the test loss (course split).
        learner="tune_returns_dev_loss",
        description="tune_and_test returns the lowest dev loss instead of the test loss",
        cell="smoothing",
        edits=(("return best, trigram_loss(trigram_probs(trigram_counts(train), best), test)",
                "return best, min(curve)"),),
        loses=frozenset({"test_smoothing"}),
        named="returned the dev loss at the best smoothing",
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

# The lecture's loop, accumulating the log likelihood in a float32 tensor (`0.0 + tensor` is a float32 tensor):
# its rounding (1.4e-4 on the 182,580 training trigrams, 4.7e-4 on the bigrams) is what the 1e-3 loss tolerance
# of E02 and E03 must accept.
FLOAT32_LOOP_TRIGRAM_LOSS = '''\
    log_likelihood = 0.0
    n = 0
    for w in words:
        chs = [".", "."] + list(w) + ["."]
        for ch1, ch2, ch3 in zip(chs, chs[1:], chs[2:]):
            prob = P3[stoi[ch1], stoi[ch2], stoi[ch3]]
            log_likelihood += torch.log(prob)
            n += 1
    return (-log_likelihood / n).item()
'''

FLOAT32_LOOP_SPLIT_LOSSES = '''\
    def loop_loss(P, ws, n):
        # the lecture's float32 accumulation loop, for a model with n-1 characters of context
        log_likelihood, count = 0.0, 0
        for w in ws:
            chs = ["."] * (n - 1) + list(w) + ["."]
            for k in range(len(chs) - n + 1):
                log_likelihood += torch.log(P[tuple(stoi[c] for c in chs[k:k + n])])
                count += 1
        return (-log_likelihood / count).item()

    P2 = bigram_probs(bigram_counts(train))
    P3 = trigram_probs(trigram_counts(train))
    return {
        "bigram": {"train": loop_loss(P2, train, 2), "dev": loop_loss(P2, dev, 2), "test": loop_loss(P2, test, 2)},
        "trigram": {"train": loop_loss(P3, train, 3), "dev": loop_loss(P3, dev, 3), "test": loop_loss(P3, test, 3)},
    }
'''

# The solution counts trigrams at once (bincount); the lecture's loop, a correct alternative, counts one at a time.
SOLUTION_COUNTS = """\
    # every trigram of "..name." as one flat index a*27*27 + b*27 + c, all counted at once
    rows = [[stoi[ch] for ch in (".." + w + ".")[k:k + 3]] for w in words for k in range(len(w) + 1)]
    ix = torch.tensor(rows, dtype=torch.long).reshape(-1, 3)
    flat = (ix[:, 0] * 27 + ix[:, 1]) * 27 + ix[:, 2]
    return torch.bincount(flat, minlength=27 ** 3).reshape(27, 27, 27).to(torch.int32)
"""
LOOP_COUNTS = """\
    N3 = torch.zeros((27, 27, 27), dtype=torch.int32)
    for w in words:
        chs = [".", "."] + list(w) + ["."]
        for ch1, ch2, ch3 in zip(chs, chs[1:], chs[2:]):
            N3[stoi[ch1], stoi[ch2], stoi[ch3]] += 1
    return N3
"""

ALTERNATIVES = [
    Alternative(
        learner="alt_float32_loops_tensor_copy",
        description="the lecture's loops: trigrams counted one at a time, losses accumulated in float32 "
                    "(trigram_loss, and split_losses' own "
                    "bigram and trigram loops); split_words shuffles an index list; W.grad copied with "
                    "torch.tensor(W.grad), which warns",
        cell="trigram_model",
        edits=(("    ix = torch.tensor([(stoi[a], stoi[b], stoi[c]) for w in words for a, b, c in zip(\"..\" + w, "
                "\".\" + w, w + \".\")])\n    return -P3[ix[:, 0], ix[:, 1], ix[:, 2]].log().mean().item()\n",
                FLOAT32_LOOP_TRIGRAM_LOSS),
               (SOLUTION_COUNTS, LOOP_COUNTS)),
        more=(
            ("splits", (
                ("    shuffled = list(words)\n    random.Random(seed).shuffle(shuffled)\n",
                 "    order = list(range(len(words)))\n    random.Random(seed).shuffle(order)  # the same permutation\n"
                 "    shuffled = [words[i] for i in order]\n"),
                ("    P2 = bigram_probs(bigram_counts(train))\n    P3 = trigram_probs(trigram_counts(train))\n"
                 "    splits = {\"train\": train, \"dev\": dev, \"test\": test}\n    return {\n"
                 "        \"bigram\": {name: bigram_loss(P2, ws) for name, ws in splits.items()},\n"
                 "        \"trigram\": {name: trigram_loss(P3, ws) for name, ws in splits.items()},\n    }\n",
                 FLOAT32_LOOP_SPLIT_LOSSES),
            )),
            ("indexing", (("return loss.item(), W.grad.clone()", "return loss.item(), torch.tensor(W.grad)"),)),
        ),
    ),
    Alternative(
        learner="alt_vectorised",
        description="int64 counts, probabilities via in-place division over dim=-1, the loss from "
                    "the count table, the best smoothing as a 0-d float32 tensor, index_select and gather, "
                    "losses returned as floats from E05",
        cell="trigram_model",
        edits=(
            (".reshape(27, 27, 27).to(torch.int32)\n", ".reshape(27, 27, 27)  # int64 counts\n"),
            ("    P3 = (N3 + smoothing).float()\n    return P3 / P3.sum(2, keepdim=True)\n",
             "    P3 = N3.to(torch.float32) + smoothing\n    P3 /= P3.sum(dim=-1, keepdim=True)\n    return P3\n"),
            ("    ix = torch.tensor([(stoi[a], stoi[b], stoi[c]) for w in words for a, b, c in zip(\"..\" + w, "
             "\".\" + w, w + \".\")])\n    return -P3[ix[:, 0], ix[:, 1], ix[:, 2]].log().mean().item()\n",
             "    N = trigram_counts(words)\n    seen = N > 0  # -sum N log P / sum N, over the trigrams that occur\n"
             "    return (-(N[seen] * P3[seen].log()).sum() / N.sum()).item()\n"),
        ),
        more=(
            ("smoothing", (
                ("    curve = dev_loss_curve(train, dev, grid)\n"
                 "    best = grid[min(range(len(grid)), key=curve.__getitem__)]\n",
                 "    curve = torch.tensor(dev_loss_curve(train, dev, grid))\n"
                 "    best = torch.tensor(grid)[curve.argmin()]  # a 0-d float32 tensor\n"),
                ("trigram_probs(trigram_counts(train), best)", "trigram_probs(trigram_counts(train), best.item())"),
            )),
            ("indexing", (
                ("    return W[xs]\n", "    return W.index_select(0, xs)\n"),
                ("    loss = -probs[torch.arange(len(ys)), ys].log().mean()\n    W.grad = None\n",
                 "    loss = -probs.gather(1, ys.unsqueeze(1)).log().mean()\n"
                 "    if W.grad is not None:\n        W.grad.zero_()\n"),
                ("W.grad.clone()", "W.grad.detach().clone()"),
            )),
            ("cross_entropy", (
                ("    counts = logits.exp()\n", "    counts = (logits - logits.max(1, keepdim=True).values).exp()\n"),
                ("return F.cross_entropy(logits, ys)", "return F.cross_entropy(logits, ys).item()"),
            )),
        ),
    ),
    Alternative(
        learner="alt_warns_and_prints",
        description="functions the tests call warn, print to stderr and log a warning; split by the global "
                    "random.seed(seed) the task mentions; curve and losses as numpy float64",
        cell="trigram_model",
        edits=(("    P3 = (N3 + smoothing).float()\n",
                "    import sys, warnings\n    warnings.warn(f\"smoothing {smoothing}\")\n"
                "    print(\"normalising the trigram counts\", file=sys.stderr)\n"
                "    P3 = (N3 + smoothing).float()\n"),),
        more=(
            ("splits", (
                ("    shuffled = list(words)\n    random.Random(seed).shuffle(shuffled)\n",
                 "    shuffled = words[:]\n    random.seed(seed)\n    random.shuffle(shuffled)\n"),
                ("    P2 = bigram_probs(bigram_counts(train))\n",
                 "    import logging\n    logging.getLogger(\"split_losses\").warning(\"fitting on %d names\", "
                 "len(train))\n    P2 = bigram_probs(bigram_counts(train))\n"),
                ("\"trigram\": {name: trigram_loss(P3, ws) for name, ws in splits.items()}",
                 "\"trigram\": {name: np.float64(trigram_loss(P3, ws)) for name, ws in splits.items()}"),
                ("def split_words(words, seed=42):\n", "import numpy as np\n\n\ndef split_words(words, seed=42):\n"),
            )),
            ("smoothing", (
                ("    return [trigram_loss(trigram_probs(N3, s), dev) for s in grid]\n",
                 "    import sys\n    curve = []\n    for s in grid:\n        print(f\"smoothing {s}\", file=sys.stderr)\n"
                 "        curve.append(np.float64(trigram_loss(trigram_probs(N3, s), dev)))\n    return curve\n"),
            )),
        ),
    ),
    Alternative(
        learner="alt_python_float_loops",
        description="counts by a Counter, losses summed in Python floats with math.log, the argmin by sorting, "
                    "the NLL of E04 by log of the softmax",
        cell="trigram_model",
        edits=(
            (SOLUTION_COUNTS,
             "    import collections\n    seen = collections.Counter()\n    for w in words:\n"
             "        padded = \"..\" + w + \".\"\n        for k in range(len(w) + 1):\n"
             "            seen[padded[k:k + 3]] += 1\n"
             "    N3 = torch.zeros((27, 27, 27), dtype=torch.int64)\n    for t, c in seen.items():\n"
             "        N3[stoi[t[0]], stoi[t[1]], stoi[t[2]]] = c\n    return N3\n"),
            ("    ix = torch.tensor([(stoi[a], stoi[b], stoi[c]) for w in words for a, b, c in zip(\"..\" + w, "
             "\".\" + w, w + \".\")])\n    return -P3[ix[:, 0], ix[:, 1], ix[:, 2]].log().mean().item()\n",
             "    import math\n    P = P3.tolist()\n    total, n = 0.0, 0\n    for w in words:\n"
             "        padded = \"..\" + w + \".\"\n        for k in range(len(w) + 1):\n"
             "            a, b, c = (stoi[ch] for ch in padded[k:k + 3])\n"
             "            total -= math.log(P[a][b][c])\n            n += 1\n    return total / n\n"),
        ),
        more=(
            ("smoothing", (
                ("    best = grid[min(range(len(grid)), key=curve.__getitem__)]\n",
                 "    best = sorted(zip(curve, grid))[0][1]\n"),
            )),
            ("indexing", (
                ("    counts = logits.exp()\n    probs = counts / counts.sum(1, keepdim=True)\n"
                 "    loss = -probs[torch.arange(len(ys)), ys].log().mean()\n",
                 "    probs = logits.exp() / logits.exp().sum(1, keepdim=True)\n"
                 "    loss = -probs.log()[range(len(ys)), ys].mean()\n"),
            )),
        ),
    ),
]
