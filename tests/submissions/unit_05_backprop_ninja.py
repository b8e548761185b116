"""Submissions for 05_backprop_ninja: wrong ones with the test cells each must lose (and only those), and correct
ones written another way, which must score full marks.

In exercise 1 a mistake costs only its own gradient's test: the graders run manual_backward once per gradient
checked, and reading back any other gradient serves the correct one. The one-go functions of exercises 2 and 3 are
reused by exercise 4, so a wrong one also loses the parameter-gradient test and, when the training run drifts from
autograd's, the training test.
"""

from tests.submissions import SOLUTION, Alternative, Mistake

# The solution's four regions of manual_backward, each replaced whole by the alternatives written another way.
PART1 = '''    dlogprobs = torch.zeros_like(logprobs)
    dlogprobs[range(n), Yb] = -1.0 / n
    d["dlogprobs"] = dlogprobs
    d["dprobs"] = (1.0 / probs) * d["dlogprobs"]
    d["dcounts_sum_inv"] = (counts * d["dprobs"]).sum(1, keepdim=True)
    d["dcounts"] = counts_sum_inv * d["dprobs"]
    d["dcounts_sum"] = -(counts_sum**-2) * d["dcounts_sum_inv"]
    d["dcounts"] += torch.ones_like(counts) * d["dcounts_sum"]
    d["dnorm_logits"] = counts * d["dcounts"]
    d["dlogit_maxes"] = (-d["dnorm_logits"]).sum(1, keepdim=True)
    d["dlogits"] = d["dnorm_logits"].clone()
    d["dlogits"] += F.one_hot(logits.max(1).indices, num_classes=logits.shape[1]) * d["dlogit_maxes"]
'''
PART2 = '''    d["dh"] = d["dlogits"] @ W2.T
    d["dW2"] = h.T @ d["dlogits"]
    d["db2"] = d["dlogits"].sum(0)
    d["dhpreact"] = (1.0 - h**2) * d["dh"]
'''
PART3 = '''    d["dbngain"] = (bnraw * d["dhpreact"]).sum(0, keepdim=True)
    d["dbnbias"] = d["dhpreact"].sum(0, keepdim=True)
    d["dbnraw"] = bngain * d["dhpreact"]
    d["dbnvar_inv"] = (bndiff * d["dbnraw"]).sum(0, keepdim=True)
    d["dbndiff"] = bnvar_inv * d["dbnraw"]
    d["dbnvar"] = (-0.5 * (bnvar + 1e-5) ** -1.5) * d["dbnvar_inv"]
    d["dbndiff2"] = (1.0 / (n - 1)) * torch.ones_like(bndiff2) * d["dbnvar"]
    d["dbndiff"] += (2 * bndiff) * d["dbndiff2"]
    d["dbnmeani"] = (-d["dbndiff"]).sum(0, keepdim=True)
    d["dhprebn"] = d["dbndiff"].clone()
    d["dhprebn"] += 1.0 / n * (torch.ones_like(hprebn) * d["dbnmeani"])
'''
PART4 = '''    d["dembcat"] = d["dhprebn"] @ W1.T
    d["dW1"] = embcat.T @ d["dhprebn"]
    d["db1"] = d["dhprebn"].sum(0)
    d["demb"] = d["dembcat"].view(emb.shape)
    dC = torch.zeros_like(C)
    dC.index_add_(0, Xb.flatten(), d["demb"].view(-1, emb.shape[2]))  # every (example, position) adds its row
    d["dC"] = dC
'''

