"""pyproject.toml (pip) and environment.yml (conda/Binder) must list the same packages."""
import re

import pytest
import yaml

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _parse(spec):
    name, rest = REQ.match(spec).groups()
    return name.lower().replace("_", "-"), rest.replace(" ", "")


def _pyproject(root):
    data = tomllib.loads((root / "pyproject.toml").read_text())
    project = data["project"]
    specs = list(project["dependencies"]) + list(project["optional-dependencies"]["dev"])
    return dict(_parse(s) for s in specs), project["requires-python"]


def _environment(root):
    env = yaml.safe_load((root / "environment.yml").read_text())
    conda, pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for p in dep["pip"]:
                if not p.startswith("-e"):
                    pip.update([_parse(p)])
        else:
            conda.update([_parse(dep)])
    return conda, pip, env


def test_environment_yml_lists_the_same_packages_and_bounds_as_pyproject(root):
    wanted, _ = _pyproject(root)
    conda, pip, _ = _environment(root)
    python = conda.pop("python")
    conda.pop("pip")
    assert {**conda, **pip} == wanted
    assert python


def test_environment_yml_pins_a_python_that_pyproject_accepts(root):
    """environment.yml names one version (repo2docker builds its image with it: tests/test_hub.py),
    pyproject.toml a lower bound; the pinned version must satisfy the bound."""
    _, requires = _pyproject(root)
    conda, _, _ = _environment(root)
    pinned = re.fullmatch(r"=(\d+)\.(\d+)", conda["python"])
    assert pinned, f"environment.yml: python{conda['python']}, expected python=3.NN"
    lower = re.fullmatch(r">=(\d+)\.(\d+)", requires)
    assert lower, f"pyproject.toml: requires-python {requires!r}, expected >=3.NN"
    assert tuple(map(int, pinned.groups())) >= tuple(map(int, lower.groups()))


def test_environment_yml_installs_the_project_itself_editable(root):
    _, _, env = _environment(root)
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip
    assert env["channels"] == ["conda-forge"]
