"""The lectures' output comparison: decimals within a tolerance, everything else exact."""

from tests.nbval_numbers import TolerantText, texts_match


def test_last_digit_and_float_reordering_differences_match():
    assert texts_match("step 1000: loss 0.2642", "step 1000: loss 0.2641")
    assert texts_match("dev 2.2622", "dev 2.2625")
    assert texts_match("tensor([1.0000e-03, 2.5000e+00])", "tensor([1.0001e-03, 2.5000e+00])")


def test_real_changes_do_not_match():
    assert not texts_match("dev 2.2622", "dev 2.2822")          # another learning rate or seed
    assert not texts_match("182625 examples", "182626 examples")  # counts are exact
    assert not texts_match("torch.Size([32, 27])", "torch.Size([32, 28])")
    assert not texts_match("sample: emma.", "sample: emmy.")   # text is exact
    assert not texts_match("loss 0.5", "loss -0.5")
    assert not texts_match("epoch 1. loss 0.50", "epoch 2. loss 0.50")
    assert not texts_match("a 1.5 b", "a 1.5 b 2.0")


def test_nbval_sees_the_tolerant_comparison():
    assert TolerantText("loss 0.2642") == "loss 0.2641"
    assert TolerantText("loss 0.2642") != "loss 0.2700"
