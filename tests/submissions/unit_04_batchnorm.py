"""Deliberately wrong submissions for 04_batchnorm and the test cells each must lose (and only those).

A wrong running variance is wrong wherever the running statistics are used: the eval-mode comparison with
PyTorch loses too. The other experiments (E01, E02, E04) use torch.nn layers, so an E03 mistake costs only E03.
"""

from tests.submissions import Mistake

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
]
