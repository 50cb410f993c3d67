"""helpers.initializers: the lecture's formulas for the weights' spread, seeds, errors."""
import numpy as np
import pytest

from helpers.initializers import METHODS, init_std, initialize


@pytest.mark.parametrize("method", ["random", "xavier", "he", "glorot"])
def test_empirical_std_of_an_800_to_600_layer_is_within_3_percent_of_the_formula(method):
    W = initialize([800, 600], method=method, seed=0)["W1"]
    assert W.shape == (600, 800)
    assert np.std(W) == pytest.approx(init_std(method, 800, 600), rel=0.03)
    assert abs(np.mean(W)) < 0.01 * init_std(method, 800, 600)


def test_init_std_follows_the_lecture_formulas():
    assert init_std("random", 800, 600) == 0.01
    assert init_std("xavier", 800, 600) == pytest.approx(np.sqrt(1 / 800))
    assert init_std("he", 800, 600) == pytest.approx(0.05)
    assert init_std("glorot", 800, 600) == pytest.approx(np.sqrt(2 / 1400))
    assert init_std("zeros", 800, 600) == 0.0


@pytest.mark.parametrize("method", METHODS)
def test_scale_multiplies_the_std(method):
    assert init_std(method, 10, 5, scale=3.0) == pytest.approx(3.0 * init_std(method, 10, 5))


@pytest.mark.parametrize("method", ["random", "xavier", "he", "glorot"])
def test_scale_multiplies_the_weights(method):
    one = initialize([5, 4, 3], method=method, seed=2)
    three = initialize([5, 4, 3], method=method, scale=3.0, seed=2)
    for name in one:
        np.testing.assert_allclose(three[name], 3.0 * one[name], rtol=1e-14)


def test_shapes_follow_the_course_notation():
    params = initialize([5, 4, 3, 1], method="he")
    assert {k: v.shape for k, v in params.items()} == {
        "W1": (4, 5), "b1": (4, 1), "W2": (3, 4), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
    assert all(v.dtype == np.float64 for v in params.values())


@pytest.mark.parametrize("method", METHODS)
def test_biases_start_at_zero(method):
    params = initialize([3, 4, 2], method=method)
    assert not params["b1"].any() and not params["b2"].any()


def test_zeros_gives_every_unit_the_same_weights():
    params = initialize([3, 4, 2], method="zeros")
    assert not params["W1"].any() and not params["W2"].any()


def test_the_same_seed_gives_the_same_numbers():
    a = initialize([3, 4, 2], method="he", seed=7)
    b = initialize([3, 4, 2], method="he", seed=7)
    for name in a:
        np.testing.assert_array_equal(a[name], b[name])


def test_a_different_seed_gives_different_numbers():
    a = initialize([3, 4, 2], method="he", seed=7)
    b = initialize([3, 4, 2], method="he", seed=8)
    assert not np.array_equal(a["W1"], b["W1"])


def test_a_generator_can_be_passed_instead_of_a_seed():
    a = initialize([3, 4], method="xavier", rng=np.random.default_rng(5))
    b = initialize([3, 4], method="xavier", seed=5)
    np.testing.assert_array_equal(a["W1"], b["W1"])


def test_initialize_does_not_touch_numpys_global_random_state():
    before = np.random.get_state()[1].copy()
    initialize([3, 4, 2], method="random", seed=0)
    np.testing.assert_array_equal(np.random.get_state()[1], before)


def test_an_unknown_method_is_refused_with_the_valid_ones_listed():
    with pytest.raises(ValueError, match=r"method must be one of 'zeros', 'random', 'xavier', "
                                         r"'he', 'glorot'; got 'kaiming'"):
        initialize([3, 4], method="kaiming")


def test_layer_dims_with_one_size_is_refused():
    with pytest.raises(ValueError, match=r"layer_dims needs at least the input size and one layer"):
        initialize([3])


@pytest.mark.parametrize("bad", [[2, 0, 1], [2, -3], [2, 2.5], [2, True]])
def test_layer_dims_with_a_size_that_is_not_a_positive_integer_is_refused(bad):
    with pytest.raises(ValueError, match=r"layer_dims must hold positive integers; layer_dims\[1\]"):
        initialize(bad)


def test_layer_dims_that_is_not_a_list_is_refused():
    with pytest.raises(TypeError, match=r"layer_dims must be a list of layer sizes"):
        initialize(5)
