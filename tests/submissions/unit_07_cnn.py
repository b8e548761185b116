"""Deliberately wrong submissions for 07_cnn and the test cells each must lose (and only those).

E01 (loops) is used by nothing else. E05's Conv2dFunction runs the vectorised forward pass of E02 and the
backward pass of E03, so their mistakes can also cost E05: a wrong forward pass gives a wrong loss and wrong
gradients, and a trained model whose logits differ from F.conv2d's; a gradient of the wrong shape makes autograd
refuse the backward pass (the training cell then raises, leaving no trained model). Autograd itself sums a
gradient that has extra leading dimensions (it "un-broadcasts"), so a weight gradient not summed over the batch
is repaired inside Conv2dFunction and costs only E03's own dw test. patch_embed projects patchify's output, so a
wrong patch order loses both E06 tests.

"Your own code only" is enforced at PyTorch's dispatcher (a TorchDispatchMode while a test runs the learner's code),
so PyTorch's convolution and max-pooling are refused however they are reached: torch.ops.aten.*, F.conv3d on an
extra dimension, or inside autograd's backward pass (a Conv2dFunction whose backward calls aten's
convolution_backward loses E05's gradient test; its training, outside the test, still runs, and the trained model's
forward pass is the learner's own, so the training test keeps its points).

The training budget is counted by the locked budget cell (every backward pass and torch.optim step from there on);
training past it raises at step max_steps + 1, so the mistake that does it costs only the budget's 1,500 steps.

E05's training takes about 15 s. A submission whose edits lie outside it and the cells it runs (E02's conv2d, E03's
backward pass, Conv2dFunction, the model, the budget) would train exactly the solution's weights, so it loads the
ones the solution's graded run saved (REUSED_TRAINING); the others (E02, E03, E05 edits) train for real.
"""

from tests.submissions import SOLUTION, Alternative, Mistake, ReusedTraining

REUSED_TRAINING = ReusedTraining(
    cell="cnn_training",
    saved="cnn_model.pt",
    source='model = DigitsCNN()\nmodel.load_state_dict(torch.load("cnn_model.pt"))\n',
    uses=frozenset({"setup_data", "conv2d", "conv2d_forward", "conv2d_backward", "conv2d_function", "cnn_model",
                    "parameters", "training_budget"}),
)

SWITCHED_OFF = "is switched off while the test runs your code"