# The video's way: every gradient in a local variable, each step reading the local ones; written to d at the very end.
VIDEO_PART1 = '''    dlogprobs = torch.zeros_like(logprobs)
    dlogprobs[range(n), Yb] = -1.0 / n
    dprobs = (1.0 / probs) * dlogprobs
    dcounts_sum_inv = (counts * dprobs).sum(1, keepdim=True)
    dcounts = counts_sum_inv * dprobs
    dcounts_sum = (-counts_sum**-2) * dcounts_sum_inv
    dcounts += torch.ones_like(counts) * dcounts_sum
    dnorm_logits = counts * dcounts
    dlogit_maxes = (-dnorm_logits).sum(1, keepdim=True)
    dlogits = dnorm_logits.clone()
    dlogits += F.one_hot(logits.max(1).indices, num_classes=logits.shape[1]) * dlogit_maxes
'''
VIDEO_PART2 = '''    dh = dlogits @ W2.T
    dW2 = h.T @ dlogits
    db2 = dlogits.sum(0)
    dhpreact = (1.0 - h**2) * dh
'''
VIDEO_PART3 = '''    dbngain = (bnraw * dhpreact).sum(0, keepdim=True)
    dbnbias = dhpreact.sum(0, keepdim=True)
    dbnraw = bngain * dhpreact
    dbnvar_inv = (bndiff * dbnraw).sum(0, keepdim=True)
    dbndiff = bnvar_inv * dbnraw
    dbnvar = (-0.5 * (bnvar + 1e-5) ** -1.5) * dbnvar_inv
    dbndiff2 = (1.0 / (n - 1)) * torch.ones_like(bndiff2) * dbnvar
    dbndiff += (2 * bndiff) * dbndiff2
    dbnmeani = (-dbndiff).sum(0, keepdim=True)
    dhprebn = dbndiff.clone()
    dhprebn += 1.0 / n * (torch.ones_like(hprebn) * dbnmeani)
'''
VIDEO_PART4 = '''    dembcat = dhprebn @ W1.T
    dW1 = embcat.T @ dhprebn
    db1 = dhprebn.sum(0)
    demb = dembcat.view(emb.shape)
    dC = torch.zeros_like(C)
    for k in range(Xb.shape[0]):
        for j in range(Xb.shape[1]):
            ix = Xb[k, j]
            dC[ix] += demb[k, j]
    d["dlogprobs"] = dlogprobs
    d["dprobs"] = dprobs
    d["dcounts_sum_inv"] = dcounts_sum_inv
    d["dcounts_sum"] = dcounts_sum
    d["dcounts"] = dcounts
    d["dnorm_logits"] = dnorm_logits
    d["dlogit_maxes"] = dlogit_maxes
    d["dlogits"] = dlogits
    d["dh"] = dh
    d["dW2"] = dW2
    d["db2"] = db2
    d["dhpreact"] = dhpreact
    d["dbngain"] = dbngain
    d["dbnbias"] = dbnbias
    d["dbnraw"] = dbnraw
    d["dbnvar_inv"] = dbnvar_inv
    d["dbnvar"] = dbnvar
    d["dbndiff2"] = dbndiff2
    d["dbndiff"] = dbndiff
    d["dbnmeani"] = dbnmeani
    d["dhprebn"] = dhprebn
    d["dembcat"] = dembcat
    d["dW1"] = dW1
    d["db1"] = db1
    d["demb"] = demb
    d["dC"] = dC
'''

