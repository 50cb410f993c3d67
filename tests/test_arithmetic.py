"""tools/arithmetic.py: the second pass of make test really computes as another machine would,
and a number printed beyond the precision it is stable to fails it."""
import importlib.util
import subprocess
import sys
import textwrap

import nbformat
import pytest

from support import ROOT

spec = importlib.util.spec_from_file_location("arithmetic", ROOT / "tools" / "arithmetic.py")
arithmetic = importlib.util.module_from_spec(spec)
spec.loader.exec_module(arithmetic)

TOOL = [sys.executable, str(ROOT / "tools" / "arithmetic.py")]
PROBE = textwrap.dedent("""
    import hashlib, numpy as np
    g = np.random.default_rng(0)
    A, B = g.standard_normal((50, 300)), g.standard_normal((300, 40))
    x = np.linspace(-5, 5, 1001)
    print(hashlib.sha256((A @ B).tobytes()).hexdigest(), hashlib.sha256(np.tanh(x).tobytes()).hexdigest())
""")
needs_x86 = pytest.mark.skipif(not arithmetic.X86, reason="OPENBLAS_CORETYPE names x86-64 kernels")


def _under(variant, code):
    res = subprocess.run([*TOOL, "run", variant, "--", sys.executable, "-c", code],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return res.stdout.strip().splitlines()[-1]


def test_native_is_one_thread_and_hash_seed_0():
    env, _ = arithmetic.variants()["native"]
    assert env["OPENBLAS_NUM_THREADS"] == "1" and env["PYTHONHASHSEED"] == "0"


@needs_x86
def test_other_machine_combines_baseline_blas_simd_off_two_threads_and_a_random_hash_seed():
    table = arithmetic.variants()
    env, why = table["other-machine"]
    assert env["OPENBLAS_CORETYPE"] == "Prescott"
    assert env["OPENBLAS_NUM_THREADS"] == "2" and env["PYTHONHASHSEED"] not in ("", "0")
    targets = arithmetic.simd_targets()
    assert env.get("NPY_DISABLE_CPU_FEATURES", "") == " ".join(targets)
    assert "blas-baseline" in why and "threads-hash" in why


def test_simd_off_disables_only_dispatch_targets_this_cpu_has():
    try:
        from numpy._core import _multiarray_umath as umath  # numpy >= 2
    except ImportError:  # numpy 1.x (the declared lower bound is 1.26)
        from numpy.core import _multiarray_umath as umath
    for target in arithmetic.simd_targets():
        assert target in umath.__cpu_dispatch__ and umath.__cpu_features__[target]
        assert target not in umath.__cpu_baseline__


def test_on_another_architecture_the_x86_variants_are_skipped_with_the_reason(monkeypatch):
    monkeypatch.setattr(arithmetic, "X86", False)
    monkeypatch.setattr(arithmetic.platform, "machine", lambda: "aarch64")
    table = arithmetic.variants()
    assert table["blas-baseline"][0] is None and "aarch64" in table["blas-baseline"][1]
    assert table["threads-hash"][0] is not None
    assert "OPENBLAS_CORETYPE" not in table["other-machine"][0]


@needs_x86
def test_the_other_machine_computes_different_last_digits_for_products_and_tanh():
    native = _under("native", PROBE).split()
    other = _under("other-machine", PROBE).split()
    assert native[0] != other[0], "OPENBLAS_CORETYPE=Prescott did not change a matrix product"
    if arithmetic.simd_targets():
        assert _under("simd-off", PROBE).split()[1] != native[1], "numpy's SIMD switch did not change tanh"


def test_list_names_every_variant():
    res = subprocess.run([*TOOL, "list"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0
    for name in ("native", "blas-baseline", "simd-off", "threads-hash", "other-machine"):
        assert name in res.stdout


def _stored_notebook(path, source):
    """A one-cell notebook with its output stored as the native arithmetic computes it."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, path)
    res = subprocess.run([*TOOL, "run", "native", "--", sys.executable,
                          str(ROOT / "tools" / "refresh_notebooks.py"), str(path)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr


PRODUCT = ("import numpy as np\ng = np.random.default_rng(0)\n"
           "C = g.standard_normal((50, 300)) @ g.standard_normal((300, 40))\n")


def _nbval_under(variant, path):
    return subprocess.run([*TOOL, "run", variant, "--", sys.executable, "-m", "pytest", *arithmetic.NBVAL,
                           "--rootdir", str(path.parent), str(path)],
                          capture_output=True, text=True, timeout=300, cwd=path.parent)


@pytest.fixture
def fragile(tmp_path):
    """A notebook that prints matrix-product results to 17 digits, stored natively."""
    path = tmp_path / "fragile.ipynb"
    _stored_notebook(path, PRODUCT + "print(f'{C.sum():.17g} {C[0, 0]:.17g} {C[7, 3]:.17g}')")
    return path


@needs_x86
def test_a_number_printed_beyond_its_stable_precision_fails_the_other_machine_pass(fragile):
    assert _nbval_under("native", fragile).returncode == 0
    res = _nbval_under("other-machine", fragile)
    assert res.returncode == 1 and "1 failed" in res.stdout, res.stdout[-2000:]


@needs_x86
def test_the_same_numbers_printed_to_4_decimals_pass_it(tmp_path):
    path = tmp_path / "stable.ipynb"
    _stored_notebook(path, PRODUCT + "print(f'{C.sum():.4f} {C[0, 0]:.4f} {C[7, 3]:.4f}')")
    res = _nbval_under("other-machine", path)
    assert res.returncode == 0, res.stdout[-2000:]


@needs_x86
@pytest.mark.slow
def test_portable_prints_one_row_per_variant_and_names_those_that_differ(fragile):
    res = subprocess.run([*TOOL, "portable", str(fragile)], capture_output=True, text=True, timeout=900)
    rows = {line.split()[0]: line.split()[1] for line in res.stdout.splitlines()
            if line.split() and line.split()[0] in arithmetic.variants()}
    assert res.returncode == 1, res.stdout
    assert rows["native"] == "ok" and rows["other-machine"] == "FAILED", res.stdout
    assert set(rows) == set(arithmetic.variants())
    assert "stored outputs differ under:" in res.stdout
