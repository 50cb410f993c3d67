"""tools/lowest_deps.py pins every declared package to its lower bound (no network here:
the install itself is `python tools/lowest_deps.py`, which the lowest-versions CI job runs)."""
import importlib.util
import subprocess
import sys

import pytest

from support import ROOT

try:
    import tomllib
except ImportError:  # Python 3.10: the tool reads pyproject.toml with tomli there
    tomllib = pytest.importorskip("tomli")

_spec = importlib.util.spec_from_file_location("lowest_deps", ROOT / "tools" / "lowest_deps.py")
lowest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lowest)


@pytest.mark.parametrize("spec, bound", [
    (">=1.26", "1.26"), (">=1.26,<3", "1.26"), ("<3, >=6.0.1", "6.0.1"), ("~=4.0", "4.0"),
    ("==0.11.0", "0.11.0"), ("", None), ("<3", None), ("==1.*", None), ("!=1.2", None),
])
def test_lower_bound_is_read_from_the_specifier(spec, bound):
    assert lowest.lower_bound(spec) == bound


def test_a_short_bound_is_pinned_to_its_exact_first_release():
    assert lowest.padded("1.26") == "1.26.0"
    assert lowest.padded("6.0.1") == "6.0.1"
    assert lowest.padded("8") == "8.0.0"


def test_every_declared_package_is_pinned_to_its_pyproject_lower_bound():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = list(data["project"]["dependencies"]) + list(data["project"]["optional-dependencies"]["dev"])
    pins = {}
    for line in lowest.constraints_text(lowest.declared()).splitlines():
        line = line.split("#")[0].strip()
        if line and "==" in line:
            name, version = line.split("==")
            pins[name] = version.split(";")[0].strip()
    for req in wanted:
        name, bound = req.split(">=")
        assert pins[lowest.normalize(name)] == lowest.padded(bound.split(",")[0].strip()), req
    assert pins["setuptools"] == lowest.padded(
        data["build-system"]["requires"][0].split(">=")[1])  # the build backend too


def test_a_requirement_without_lower_bound_is_reported_not_pinned(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["numpy>=1.26", "tqdm", '
        '"tomli>=1.1; python_version < \'3.11\'"]\n')
    text = lowest.constraints_text(lowest.declared(tmp_path / "pyproject.toml"))
    assert "numpy==1.26.0" in text
    assert "# tqdm: no lower bound declared, not pinned" in text
    assert "tomli==1.1.0; python_version < '3.11'" in text


def test_the_same_inputs_give_the_same_stamp_and_any_change_another():
    reqs = lowest.declared()
    text = lowest.constraints_text(reqs)
    stamp = lowest.stamp_for(text, reqs, sys.executable)
    assert stamp == lowest.stamp_for(text, reqs, sys.executable)
    assert stamp != lowest.stamp_for(text.replace("numpy==1.26.0", "numpy==1.26.4"), reqs,
                                     sys.executable)


def test_constraints_print_without_building_anything():
    res = subprocess.run([sys.executable, str(ROOT / "tools" / "lowest_deps.py"), "--constraints"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert any(line.startswith("numpy==") for line in res.stdout.splitlines())


def test_a_compat_cap_applies_only_while_the_old_package_needs_it(tmp_path):
    def constraints(matplotlib_bound):
        (tmp_path / "pyproject.toml").write_text(
            f'[project]\nname = "x"\ndependencies = ["matplotlib>={matplotlib_bound}"]\n')
        return lowest.constraints_text(lowest.declared(tmp_path / "pyproject.toml")).splitlines()
    assert "ipython<9" in constraints("3.8.1")
    assert "ipython<9" not in constraints("3.9")