# Written as it goes (`d["dprobs"] = dprobs = ...`), each step reading local variables, all in float64, with a
# print to stderr on the way.
F64_PART1 = '''    import sys
    print("manual_backward: computing in float64", file=sys.stderr)
    (h, W2, W1, bngain, bnraw, bndiff, bnvar, bnvar_inv, bndiff2, hprebn, embcat, C, emb, logits, counts, counts_sum,
     counts_sum_inv, probs, logprobs) = (t.double() for t in (h, W2, W1, bngain, bnraw, bndiff, bnvar, bnvar_inv,
                                                              bndiff2, hprebn, embcat, C, emb, logits, counts,
                                                              counts_sum, counts_sum_inv, probs, logprobs))
    d["dlogprobs"] = dlogprobs = -F.one_hot(Yb, logprobs.shape[1]).double() / n
    d["dprobs"] = dprobs = dlogprobs / probs
    d["dcounts_sum_inv"] = dcounts_sum_inv = (counts * dprobs).sum(1, keepdim=True)
    d["dcounts_sum"] = dcounts_sum = -dcounts_sum_inv / counts_sum**2
    d["dcounts"] = dcounts = counts_sum_inv * dprobs + dcounts_sum
    d["dnorm_logits"] = dnorm_logits = counts * dcounts
    d["dlogit_maxes"] = dlogit_maxes = -dnorm_logits.sum(1, keepdim=True)
    d["dlogits"] = dlogits = dnorm_logits + (logits == logits.max(1, keepdim=True).values) * dlogit_maxes
'''
F64_PART2 = '''    d["dh"] = dh = dlogits @ W2.T
    d["dW2"] = dlogits.T.mm(h).T
    d["db2"] = dlogits.sum(0)
    d["dhpreact"] = dhpreact = (1.0 - h * h) * dh
'''
F64_PART3 = '''    d["dbngain"] = (bnraw * dhpreact).sum(0, keepdim=True)
    d["dbnbias"] = dhpreact.sum(0, keepdim=True)
    d["dbnraw"] = dbnraw = bngain * dhpreact
    d["dbnvar_inv"] = dbnvar_inv = (bndiff * dbnraw).sum(0, keepdim=True)
    d["dbnvar"] = dbnvar = -0.5 * bnvar_inv**3 * dbnvar_inv
    d["dbndiff2"] = dbndiff2 = dbnvar.expand_as(bndiff2) / (n - 1)
    d["dbndiff"] = dbndiff = bnvar_inv * dbnraw + 2 * bndiff * dbndiff2
    d["dbnmeani"] = dbnmeani = -dbndiff.sum(0, keepdim=True)
    d["dhprebn"] = dhprebn = dbndiff + dbnmeani / n
'''
F64_PART4 = '''    d["dembcat"] = dembcat = dhprebn @ W1.T
    d["dW1"] = embcat.T @ dhprebn
    d["db1"] = dhprebn.sum(0)
    d["demb"] = demb = dembcat.view(emb.shape)
    d["dC"] = F.one_hot(Xb.flatten(), C.shape[0]).double().T @ demb.reshape(-1, C.shape[1])
'''

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
        learner="logit_maxes_sign_flipped",
        description="dlogit_maxes = +sum(dnorm_logits): the sign of the subtraction forgotten (hides behind a ~0 value)",
        cell="manual_backward",
        edits=(('d["dlogit_maxes"] = (-d["dnorm_logits"]).sum(1, keepdim=True)',
                'd["dlogit_maxes"] = d["dnorm_logits"].sum(1, keepdim=True)'),),
        loses=frozenset({"test_dlogit_maxes"}),
        named="the sign: logit_maxes is subtracted",
    ),
    Mistake(
        learner="dlogits_from_a_local_dlogit_maxes",
        description="reads d['dnorm_logits'] but adds a local dlogit_maxes into dlogits: the values are right, the "
                    "rule (read upstream gradients from d) is broken, and the test says so in words",
        cell="manual_backward",
        edits=(('    d["dlogit_maxes"] = (-d["dnorm_logits"]).sum(1, keepdim=True)\n',
                '    dlogit_maxes = (-d["dnorm_logits"]).sum(1, keepdim=True)\n    d["dlogit_maxes"] = dlogit_maxes\n'),
               ('num_classes=logits.shape[1]) * d["dlogit_maxes"]', 'num_classes=logits.shape[1]) * dlogit_maxes')),
        loses=frozenset({"test_dlogits"}),
        named='This test serves its own d["dnorm_logits"] and d["dlogit_maxes"] and checks the step itself',
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
    Mistake(
        learner="learning_rate_drop_hard_coded",
        description="a 300-step run whose learning rate drops at the video's step 100,000 instead of max_steps // 2",
        cell="manual_training",
        edits=(("g = torch.Generator().manual_seed(2147483647)\n",
                "max_steps = 300\ng = torch.Generator().manual_seed(2147483647)\n"),
               ("lr = 0.1 if i < max_steps // 2 else 0.01", "lr = 0.1 if i < 100_000 else 0.01")),
        loses=frozenset({"test_manual_training"}),
        named="the learning rate stays 0.1",
    ),
]

