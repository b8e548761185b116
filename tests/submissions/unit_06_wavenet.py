"""Deliberately wrong submissions for 06_wavenet and the test cells each must lose (and only those).

E05 trains the graded model for about a minute. The submissions below whose edits lie outside E05 and the cells its
training runs (E05 is built from torch.nn, not from the E01-E03 classes) do not repeat that: they load the weights
the solution's graded run saved (REUSED_TRAINING). The one that edits E05's model trains it for real. A
FlattenConsecutive that groups the wrong elements also loses E03: the hierarchical model is built from it, so its
logits are genuinely wrong.

E03's test builds the model twice from generators of the same seed and once from another, and compares its starting
weights with what the given layers draw from that generator (the last weight times 0.1): a build_wavenet that
ignores its generator, or forgets the 0.1, loses it.

E05's budget is counted by the locked budget cell (every backward pass and torch.optim step from there on), not from
e05_losses. The mistake that trains past it edits the training cell, so it cannot reuse the solution's weights: it
trains a small model (a few seconds for 40,000 steps), and its 40,001st backward pass raises at once.
"""

from tests.submissions import SOLUTION, Alternative, Mistake, ReusedTraining

REUSED_TRAINING = ReusedTraining(
    cell="e05_train",
    saved="e05_model.pt",
    source='e05_model = make_e05_model()\ne05_model.load_state_dict(torch.load("e05_model.pt"))\ne05_losses = []\n',
    uses=frozenset({"setup_data", "parameters", "training_budget", "e05_model"}),
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

MISTAKES += [
    Mistake(
        learner="model_ignores_generator",
        description="build_wavenet never passes its generator on: every layer draws from the global generator",
        cell="build_wavenet",
        edits=((SOLUTION, """\
    layers = [Embedding(vocab_size, n_embd)]
    fan_in = n_embd
    for _ in range(3):
        layers += [FlattenConsecutive(2), Linear(2 * fan_in, n_hidden, bias=False), BatchNorm1d(n_hidden), Tanh()]
        fan_in = n_hidden
    layers.append(Linear(n_hidden, vocab_size))
    with torch.no_grad():
        layers[-1].weight *= 0.1
    return Sequential(layers)
"""),),
        loses=frozenset({"test_hierarchical_model"}),
        named="ignores its generator argument",
    ),
    Mistake(
        learner="last_layer_not_scaled",
        description="build_wavenet leaves the last layer's weight as drawn (no x 0.1)",
        cell="build_wavenet",
        edits=(("    with torch.no_grad():\n        layers[-1].weight *= 0.1\n", ""),),
        loses=frozenset({"test_hierarchical_model"}),
        named="the last layer's weight is not multiplied by 0.1",
    ),
    Mistake(
        learner="trains_past_the_budget",
        description="trains five times the budget, keeping one loss in five so that e05_losses has max_steps entries "
                    "(a small model: the budget cell stops it at the 40,001st backward pass)",
        cell="e05_train",
        edits=((SOLUTION, """\
e05_model = nn.Sequential(nn.Embedding(vocab_size, 10), nn.Flatten(), nn.Linear(8 * 10, vocab_size))
optimizer = torch.optim.AdamW(e05_model.parameters(), lr=0.01)
g = torch.Generator().manual_seed(42)
e05_losses = []
for step in range(5 * max_steps):
    ix = torch.randint(0, Xtr.shape[0], (32,), generator=g)
    loss = F.cross_entropy(e05_model(Xtr[ix]), Ytr[ix])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step % 5 == 0:
        e05_losses.append(loss.item())
"""),),
        loses=frozenset({"test_beat_the_video"}),
        named="over the training budget",
    ),
]

ALTERNATIVES = [
    Alternative(
        learner="flatten_by_slices_and_warns",
        description="FlattenConsecutive concatenates strided slices (and warns on every call); Sequential keeps a "
                    "tuple and collects the parameters with a loop",
        cell="flatten_sequential",
        edits=(
            ("""        self.n = n
""", """        self.n = int(n)
"""),
            ("""        B, T, C = x.shape
        if T % self.n:
            raise ValueError(f"FlattenConsecutive({self.n}): a sequence of length {T} is not divisible by {self.n}")
        x = x.reshape(B, T // self.n, C * self.n)  # row-major: consecutive time steps end up side by side
        if x.shape[1] == 1:
            x = x.squeeze(1)
        self.out = x
        return self.out
""", """        import warnings

        warnings.warn("FlattenConsecutive: concatenating slices copies the tensor")
        if x.shape[1] % self.n != 0:
            raise ValueError(f"length {x.shape[1]} is not divisible by n = {self.n}")
        x = torch.cat([x[:, i::self.n] for i in range(self.n)], dim=2)  # time steps i, i + n, ... side by side
        self.out = x[:, 0] if x.shape[1] == 1 else x
        return self.out
"""),
            ("""        self.layers = layers
""", """        self.layers = tuple(layers)
"""),
            ("""        return [p for layer in self.layers for p in layer.parameters()]
""", """        params = []
        for layer in self.layers:
            params.extend(layer.parameters())
        return params
"""),
        ),
    ),
    Alternative(
        learner="batchnorm_float64_by_hand",
        description="BatchNorm1d computes its statistics in float64 on x.reshape(-1, C), the variance by hand with "
                    "an n / (n - 1) correction, and updates the running statistics in place",
        cell="batchnorm",
        edits=(
            ("""        dims = tuple(range(x.ndim - 1))  # every dimension but the features: (0,) or (0, 1)
        if self.training:
            mean = x.mean(dims)
            var = x.var(dims, correction=0)  # biased: normalise the batch by its own spread
        else:
            mean, var = self.running_mean, self.running_var
        self.out = self.gamma * (x - mean) / torch.sqrt(var + self.eps) + self.beta
        if self.training:
            with torch.no_grad():
                m = self.momentum
                self.running_mean = (1 - m) * self.running_mean + m * x.mean(dims)
                self.running_var = (1 - m) * self.running_var + m * x.var(dims)  # unbiased, as PyTorch does
        return self.out
""", """        flat = x.reshape(-1, x.shape[-1]).double()  # every value of a feature in one column
        if self.training:
            n = flat.shape[0]
            mean = flat.mean(0)
            var = ((flat - mean) ** 2).sum(0) / n
            with torch.no_grad():
                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean.float())
                self.running_var.mul_(1 - self.momentum).add_(self.momentum * (var * n / (n - 1)).float())
        else:
            mean, var = self.running_mean.double(), self.running_var.double()
        normalised = ((x.double() - mean) * torch.rsqrt(var + self.eps)).to(x.dtype)
        self.out = normalised * self.gamma + self.beta
        return self.out
"""),
        ),
    ),
    Alternative(
        learner="explicit_build_and_module_net",
        description="build_wavenet lists its layers one by one and divides the last weight by 10 (a new tensor); "
                    "conv_wavenet returns an nn.Module that pads with torch.cat and ends in a Linear per position",
        cell="build_wavenet",
        edits=((SOLUTION, """\
    g = generator
    emb = Embedding(vocab_size, n_embd, generator=g)
    lin1 = Linear(2 * n_embd, n_hidden, bias=False, generator=g)
    lin2 = Linear(2 * n_hidden, n_hidden, bias=False, generator=g)
    lin3 = Linear(2 * n_hidden, n_hidden, bias=False, generator=g)
    head = Linear(n_hidden, vocab_size, generator=g)
    head.weight = head.weight / 10
    return Sequential([emb,
                       FlattenConsecutive(2), lin1, BatchNorm1d(n_hidden), Tanh(),
                       FlattenConsecutive(2), lin2, BatchNorm1d(n_hidden), Tanh(),
                       FlattenConsecutive(2), lin3, BatchNorm1d(n_hidden), Tanh(),
                       head])
"""),),
        more=(("conv_wavenet", ((SOLUTION, """\
    class ConvWaveNet(nn.Module):
        def __init__(self, layers):
            super().__init__()
            self.embedding = nn.Embedding.from_pretrained(layers[0].weight.clone())
            blocks = []
            for i, dilation in zip((2, 6, 10), (1, 2, 4)):
                lin, bn = layers[i], layers[i + 1]
                C = lin.weight.shape[0] // 2
                conv = nn.Conv1d(C, lin.weight.shape[1], kernel_size=2, dilation=dilation, bias=False)
                norm = nn.BatchNorm1d(lin.weight.shape[1], eps=bn.eps)
                with torch.no_grad():
                    # first neighbour: rows 0..C-1 of the Linear weight, second: rows C..2C-1
                    conv.weight.copy_(torch.stack([lin.weight[:C].T, lin.weight[C:].T], dim=-1))
                    norm.weight.copy_(bn.gamma)
                    norm.bias.copy_(bn.beta)
                    norm.running_mean.copy_(bn.running_mean)
                    norm.running_var.copy_(bn.running_var)
                blocks += [conv, norm, nn.Tanh()]
            self.body = nn.Sequential(*blocks)
            self.head = nn.Linear(*layers[-1].weight.shape)
            with torch.no_grad():
                self.head.weight.copy_(layers[-1].weight.T)
                self.head.bias.copy_(layers[-1].bias)
            self.eval()

        def forward(self, idx):
            dots = torch.zeros((idx.shape[0], 7), dtype=idx.dtype)  # '.' (index 0): the receptive field is 8
            x = self.embedding(torch.cat([dots, idx], dim=1)).transpose(1, 2)
            return self.head(self.body(x).transpose(1, 2))

    return ConvWaveNet(model.layers)
"""),)),),
    ),
    Alternative(
        learner="e05_float64_logits_and_warns",
        description="the E05 model fuses neighbours by unflatten/flatten, applies BatchNorm through a transpose and "
                    "returns float64 logits, warning in eval mode (trained for real: the training runs this model)",
        cell="e05_model",
        edits=(
            ("""    def forward(self, x):
        B, T, C = x.shape
        x = x.reshape(B, T // 2, 2 * C)
        return x.squeeze(1) if x.shape[1] == 1 else x
""", """    def forward(self, x):
        x = x.unflatten(1, (x.shape[1] // 2, 2)).flatten(2)  # (B, T/2, 2, C) -> (B, T/2, 2C)
        return x[:, 0] if x.shape[1] == 1 else x
"""),
            ("""        return self.bn(x.reshape(-1, x.shape[-1])).view(x.shape)
""", """        return self.bn(x.transpose(1, 2)).transpose(1, 2) if x.ndim == 3 else self.bn(x)
"""),
            ("""    model = nn.Sequential(*layers)
""", """    class Float64Logits(nn.Module):
        def forward(self, logits):
            if not self.training:
                import warnings

                warnings.warn("evaluating in float64")
            return logits.double()

    model = nn.Sequential(*layers, Float64Logits())  # no parameters: the state_dict keys stay those of 14 layers
"""),
            ("""        model[-1].weight *= 0.1
""", """        model[13].weight *= 0.1  # the last Linear (model[-1] is the float64 cast)
"""),
        ),
    ),
]
