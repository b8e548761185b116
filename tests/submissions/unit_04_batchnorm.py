"""Submissions for 04_batchnorm: wrong ones and the test cells each must lose (and only those), and correct ones
written another way than the solution, which must score full marks.

A wrong running variance is wrong wherever the running statistics are used: the eval-mode comparison with
PyTorch loses too. The other experiments (E01, E02, E04) use torch.nn layers, so an E03 mistake costs only E03.
"""

from tests.submissions import SOLUTION, Alternative, Mistake

MISTAKES = [
    Mistake(
        learner="bn_unbiased_normalisation",
        description="training mode normalises with the unbiased variance x.var(0)",
        cell="layers",
        edits=(("var = x.var(0, correction=0)", "var = x.var(0)"),),
        loses=frozenset({"test_batchnorm_training", "test_batchnorm_gradients"}),
        named="normalised with the unbiased variance",
    ),
    Mistake(
        learner="bn_running_var_biased",
        description="running_var updated with the biased batch variance",
        cell="layers",
        edits=(("self.running_var = (1 - m) * self.running_var + m * x.var(0)",
                "self.running_var = (1 - m) * self.running_var + m * var"),),
        loses=frozenset({"test_batchnorm_training", "test_batchnorm_eval"}),
        named="running_var updated with the biased variance",
    ),
    Mistake(
        learner="bn_updates_in_eval",
        description="running statistics also updated in eval mode",
        cell="layers",
        edits=(("        else:\n            mean, var = self.running_mean, self.running_var\n",
                "        else:\n            with torch.no_grad():\n"
                "                self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * x.mean(0)\n"
                "                self.running_var = (1 - self.momentum) * self.running_var + self.momentum * x.var(0)\n"
                "            mean, var = self.running_mean, self.running_var\n"),),
        loses=frozenset({"test_batchnorm_eval"}),
        named="updated in eval mode",
    ),
    Mistake(
        learner="linear_fan_out",
        description="Linear weights scaled by 1/sqrt(fan_out)",
        cell="layers",
        edits=(("generator=generator) / fan_in**0.5", "generator=generator) / fan_out**0.5"),),
        loses=frozenset({"test_linear"}),
        named="divided by sqrt(fan_out)",
    ),
    Mistake(
        learner="grad_is_not_none",
        description="a parameter counted as learning when its .grad exists, zero or not",
        cell="zero_init",
        edits=(("if p.grad is not None and bool(p.grad.any())", "if p.grad is not None"),),
        loses=frozenset({"test_names_that_learn"}),
        named="every parameter gets a .grad tensor",
    ),
    Mistake(
        learner="fold_without_eps",
        description="folding divides by sqrt(running_var), forgetting eps",
        cell="folding",
        edits=(("torch.sqrt(bn.running_var + bn.eps)", "torch.sqrt(bn.running_var)"),),
        loses=frozenset({"test_fold_linear_bn"}),  # with PyTorch's eps of 1e-5 the networks' logits still agree
        named="eps is missing",
    ),
    Mistake(
        learner="fold_without_running_mean",
        description="the folded bias forgets to subtract the running mean",
        cell="folding",
        edits=(("(bias - bn.running_mean) * scale + bn.bias", "bias * scale + bn.bias"),),
        loses=frozenset({"test_fold_linear_bn", "test_fold_batchnorm"}),
        named="the running mean is not subtracted",
    ),
    Mistake(
        learner="saturation_as_fraction",
        description="saturation reported as a fraction instead of a percentage",
        cell="diagnostics",
        edits=((".float().mean().item() * 100]", ".float().mean().item()]"),),
        loses=frozenset({"test_activation_stats"}),
        named="saturation as a fraction",
    ),
    Mistake(
        learner="update_ratio_without_log10",
        description="update:data ratio not on the log10 scale",
        cell="diagnostics",
        edits=(("/ p.std()).log10().item()", "/ p.std()).item()"),),
        loses=frozenset({"test_update_data_ratios"}),
        named="the log10 is missing",
    ),
    Mistake(
        learner="zero_loss_copied",
        description="zero_dev_loss copied from the references file, the model zero-initialised but never trained",
        cell="zero_run",
        edits=((SOLUTION,
                "zero_model = deep_net()\n"
                "zero_init_(zero_model)\n"
                "learners = {'18.bias'}  # copied from someone's output\n"
                "zero_dev_loss = ref['dev loss of the zero-initialised deep_net after 2,000 steps (seed 42)'].item()\n"),),
        loses=frozenset({"test_zero_loss"}),
        named="is not the dev loss of your zero_model",
    ),
    Mistake(
        learner="names_condition_inverted",
        description="names_that_learn records the parameters whose gradient is all zero (the condition inverted)",
        cell="zero_init",
        edits=(("if p.grad is not None and bool(p.grad.any())", "if p.grad is not None and not p.grad.any()"),),
        loses=frozenset({"test_names_that_learn"}),
        # The message gives counts only (the hidden network's check fails first: 1 missing, 4 wrong); it names no
        # parameter, so the expected set stays unsaid.
        named="1 parameter(s) whose gradient is non-zero at some step are missing from your set",
    ),
]