ALTERNATIVES = [
    Alternative(
        learner="in_place_writes_short_run",
        description="exercise 1 with in-place writes into d's tensors (d['dlogprobs'][range(n), Yb] = ..., "
                    "d['dcounts'].add_(...), d['dlogits'][rows, argmax] += ..., d['dbndiff'].addcmul_(...), "
                    "d['dC'].index_add_(...)); exercise 4 trained for max_steps = 300 with p.sub_(lr * grad)",
        cell="manual_backward",
        edits=(
            ('    dlogprobs = torch.zeros_like(logprobs)\n    dlogprobs[range(n), Yb] = -1.0 / n\n'
             '    d["dlogprobs"] = dlogprobs\n',
             '    d["dlogprobs"] = torch.zeros_like(logprobs)\n    d["dlogprobs"][range(n), Yb] = -1.0 / n\n'),
            ('    d["dcounts"] += torch.ones_like(counts) * d["dcounts_sum"]\n',
             '    d["dcounts"].add_(d["dcounts_sum"])\n'),
            ('    d["dlogits"] += F.one_hot(logits.max(1).indices, num_classes=logits.shape[1]) * d["dlogit_maxes"]\n',
             '    d["dlogits"][range(n), logits.max(1).indices] += d["dlogit_maxes"][:, 0]\n'),
            ('    d["dbndiff"] += (2 * bndiff) * d["dbndiff2"]\n',
             '    d["dbndiff"].addcmul_(2 * bndiff, d["dbndiff2"])\n'),
            ('    dC = torch.zeros_like(C)\n    dC.index_add_(0, Xb.flatten(), d["demb"].view(-1, emb.shape[2]))'
             '  # every (example, position) adds its row\n    d["dC"] = dC\n',
             '    d["dC"] = torch.zeros_like(C)\n    d["dC"].index_add_(0, Xb.flatten(), d["demb"].view(-1, emb.shape[2]))\n'),
        ),
        more=(("manual_training", (
            ("g = torch.Generator().manual_seed(2147483647)\n",
             "max_steps = 300  # a shorter run than the default\ng = torch.Generator().manual_seed(2147483647)\n"),
            ("            p -= lr * grad\n", "            p.sub_(lr * grad)\n"),
        )),),
    ),
    Alternative(
        learner="video_local_variables",
        description="exercise 1 the video's way: every gradient in a local variable, dC by a double loop, all written "
                    "to d at the very end; F.softmax(logits) without dim (a warning) in exercise 2; a run of "
                    "max_steps = 150 (< 200: the retrace covers it all)",
        cell="manual_backward",
        edits=((PART1, VIDEO_PART1), (PART2, VIDEO_PART2), (PART3, VIDEO_PART3), (PART4, VIDEO_PART4)),
        more=(("cross_entropy_backward", (("F.softmax(logits, 1)", "F.softmax(logits)"),)),
              ("manual_training", (("g = torch.Generator().manual_seed(2147483647)\n",
                                    "max_steps = 150\ng = torch.Generator().manual_seed(2147483647)\n"),))),
    ),
    Alternative(
        learner="float64_as_it_goes_default_run",
        description="exercise 1 in float64, written as it goes (d['dprobs'] = dprobs = ...) from local variables, "
                    "other formulas (one_hot, masks, expand, a one-hot matmul for dC), a print to stderr; another "
                    "BatchNorm formula; manual_param_grads returning a tuple, float(loss) and dC by one-hot matmul; "
                    "the default 20,000-step run",
        cell="manual_backward",
        edits=((PART1, F64_PART1), (PART2, F64_PART2), (PART3, F64_PART3), (PART4, F64_PART4)),
        more=(("batchnorm_backward", ((SOLUTION, '''    n = dhpreact.shape[0]
    dbnraw = bngain * dhpreact
    return bnvar_inv * (dbnraw - dbnraw.mean(0, keepdim=True)
                        - bnraw * (dbnraw * bnraw).sum(0, keepdim=True) / (n - 1))'''),)),
              ("manual_param_grads", (
                  ("    dC = torch.zeros_like(C).index_add_(0, Xb.flatten(), dembcat.view(-1, emb.shape[2]))\n"
                   '    return f["loss"].item(), [dC, dW1, db1, dW2, db2, dbngain, dbnbias]\n',
                   "    dC = F.one_hot(Xb.flatten(), C.shape[0]).to(C.dtype).T @ dembcat.view(-1, emb.shape[2])\n"
                   '    return float(f["loss"]), (dC, dW1, db1, dW2, db2, dbngain, dbnbias)\n'),))),
    ),
    Alternative(
        learner="one_hot_cross_entropy_rebound_params",
        description="exercise 2 as (softmax - one_hot) / n in one line; training that rebinds params to new tensors "
                    "each step and records each loss as a 0-d tensor, for max_steps = 64",
        cell="cross_entropy_backward",
        edits=((SOLUTION, "    return (F.softmax(logits, dim=-1) - F.one_hot(Yb, logits.shape[1])) / logits.shape[0]"),),
        more=(("manual_training", ((SOLUTION, '''max_steps = 64
g = torch.Generator().manual_seed(2147483647)
params = init_params(200, g)
lossi = []
with torch.no_grad():
    for i in range(max_steps):
        ix = torch.randint(0, Xtr.shape[0], (32,), generator=g)
        loss, grads = manual_param_grads(params, Xtr[ix], Ytr[ix])
        lr = 0.1 if i < max_steps // 2 else 0.01
        params = [p - lr * grad for p, grad in zip(params, grads)]
        lossi.append(torch.tensor(loss))'''),)),),
    ),
]