MISTAKES = [
    Mistake(
        learner="flipped_kernel",
        description="conv2d_naive flips the kernel: a true convolution instead of a cross-correlation",
        cell="conv2d_naive",
        edits=(("(window[:, None] * w[None])", "(window[:, None] * w.flip(-2, -1)[None])"),),
        loses=frozenset({"test_conv2d_naive"}),
        named="the kernel is flipped",
    ),
    Mistake(
        learner="output_size_off_by_one",
        description="conv2d_naive's output size (H + 2P - F) // S, without the +1",
        cell="conv2d_naive",
        edits=(("Ho = (H + 2 * padding - Fk) // stride + 1", "Ho = (H + 2 * padding - Fk) // stride"),
               ("Wo = (W + 2 * padding - Fk) // stride + 1", "Wo = (W + 2 * padding - Fk) // stride")),
        loses=frozenset({"test_conv2d_naive"}),
        named="the output size is off by one",
    ),
    Mistake(
        learner="padding_counted_once",
        description="conv2d_naive's output size counts the padding on one side only",
        cell="conv2d_naive",
        edits=(("(H + 2 * padding - Fk)", "(H + padding - Fk)"), ("(W + 2 * padding - Fk)", "(W + padding - Fk)")),
        loses=frozenset({"test_conv2d_naive"}),
        named="the padding is counted once",
    ),
    Mistake(
        learner="vectorised_flipped_kernel",
        description="the vectorised conv2d flips the kernel",
        cell="conv2d",
        edits=(("w.reshape(K, -1) @ cols", "w.flip(-2, -1).reshape(K, -1) @ cols"),),
        # E05 trains through this forward pass: its gradients and the trained model's logits differ from F.conv2d's
        loses=frozenset({"test_conv2d", "test_conv2d_function", "test_cnn_training"}),
        named="the kernel is flipped",
    ),
    Mistake(
        learner="dw_not_summed_over_batch",
        description="the weight gradient kept per example, shape (N, K, C, F, F)",
        cell="conv2d_backward",
        edits=((".sum(0).view(w.shape)", ".view(-1, *w.shape)"),),
        loses=frozenset({"test_conv_dw"}),  # autograd sums the extra batch dimension away inside Conv2dFunction
        named="dw is not summed over the batch",
    ),
    Mistake(
        learner="db_summed_over_batch_only",
        description="the bias gradient summed over the batch but not over the output positions",
        cell="conv2d_backward",
        edits=(("db = dout.sum((0, 2, 3))", "db = dout.sum(0)"),),
        # (K, H_out, W_out) cannot be reduced to (K,): autograd rejects Conv2dFunction's backward, training raises
        loses=frozenset({"test_conv_db", "test_conv2d_function", "test_cnn_training"}),
        named="db is summed over the batch only",
    ),
    Mistake(
        learner="pool_gradient_spread",
        description="max-pooling's backward pass gives the window's gradient to every element of the window",
        cell="maxpool",
        edits=(("dcols.scatter_(1, argmax.unsqueeze(1), dout.reshape(N * C, 1, -1))",
                "dcols += dout.reshape(N * C, 1, -1)"),),
        loses=frozenset({"test_maxpool_backward"}),  # E05's network uses PyTorch's max-pooling
        named="the gradient is spread to every element of its window",
    ),
    Mistake(
        learner="patches_channels_last",
        description="patches flattened in (p, p, C) order",
        cell="patchify",
        edits=(("permute(0, 2, 3, 1, 4, 5)", "permute(0, 2, 3, 4, 5, 1)"),),
        loses=frozenset({"test_patchify", "test_patch_embed"}),
        named="flattened as (p, p, C)",
    ),
    Mistake(
        learner="patches_column_major",
        description="patches numbered column by column over the grid",
        cell="patchify",
        edits=(("permute(0, 2, 3, 1, 4, 5)", "permute(0, 3, 2, 1, 4, 5)"),),
        loses=frozenset({"test_patchify", "test_patch_embed"}),
        named="numbered column by column",
    ),
]

MISTAKES += [
    Mistake(
        learner="naive_via_aten_convolution",
        description="conv2d_naive calls PyTorch's convolution through torch.ops.aten.convolution",
        cell="conv2d_naive",
        edits=((SOLUTION, "    return torch.ops.aten.convolution(x, w, b, [stride, stride], [padding, padding], [1, 1], "
                          "False, [0, 0], 1)\n"),),
        loses=frozenset({"test_conv2d_naive"}),
        named=SWITCHED_OFF,
    ),
    Mistake(
        learner="patch_embed_via_conv3d",
        description="patch_embed runs F.conv3d on an extra depth-1 dimension",
        cell="patch_embed",
        edits=((SOLUTION, "    out = F.conv3d(images.unsqueeze(2), weight.unsqueeze(2), bias, stride=(1, p, p))  # (N, D, 1, H/p, W/p)\n"
                          "    return out.flatten(2).transpose(1, 2)\n"),),
        loses=frozenset({"test_patch_embed"}),
        named=SWITCHED_OFF,
    ),
    Mistake(
        learner="backward_via_aten",
        description="conv2d_backward calls torch.ops.aten.convolution_backward",
        cell="conv2d_backward",
        edits=((SOLUTION, "    dx, dw, db = torch.ops.aten.convolution_backward(\n"
                          "        dout, x, w, [w.shape[0]], [stride, stride], [padding, padding], [1, 1], False, [0, 0], 1,\n"
                          "        [True, True, True])\n"
                          "    return dx, dw, db\n"),),
        # E05's one-step test runs Conv2dFunction's backward pass under the same rule; its training (outside any
        # test) still runs, and the trained model's forward pass is the learner's own
        loses=frozenset({"test_conv_dx", "test_conv_dw", "test_conv_db", "test_conv2d_function"}),
        named=SWITCHED_OFF,
    ),
    Mistake(
        learner="maxpool_via_aten",
        description="maxpool2d takes its output from torch.ops.aten.max_pool2d_with_indices",
        cell="maxpool",
        edits=(("    out, argmax = cols.max(1)\n",
                "    _, argmax = cols.max(1)\n"
                "    out = torch.ops.aten.max_pool2d_with_indices(x, [k, k], [stride, stride])[0]\n"),),
        loses=frozenset({"test_maxpool_forward", "test_maxpool_backward"}),  # the backward test runs maxpool2d first
        named=SWITCHED_OFF,
    ),
    Mistake(
        learner="trains_past_the_budget",
        description="trains twice the budget, 3,000 steps (it keeps no list: the budget cell counts the steps)",
        cell="cnn_training",
        edits=(("for step in range(max_steps):", "for step in range(2 * max_steps):"),),
        # the 1,501st backward pass raises in the training cell; the model trained so far is what the test sees
        loses=frozenset({"test_cnn_training"}),
        named="over the training budget",
    ),
]