ALTERNATIVES = [
    Alternative(
        learner="diagnostics_other_forms",
        description="E04 written otherwise: torch.tensor of a list of 0-d grad-tracking tensors (warns), float64 "
                    "statistics stacked, update ratios left tracking gradients",
        cell="diagnostics",
        edits=(("    return torch.tensor([[t.mean().item(), t.std().item(), (t.abs() > 0.97).float().mean().item() * 100]\n"
                "                         for t in outputs])",
                "    rows = []\n"
                "    for t in outputs:\n"
                "        t = t.double()\n"
                "        rows.append(torch.stack([t.mean(), t.std(), 100 * (t.abs() > 0.97).double().mean()]))\n"
                "    return torch.stack(rows)"),
               ("    return torch.tensor([(p.grad.std() / p.std()).item() for p in weights])",
                "    return torch.tensor([p.grad.std() / p.std() for p in weights])  # warns: the issue's answer"),
               ("    return torch.tensor([((lr * p.grad).std() / p.std()).log10().item() for p in params])",
                "    return torch.stack([torch.log10((lr * p.grad).std() / p.std()) for p in params])")),
    ),
    Alternative(
        learner="layers_other_formulas",
        description="E03 written otherwise: * fan_in**-0.5, addmm, variance as the mean squared deviation, the "
                    "unbiased one rescaled by n / (n - 1), rsqrt, running statistics updated in place",
        cell="layers",
        edits=(("self.weight = torch.randn((fan_in, fan_out), generator=generator) / fan_in**0.5",
                "self.weight = torch.randn(fan_in, fan_out, generator=generator) * fan_in**-0.5"),
               ("        self.out = x @ self.weight\n        if self.bias is not None:\n"
                "            self.out = self.out + self.bias\n",
                "        self.out = x @ self.weight if self.bias is None else torch.addmm(self.bias, x, self.weight)\n"),
               ("            mean = x.mean(0)\n            var = x.var(0, correction=0)  # biased: the batch is the whole "
                "population being normalised\n            with torch.no_grad():\n                m = self.momentum\n"
                "                self.running_mean = (1 - m) * self.running_mean + m * mean\n"
                "                self.running_var = (1 - m) * self.running_var + m * x.var(0)  # unbiased, as PyTorch does\n",
                "            n = x.shape[0]\n            mean = x.sum(0) / n\n            var = ((x - mean) ** 2).mean(0)\n"
                "            with torch.no_grad():\n"
                "                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)\n"
                "                self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * n / (n - 1))\n"),
               ("self.out = self.gamma * (x - mean) / torch.sqrt(var + self.eps) + self.beta",
                "self.out = (x - mean) * torch.rsqrt(var + self.eps) * self.gamma + self.beta")),
    ),
    Alternative(
        learner="folding_other_formulas",
        description="E02 written otherwise: rsqrt and a diagonal matrix, weights assigned as new Parameters, the "
                    "network walked with enumerate and a skip flag",
        cell="folding",
        edits=(("    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)  # per output feature\n"
                "    bias = linear.bias if linear.bias is not None else torch.zeros(linear.out_features)\n"
                "    folded = nn.Linear(linear.in_features, linear.out_features, bias=True)\n"
                "    with torch.no_grad():\n"
                "        folded.weight.copy_(linear.weight * scale[:, None])\n"
                "        folded.bias.copy_((bias - bn.running_mean) * scale + bn.bias)\n",
                "    with torch.no_grad():\n"
                "        scale = bn.weight * torch.rsqrt(bn.running_var + bn.eps)\n"
                "        shift = bn.bias - bn.running_mean * scale\n"
                "        folded = nn.Linear(linear.in_features, linear.out_features)\n"
                "        folded.weight = nn.Parameter(torch.diag(scale) @ linear.weight)\n"
                "        folded.bias = nn.Parameter(shift if linear.bias is None else linear.bias * scale + shift)\n"),
               ("    modules, layers, i = list(model), [], 0\n"
                "    while i < len(modules):\n"
                "        if (isinstance(modules[i], nn.Linear) and i + 1 < len(modules)\n"
                "                and isinstance(modules[i + 1], nn.BatchNorm1d)):\n"
                "            layers.append(fold_linear_bn(modules[i], modules[i + 1]))\n"
                "            i += 2\n"
                "        else:\n"
                "            layers.append(copy.deepcopy(modules[i]))\n"
                "            i += 1\n",
                "    modules, layers, skip = list(model.children()), [], False\n"
                "    for i, m in enumerate(modules):\n"
                "        if skip:\n"
                "            skip = False\n"
                "            continue\n"
                "        after = modules[i + 1] if i + 1 < len(modules) else None\n"
                "        if isinstance(m, nn.Linear) and isinstance(after, nn.BatchNorm1d):\n"
                "            layers.append(fold_linear_bn(m, after))\n"
                "            skip = True\n"
                "        else:\n"
                "            layers.append(copy.deepcopy(m))\n")),
    ),
    Alternative(
        learner="zero_init_other_forms",
        description="E01 written otherwise: nn.init.zeros_, training one step at a time, a frozenset, a progress "
                    "line printed to stderr inside names_that_learn, the dev loss computed by hand",
        cell="zero_init",
        edits=(("    with torch.no_grad():\n        for p in model.parameters():\n            p.zero_()\n",
                "    for name, p in model.named_parameters():\n        nn.init.zeros_(p)\n"),
               ("    names = set()\n\n    def record(m):\n"
                "        names.update(name for name, p in m.named_parameters() if p.grad is not None and bool(p.grad.any()))\n"
                "\n    train(model, steps, generator, after_backward=record)\n    return names\n",
                "    names = []\n    for step in range(steps):\n        train(model, 1, generator)\n"
                "        names += [name for name, p in model.named_parameters() if p.grad.abs().sum() > 0]\n"
                "    print(f'names_that_learn: {steps} steps done', file=sys.stderr)\n"
                "    return frozenset(names)\n")),
        more=(("zero_run", ((SOLUTION,
                             "zero_model = deep_net()\n"
                             "zero_init_(zero_model)\n"
                             "learners = names_that_learn(zero_model, 2000, torch.Generator().manual_seed(42))\n"
                             "zero_model.eval()\n"
                             "with torch.no_grad():\n"
                             "    zero_dev_loss = float(F.cross_entropy(zero_model(Xdev), Ydev))\n"
                             "zero_model.train()\n"),)),),
    ),
]
