"""helpers.initializers: the lecture's formulas for the weights' spread, seeds, errors."""
import numpy as np
import pytest

from helpers.initializers import METHODS, check_layer_dims, init_std, initialize


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
    before = np.random.get_state()[1].copy()  # noqa: NPY002 (the legacy global state, checked untouched)
    initialize([3, 4, 2], method="random", seed=0)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


def test_an_unknown_method_is_refused_with_the_valid_ones_listed():
    with pytest.raises(ValueError, match=r"method must be one of 'zeros', 'random', 'xavier', "
                                         r"'he', 'glorot'; got 'kaiming'"):
        initialize([3, 4], method="kaiming")


def test_layer_dims_with_one_size_is_refused():
    with pytest.raises(ValueError, match=r"layer_dims needs at least the input size and one layer"):
        initialize([3])


@pytest.mark.parametrize("bad", [[2, 0, 1], [2, -3], [2, 2.5], [2, float("nan")]])
def test_layer_dims_with_a_size_that_is_not_a_whole_number_of_at_least_one_is_refused(bad):
    with pytest.raises(ValueError, match=r"^layer_dims must hold whole numbers >= 1 \(layer sizes\); "
                                         r"layer_dims\[1\] is "):
        initialize(bad)


@pytest.mark.parametrize("bad", [[2, True], [2, None], [2, "4"], [2, [4]]])
def test_layer_dims_with_a_size_that_is_not_a_number_is_refused_with_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^layer_dims must hold whole numbers >= 1 \(layer sizes\); "
                                        r"layer_dims\[1\] is "):
        initialize(bad)


def test_layer_sizes_written_as_whole_floats_or_numpy_integers_are_accepted():
    assert check_layer_dims([2.0, np.int64(3), 1]) == [2, 3, 1]
    assert all(type(n) is int for n in check_layer_dims(np.array([2, 3, 1])))


@pytest.mark.parametrize("bad", [5, None, "241", {2: 4}])
def test_layer_dims_that_is_not_a_list_is_refused(bad):
    with pytest.raises(TypeError, match=r"^layer_dims must be a list of layer sizes"):
        initialize(bad)


# ---- scale, method, layer sizes, seed and rng: checked by name -----------------------------

@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("scale", [float("nan"), -1.0, 0.0, float("inf")])
def test_a_scale_that_is_not_a_finite_positive_number_is_refused(method, scale):
    with pytest.raises(ValueError, match=r"^scale must be a finite real number > 0"):
        initialize([3, 4], method=method, scale=scale)
    with pytest.raises(ValueError, match=r"^scale must be a finite real number > 0"):
        init_std(method, 3, 4, scale)


@pytest.mark.parametrize("scale", [None, "2", [1.0], True, 1j])
def test_a_scale_that_is_not_a_number_is_refused_with_a_type_error(scale):
    with pytest.raises(TypeError, match=r"^scale must be a real number"):
        initialize([3, 4], scale=scale)


def test_a_scale_so_large_that_the_weights_overflow_is_refused(strict_floats):
    with pytest.raises(ValueError, match=r"^scale = 1e\+308 is too large"):
        initialize([3, 1000], method="he", scale=1e308)  # std 8e307: some of N(0, 1) * std beyond 1.8e308
    with pytest.raises(ValueError, match=r"^scale = 1.5e\+308 is too large"):
        init_std("he", 1, 4, scale=1.5e308)  # sqrt(2) * 1.5e308 is beyond 1.8e308: inf


@pytest.mark.parametrize("n_prev, n_curr, name", [(2.5, 3, "n_prev"), (0, 3, "n_prev"), (-1, 3, "n_prev"),
                                                  (3, 0, "n_curr"), (3, 1.5, "n_curr")])
def test_init_std_refuses_a_layer_size_that_is_not_a_count(n_prev, n_curr, name):
    # init_std("he", 0, 3) was a ZeroDivisionError, init_std("he", 2.5, 3) a silent number
    with pytest.raises(ValueError, match=rf"^{name} must be a whole number >= 1, got "):
        init_std("he", n_prev, n_curr)


@pytest.mark.parametrize("method", [None, 2, ["he"]])
def test_a_method_that_is_not_a_name_is_refused_with_the_names_listed(method):
    with pytest.raises(TypeError, match=r"^method must be a name, one of 'zeros', 'random', 'xavier', "
                                        r"'he', 'glorot'"):
        init_std(method, 3, 4)


def test_a_method_in_capitals_gets_a_hint():
    with pytest.raises(ValueError, match=r"got 'He' \(names are lower case: 'he'\)"):
        initialize([3, 4], method="He")


@pytest.mark.parametrize("seed, error", [(-1, ValueError), (2.5, ValueError), (None, TypeError),
                                         ("0", TypeError), (True, TypeError)])
def test_a_seed_that_is_not_a_whole_number_is_refused(seed, error):
    with pytest.raises(error, match=r"^seed must be a whole number >= 0 \(or a np.random.Generator\)"):
        initialize([3, 4], seed=seed)


def test_a_generator_can_be_passed_as_the_seed_too():
    a = initialize([3, 4], method="he", seed=np.random.default_rng(5))
    b = initialize([3, 4], method="he", seed=5)
    np.testing.assert_array_equal(a["W1"], b["W1"])


def test_a_seed_beyond_two_to_the_53_is_used_exactly():
    a = initialize([3, 4], seed=2**60 + 1)
    b = initialize([3, 4], seed=2**60)
    assert not np.array_equal(a["W1"], b["W1"])


@pytest.mark.parametrize("rng", [5, "rng", np.random.RandomState(0)])
def test_an_rng_that_is_not_a_generator_is_refused(rng):
    with pytest.raises(TypeError, match=r"^rng must be None or a np.random.Generator"):
        initialize([3, 4], rng=rng)
