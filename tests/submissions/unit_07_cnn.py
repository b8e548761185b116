"""Deliberately wrong submissions for 07_cnn and the test cells each must lose (and only those).

E01 (loops) is used by nothing else. E05's Conv2dFunction runs the vectorised forward pass of E02 and the
backward pass of E03, so their mistakes can also cost E05: a wrong forward pass gives a wrong loss and wrong
gradients, and a trained model whose logits differ from F.conv2d's; a gradient of the wrong shape makes autograd
refuse the backward pass (the training cell then raises, leaving no trained model). Autograd itself sums a
gradient that has extra leading dimensions (it "un-broadcasts"), so a weight gradient not summed over the batch
is repaired inside Conv2dFunction and costs only E03's own dw test. patch_embed projects patchify's output, so a
wrong patch order loses both E06 tests.
"""

from tests.submissions import Mistake

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
