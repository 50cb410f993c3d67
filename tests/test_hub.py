"""A class on JupyterHub or Binder (README, "A class on one server or many"): what can be checked
without a hub or a Docker daemon.

- repo2docker (which builds Binder's images, and a Zero to JupyterHub image) picks
  environment.yml: its dry run (--no-build) writes a Dockerfile that creates the environment
  from environment.yml with the repository already copied in (so its `-e .` finds helpers/),
  with environment.yml's Python;
- nothing at the top of the repository would make repo2docker read another file instead;
- the notebooks find data/ whatever folder a hub starts their kernel in: lessons 01 and 08
  (the two that load files from data/) pass strict nbval from a copy in a student's "home".
"""
import re
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml

from support import NOTEBOOKS, ROOT, deterministic_env

# Files and folders that would make repo2docker build from something else than environment.yml
# (a binder/ or .binder/ folder is read instead of the top level; a Dockerfile or default.nix
# replaces the whole recipe; runtime.txt would choose the Python).
OVERRIDES = ["binder", ".binder", "Dockerfile", "default.nix", "runtime.txt", "Pipfile",
             "Pipfile.lock", "requirements.txt", "Project.toml", "REQUIRE", "install.R"]


@pytest.fixture(scope="module")
def dockerfile():
    result = subprocess.run([sys.executable, "-m", "repo2docker", "--no-build", "--no-run", "--debug",
                             str(ROOT)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_repo2docker_builds_the_environment_from_environment_yml_after_copying_the_repository(
        dockerfile):
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile
    copied = dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    assert copied < dockerfile.index('--file "environment.yml"'), \
        "the environment must be built after the repository is copied in (pip's `-e .`)"


def test_repo2docker_uses_the_python_environment_yml_names(dockerfile):
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pinned = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    version = pinned.split("=", 1)[1]
    assert re.search(rf"conda environment for python={re.escape(version)}\b", dockerfile), \
        f"repo2docker did not pick python {version}:\n{dockerfile[:400]}"


def test_nothing_at_the_top_of_the_repository_overrides_environment_yml():
    found = [name for name in OVERRIDES if (ROOT / name).exists()]
    assert not found, f"repo2docker would read {found} instead of (or besides) environment.yml"


@pytest.mark.slow
@pytest.mark.parametrize("lesson", ["01_broadcasting.ipynb", "08_softmax_multiclass.ipynb"])
def test_a_lesson_that_loads_data_passes_nbval_from_another_working_directory(tmp_path, lesson):
    home = tmp_path / "home" / "student" / "lessons"  # where nbgitpuller puts a student's copy
    home.mkdir(parents=True)
    shutil.copy(NOTEBOOKS / lesson, home / lesson)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # not the project's configuration
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(tmp_path / "pytest.ini"), "-p", "no:cacheprovider",
         "-q", "--nbval", "--nbval-current-env",
         f"--nbval-sanitize-with={ROOT / 'tests' / 'nbval_sanitize.cfg'}", str(home / lesson)],
        cwd=home, env=deterministic_env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def _readme_repo2docker_command():
    """The README's Zero to JupyterHub build command, continuation lines joined, as a list."""
    text = (ROOT / "README.md").read_text()
    match = re.search(r"^repo2docker --(?:.*\\\n)*.*$", text, flags=re.M)
    assert match, "README: no repo2docker command found"
    return shlex.split(match.group(0).replace("\\\n", " "))


def test_the_readmes_zero_to_jupyterhub_image_recipe_is_one_repo2docker_accepts():
    args = _readme_repo2docker_command()[1:]
    assert "--target-repo-dir" in args and args[-1].startswith("https://")
    args = args[:-1]  # the repository's URL: here, this folder instead
    if "--image-name" in args:
        i = args.index("--image-name")
        del args[i:i + 2]
    result = subprocess.run([sys.executable, "-m", "repo2docker", "--no-build", "--debug", *args,
                             str(ROOT)], capture_output=True, text=True, timeout=120)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    appendix = args[args.index("--appendix") + 1]
    assert out.index('--file "environment.yml"') < out.index(appendix), \
        "the appendix (nbgitpuller) must come after the environment is built"