ALTERNATIVES = [
    Alternative(
        learner="solution_without_onednn",
        description="the solution on a PyTorch without oneDNN (simulated by switching it off for the whole notebook), "
                    "where PyTorch's own float32 conv2d, which the checks compare with, is 5e-5 off",
        cell="conv2d_naive",
        edits=(("def conv2d_naive(x, w, b, stride=1, padding=0):\n",
                "torch.backends.mkldnn.enabled = False  # as on a build without oneDNN: PyTorch's native conv2d\n"
                "\n\ndef conv2d_naive(x, w, b, stride=1, padding=0):\n"),),
    ),
    Alternative(
        learner="loops_float64_and_warnings",
        description="conv2d_naive loops over every output value in float64 (and warns); conv2d by Tensor.unfold "
                    "and einsum; patchify by reshape and permute; patch_embed by einsum (and prints to stderr)",
        cell="conv2d_naive",
        edits=((SOLUTION, """\
    import warnings

    warnings.warn("conv2d_naive: a Python loop over every output value is slow")
    N, C, H, W = x.shape
    K, _, Fk, _ = w.shape
    xp = torch.zeros((N, C, H + 2 * padding, W + 2 * padding), dtype=torch.float64)
    xp[:, :, padding:padding + H, padding:padding + W] = x
    Ho, Wo = (xp.shape[2] - Fk) // stride + 1, (xp.shape[3] - Fk) // stride + 1
    w64, b64 = w.double(), b.double()
    out = torch.empty((N, K, Ho, Wo), dtype=torch.float64)
    for n in range(N):
        for k in range(K):
            for i in range(Ho):
                for j in range(Wo):
                    window = xp[n, :, i * stride:i * stride + Fk, j * stride:j * stride + Fk]
                    out[n, k, i, j] = (window * w64[k]).sum() + b64[k]
    return out.to(x.dtype)
"""),),
        more=(
            ("conv2d", ((SOLUTION, """\
    windows = F.pad(x, (padding,) * 4).unfold(2, w.shape[2], stride).unfold(3, w.shape[3], stride)  # (N, C, Ho, Wo, F, F)
    return torch.einsum("ncijuv,kcuv->nkij", windows, w) + b[None, :, None, None]
"""),)),
            ("patchify", ((SOLUTION, """\
    N, C, H, W = images.shape
    grid = images.reshape(N, C, H // p, p, W // p, p)  # (N, C, row, u, column, v)
    return grid.permute(0, 2, 4, 1, 3, 5).reshape(N, (H // p) * (W // p), C * p * p)
"""),)),
            ("patch_embed", ((SOLUTION, """\
    import sys

    print("patch_embed: one einsum over the patches", file=sys.stderr)
    return torch.einsum("npk,dk->npd", patchify(images, p), weight.flatten(1)) + bias
"""),)),
        ),
    ),
    Alternative(
        learner="backward_by_scatter_add",
        description="conv2d_backward sends dx back with index_add_ (a scatter-add) instead of F.fold, dw by einsum, "
                    "and returns a list; Conv2dFunction keeps its cache as a plain ctx attribute",
        cell="conv2d_backward",
        edits=((SOLUTION, """\
    N, C, H, W = x.shape
    K, _, Fk, _ = w.shape
    Hp, Wp = H + 2 * padding, W + 2 * padding
    # where each column entry of the forward pass came from: flat indices into the padded image, (F*F, Ho*Wo)
    where = F.unfold(torch.arange(Hp * Wp, dtype=torch.float64).view(1, 1, Hp, Wp), Fk, stride=stride)[0].long()
    cols = F.unfold(x, Fk, padding=padding, stride=stride)  # (N, C*F*F, Ho*Wo)
    g = dout.flatten(2)  # (N, K, Ho*Wo)
    dw = torch.einsum("nkp,nqp->kq", g, cols).reshape(w.shape)
    dcols = torch.einsum("kq,nkp->nqp", w.reshape(K, -1), g).reshape(N, C, -1)  # (N, C, F*F*Ho*Wo)
    dxp = torch.zeros((N, C, Hp * Wp), dtype=dout.dtype).index_add_(2, where.flatten(), dcols)
    dx = dxp.view(N, C, Hp, Wp)[:, :, padding:padding + H, padding:padding + W]
    return [dx, dw, dout.sum(dim=(0, 2, 3))]
"""),),
        more=(("conv2d_function", (
            ("""        out, (x, w, b, stride, padding) = conv2d_forward(x, w, b, stride, padding)
        ctx.save_for_backward(x, w, b)
        ctx.stride, ctx.padding = stride, padding
        return out""", """        out, ctx.cache = conv2d_forward(x, w, b, stride, padding)
        return out"""),
            ("""        x, w, b = ctx.saved_tensors
        dx, dw, db = conv2d_backward(dout, (x, w, b, ctx.stride, ctx.padding))
        return dx, dw, db, None, None""", """        return (*conv2d_backward(dout, ctx.cache), None, None)"""),
        )),),
    ),
    Alternative(
        learner="maxpool_views_dict_cache",
        description="max-pooling by Tensor.unfold views with a dict cache; the backward pass loops over the window's "
                    "offsets",
        cell="maxpool",
        edits=(
            ("""    stride = stride or k
    N, C, H, W = x.shape
    Ho, Wo = (H - k) // stride + 1, (W - k) // stride + 1
    cols = F.unfold(x.reshape(N * C, 1, H, W), k, stride=stride)  # (N*C, k*k, Ho*Wo): one column per window
    out, argmax = cols.max(1)
    return out.view(N, C, Ho, Wo), (x.shape, k, stride, argmax)""", """\
    s = k if stride is None else stride
    windows = x.unfold(2, k, s).unfold(3, k, s)  # (N, C, Ho, Wo, k, k)
    out, where = windows.reshape(*windows.shape[:4], k * k).max(-1)
    return out, {"shape": tuple(x.shape), "k": k, "stride": s, "where": where}"""),
            ("""    (N, C, H, W), k, stride, argmax = cache
    dcols = torch.zeros((N * C, k * k, argmax.shape[1]), dtype=dout.dtype)
    dcols.scatter_(1, argmax.unsqueeze(1), dout.reshape(N * C, 1, -1))  # each window's gradient to its max only
    return F.fold(dcols, (H, W), k, stride=stride).view(N, C, H, W)  # overlapping windows add up""", """\
    k, s, where = cache["k"], cache["stride"], cache["where"]
    Ho, Wo = where.shape[2], where.shape[3]
    dx = torch.zeros(cache["shape"], dtype=dout.dtype)
    for u in range(k):
        for v in range(k):
            dx[:, :, u:u + s * (Ho - 1) + 1:s, v:v + s * (Wo - 1) + 1:s] += dout * (where == u * k + v)
    return dx"""),
        ),
    ),
    Alternative(
        learner="training_epochs_multistep",
        description="training by shuffled epochs with a MultiStepLR schedule, checking the test accuracy under "
                    "torch.no_grad() along the way (not counted)",
        cell="cnn_training",
        edits=((SOLUTION, """\
torch.manual_seed(0)
model = DigitsCNN()
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-3, weight_decay=0.01)
schedule = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[2 * max_steps // 3], gamma=0.1)
g = torch.Generator().manual_seed(1)
steps = 0
while steps < max_steps:
    order = torch.randperm(len(Xtr), generator=g)
    for start in range(0, len(order) - 63, 64):
        if steps == max_steps:
            break
        ix = order[start:start + 64]
        dy, dx = torch.randint(0, 3, (2,), generator=g).tolist()
        xb = F.pad(Xtr[ix], (1, 1, 1, 1))[:, :, dy:dy + 8, dx:dx + 8]
        loss = F.cross_entropy(model(xb), Ytr[ix])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        steps += 1
        if steps % 500 == 0:
            with torch.no_grad():
                print(f"step {steps}: test accuracy {(model(Xte).argmax(1) == Yte).float().mean():.2%}")
"""),),
    ),
]
