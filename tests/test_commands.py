"""The README's commands: make lab serves the notebooks, make refresh is reproducible,
and a missing or old Python gets a one-line explanation."""
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request

import nbformat
import pytest

from support import ROOT, deterministic_env, free_port

MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None and not os.environ.get("CI"), reason="make is not installed")


def _make(*args, env=None):
    return subprocess.run([MAKE or "make", "-s", "-C", str(ROOT), *args], capture_output=True,
                          text=True, env=env or deterministic_env(), timeout=120)


def _fake_python(tmp_path, version):
    exe = tmp_path / "python"
    exe.write_text(f"#!/bin/sh\n[ \"$1\" = -V ] && echo 'Python {version}' && exit 0\nexit 1\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return exe


@needs_make
def test_an_old_python_gets_a_one_line_explanation(tmp_path):
    fake = _fake_python(tmp_path, "3.8.10")
    res = _make("-B", "venv", f"PYTHON={fake}")
    assert res.returncode != 0
    assert "Python 3.8.10 is too old: this project needs Python 3.10 or newer" in res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr


@needs_make
def test_a_missing_python_gets_a_one_line_explanation(tmp_path):
    res = _make("-B", "venv", f"PYTHON={tmp_path / 'no-such-python'}")
    assert res.returncode != 0
    assert "not found. Install Python 3.10 or newer" in res.stdout + res.stderr


def _get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


@needs_make
def test_make_lab_serves_the_notebooks_on_localhost_behind_a_token():
    port, token = free_port(), "test-token-123"
    proc = subprocess.Popen(
        [MAKE or "make", "-s", "-C", str(ROOT), "lab", f"PORT={port}",
         f"LAB_FLAGS=--no-browser --IdentityProvider.token={token}"],
        env=deterministic_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body = _get(f"{base}/api/contents?token={token}")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start: " + proc.stderr.read().decode()[-2000:])
                time.sleep(0.5)
        assert status == 200
        names = {item["name"] for item in __import__("json").loads(body)["content"]}
        assert "01_broadcasting.ipynb" in names
        status, body = _get(f"{base}/lab?token={token}")
        assert status == 200 and b"JupyterLab" in body
        with pytest.raises(urllib.error.HTTPError) as err:
            _get(f"{base}/api/contents")
        assert err.value.code == 403
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _tiny_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("import numpy as np\nrng = np.random.default_rng(0)\n"
                                  "print(np.array2string(rng.standard_normal(3), precision=4))"),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\n_ = plt.plot([0, 1], [1, 0])\n"
                                  "plt.show()"),
        nbformat.v4.new_code_cell("import ipywidgets as w\nw.IntSlider(value=3)"),
        nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nimport time\nprint(time.perf_counter_ns())"),
    ]
    nbformat.write(nb, path)


def test_refresh_stores_outputs_and_a_second_refresh_changes_no_byte(tmp_path):
    nb_path = tmp_path / "tiny.ipynb"
    _tiny_notebook(nb_path)
    cmd = [sys.executable, str(ROOT / "tools" / "refresh_notebooks.py"), str(nb_path)]
    subprocess.run(cmd, check=True, env=deterministic_env(), capture_output=True, timeout=120)
    first = nb_path.read_bytes()
    subprocess.run(cmd, check=True, env=deterministic_env(), capture_output=True, timeout=120)
    assert nb_path.read_bytes() == first
    nb = nbformat.reads(first.decode(), as_version=4)
    assert "widgets" not in nb.metadata
    assert "version" not in nb.metadata.get("language_info", {})
    assert "[ 0.1257 -0.1321  0.6404]" in nb.cells[0].outputs[0]["text"]
    assert "image/png" in nb.cells[1].outputs[0]["data"]
    slider = nb.cells[2].outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" not in slider and "text/plain" in slider
    assert all("execution" not in c.metadata for c in nb.cells)


def test_refresh_keeps_a_stored_timing_unless_asked_to_retime(tmp_path):
    nb_path = tmp_path / "tiny.ipynb"
    _tiny_notebook(nb_path)
    cmd = [sys.executable, str(ROOT / "tools" / "refresh_notebooks.py"), str(nb_path)]
    run = dict(check=True, env=deterministic_env(), capture_output=True, timeout=120)
    subprocess.run(cmd, **run)
    timing = nbformat.read(nb_path, as_version=4).cells[3].outputs[0]["text"]
    subprocess.run(cmd, **run)
    assert nbformat.read(nb_path, as_version=4).cells[3].outputs[0]["text"] == timing
    subprocess.run(cmd + ["--retime"], **run)
    assert nbformat.read(nb_path, as_version=4).cells[3].outputs[0]["text"] != timing
