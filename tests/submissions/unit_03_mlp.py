"""Submissions for 03_mlp: wrong ones and the test cells each must lose (and only those), and correct ones written
another way than the solution, which must score full marks.

E01b's dev loss is computed by the test on the course's own dev examples, so a model trained on wrongly built
contexts, or from an initialisation that learns slowly or not at all, also loses E01b: that is the mistake's real cost, not a
double penalty. A dev split that leaked into training loses E01b because its dev loss no longer measures anything.
E01b's budget is the number of backward passes since `budget.start()` (the training cell's first line), counted by
the given `budget` cell, not the length of a list the learner keeps.
"""

from tests.submissions import SOLUTION, Alternative, Mistake

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
    Mistake(
        learner="budget_trimmed_lossi",
        description="trains 40,000 steps but keeps only the last 30,000 losses in lossi",
        cell="train_mlp",
        edits=(("lossi = train(params, Xtr, Ytr, max_steps, 128,", "lossi = train(params, Xtr, Ytr, max_steps + 10_000, 128,"),
               ("g, mlp_logits)\nC, W1, b1, W2, b2 = params",
                "g, mlp_logits)[-max_steps:]  # the list stays at 30,000\nC, W1, b1, W2, b2 = params")),
        loses=frozenset({"test_dev_loss"}),  # its dev loss is fine (about 2.08): only the budget is broken
        named="40,000 backward passes counted since budget.start()",
    ),
]

ALTERNATIVES = [
    Alternative(
        learner="dataset_and_losses_other_forms",
        description="build_dataset by slicing a padded string (dtype=torch.long); uniform_loss from math.log; "
                    "split_loss in float64 by log_softmax and indexing under inference_mode, warning on every call",
        cell="build_dataset",
        edits=((SOLUTION,
                "    X, Y = [], []\n"
                "    for w in words:\n"
                "        s = '.' * block_size + w + '.'\n"
                "        for k in range(len(w) + 1):\n"
                "            X.append([stoi[c] for c in s[k:k + block_size]])\n"
                "            Y.append(stoi[s[k + block_size]])\n"
                "    return torch.tensor(X, dtype=torch.long), torch.tensor(Y, dtype=torch.long)\n"),),
        more=(("uniform_loss", ((SOLUTION, "import math\n\nuniform_loss = math.log(27)\n"),)),
              ("split_loss", ((SOLUTION,
                               "    import warnings\n\n"
                               "    C, W1, b1, W2, b2 = params\n"
                               "    with torch.inference_mode():\n"
                               "        emb = C[X].reshape(len(X), X.shape[1] * C.shape[1])\n"
                               "        logits = (torch.tanh(emb @ W1 + b1) @ W2 + b2).double()\n"
                               "        nll = -logits.log_softmax(dim=1)[torch.arange(len(Y)), Y].mean()\n"
                               "    warnings.warn('split_loss: computed in float64')\n"
                               "    return nll.item()\n"),))),
    ),
    Alternative(
        learner="optimizer_and_zero_W2",
        description="init with W2 and b1 exactly zero (loss exactly ln 27); training with torch.optim.SGD, its own "
                    "loop, another seed, 27,000 steps",
        cell="init_params",
        edits=((SOLUTION,
                "    fan_in = block_size * n_embd\n"
                "    C = torch.randn(27, n_embd, generator=generator)\n"
                "    W1 = torch.randn(fan_in, n_hidden, generator=generator) * (5 / 3) * fan_in**-0.5\n"
                "    b1 = torch.zeros(n_hidden)\n"
                "    W2 = torch.zeros(n_hidden, 27)  # uniform predictions at step 0; W1 learns from step 2 on\n"
                "    b2 = torch.zeros(27)\n"
                "    return [p.requires_grad_() for p in (C, W1, b1, W2, b2)]\n"),),
        more=(("train_mlp", (("g = torch.Generator().manual_seed(2147483647)\n"
                              "params = init_params(block_size, 12, 200, g)\n"
                              "lossi = train(params, Xtr, Ytr, max_steps, 128, lambda i: 0.1 if i < 2 * max_steps // 3 "
                              "else 0.01, g, mlp_logits)\n"
                              "C, W1, b1, W2, b2 = params\n",
                              "g = torch.Generator().manual_seed(42)\n"
                              "params = init_params(block_size, 12, 200, g)\n"
                              "C, W1, b1, W2, b2 = params\n"
                              "opt = torch.optim.SGD(params, lr=0.1)\n"
                              "lossi = []\n"
                              "for step in range(27_000):\n"
                              "    if step == 18_000:\n"
                              "        for group in opt.param_groups:\n"
                              "            group['lr'] = 0.01\n"
                              "    ix = torch.randint(0, Xtr.shape[0], (128,), generator=g)\n"
                              "    loss = F.cross_entropy(torch.tanh(C[Xtr[ix]].flatten(1) @ W1 + b1) @ W2 + b2, Ytr[ix])\n"
                              "    opt.zero_grad()\n"
                              "    loss.backward()\n"
                              "    opt.step()\n"
                              "    lossi.append(loss.item())\n"),)),),
    ),
    Alternative(
        learner="variant_as_a_dict",
        description="the variant's parameters in a dict, float64 logits, its own short loop (5,000 steps)",
        cell="variant",
        edits=((SOLUTION,
                "def variant_logits(params, X):\n"
                "    emb = params['C'][X].flatten(1)\n"
                "    hidden = torch.tanh(emb @ params['W1'] + params['b1'])\n"
                "    return (hidden @ params['W2'] + emb @ params['Wd'] + params['b2']).double()\n"
                "\n\n"
                "g = torch.Generator().manual_seed(7)\n"
                "names = ('C', 'W1', 'b1', 'W2', 'b2')\n"
                "variant_params = dict(zip(names, init_params(block_size, 10, 100, g)))\n"
                "variant_params['Wd'] = torch.zeros(block_size * 10, 27, requires_grad=True)\n"
                "for step in range(5000):\n"
                "    ix = torch.randint(0, Xtr.shape[0], (64,), generator=g)\n"
                "    loss = F.cross_entropy(variant_logits(variant_params, Xtr[ix]), Ytr[ix])\n"
                "    for p in variant_params.values():\n"
                "        p.grad = None\n"
                "    loss.backward()\n"
                "    with torch.no_grad():\n"
                "        for p in variant_params.values():\n"
                "            p -= 0.1 * p.grad\n"),),
    ),
    Alternative(
        learner="block3_numpy_float",
        description="block_size 3 with the splits built name by name and concatenated; split_loss returning a "
                    "numpy float64 (a float subclass) of a loss summed in a loop over chunks",
        cell="split_tensors",
        edits=((SOLUTION,
                "block_size = 3\n"
                "Xtr, Ytr = map(torch.cat, zip(*(build_dataset([w], block_size) for w in train_words)))\n"
                "Xdev, Ydev = map(torch.cat, zip(*(build_dataset([w], block_size) for w in dev_words)))\n"),),
        more=(("split_loss", ((SOLUTION,
                               "    import numpy as np\n\n"
                               "    C, W1, b1, W2, b2 = params\n"
                               "    total = 0.0\n"
                               "    with torch.no_grad():\n"
                               "        for start in range(0, len(X), 1000):\n"
                               "            x, y = X[start:start + 1000], Y[start:start + 1000]\n"
                               "            h = torch.tanh(C[x].view(len(x), -1) @ W1 + b1)\n"
                               "            total += F.cross_entropy(h @ W2 + b2, y, reduction='sum').item()\n"
                               "    return np.float64(total / len(X))\n"),)),),
    ),
]
