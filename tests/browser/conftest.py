"""Fixtures for the browser tests: one headless Chromium and one JupyterLab per session,
JupyterLab serving a temp copy of the notebooks (autosave can never touch notebooks/), and
a fresh page with no kernel left over for every test.

Every page stays on localhost: a request to any other host is aborted before it is sent
(harness.LocalOnly) and fails the test, listing the URLs, once the test body is done.

Chromium or Playwright missing: the tests skip with the reason, unless REQUIRE_BROWSER=1
(CI sets it), where they fail.
"""
import os
import re
import shutil
from pathlib import Path

import pytest

from . import harness

HERE = Path(__file__).resolve().parent


def _unavailable(reason):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (REQUIRE_BROWSER=1: the browser tests may not skip)", pytrace=False)
    pytest.skip(reason)


def find_chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        _unavailable("Chromium not found: apt-get install chromium to run the browser tests")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Debian's Chromium, headless, driven by Playwright. Playwright gives the browser a
    fresh temporary profile (--user-data-dir) and deletes it on close."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright not importable: pip install -e '.[dev]' to run the browser tests")
    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=chromium_path, headless=True,
                                      args=harness.CHROMIUM_ARGS,
                                      timeout=harness.ms(harness.TIMEOUTS["browser_launch"]))
    except BaseException:
        pw.stop()
        raise
    yield chromium
    try:
        chromium.close()
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def served_root(tmp_path_factory):
    """A temp folder the servers serve: a copy of notebooks/, data/ (linked, read-only use)
    and scratch/ for the harness's own notebooks."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(harness.ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if (harness.ROOT / "data").is_dir():
        (root / "data").symlink_to(harness.ROOT / "data", target_is_directory=True)
    (root / "scratch").mkdir()
    shutil.copy(HERE / "sample_explorers.py", root / "scratch")
    return root


@pytest.fixture(scope="session")
def lab(browser, served_root, tmp_path_factory):
    """One JupyterLab for the session (127.0.0.1, free port, token), stopped in every case."""
    server = harness.start_lab(served_root, tmp_path_factory.mktemp("jupyterlab"))
    try:
        yield server
    finally:
        try:
            harness.delete_sessions(server)
        finally:
            server.stop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


GUARDS = pytest.StashKey[list]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test body: any page of the test asked for a URL outside localhost -> the
    test fails with the list (if it failed already, the list is added to its error)."""
    __tracebackhide__ = True
    try:
        result = yield
    except BaseException as err:
        for guard in item.stash.get(GUARDS, []):
            if guard.urls and hasattr(err, "add_note"):
                err.add_note(guard.report())
        raise
    for guard in item.stash.get(GUARDS, []):
        guard.check()
    return result


def _new_page(browser, request):
    _failure_screenshot(request).unlink(missing_ok=True)  # a stale one from an earlier run
    context, guard = harness.new_context(browser)
    request.node.stash.setdefault(GUARDS, []).append(guard)
    page = harness.new_page(context)
    errors = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    return context, page, errors


def _failure_screenshot(request):
    return harness.SCREENSHOTS / ("FAILED-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name) + ".png")


def _after_test(request, page, errors):
    """On failure: a full-page screenshot under build/screenshots/ and the page's errors."""
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return
    harness.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = _failure_screenshot(request)
    try:
        page.screenshot(path=path, full_page=True, timeout=harness.ms(60))
        print(f"screenshot of the page at the failure: {path}")
    except Exception as err:  # the report matters more than the picture
        print(f"no failure screenshot: {err}")
    for line in errors[-20:]:
        print(line)


@pytest.fixture
def page(browser, lab, request):
    """A fresh browser context and page; every kernel session deleted before and after."""
    harness.delete_sessions(lab)
    context, page, errors = _new_page(browser, request)
    try:
        yield page
        _after_test(request, page, errors)
    finally:
        try:
            context.close()
        finally:
            harness.delete_sessions(lab)


@pytest.fixture
def page_guard(page, request):
    """The LocalOnly guard of the ``page`` fixture's context (what it blocked so far)."""
    return request.node.stash[GUARDS][-1]


@pytest.fixture
def voila(browser, tmp_path):
    """``voila(notebook)`` serves one notebook as an app; every server stops after the test."""
    try:
        import voila as _  # noqa: F401
    except ImportError:
        _unavailable("voila not importable: pip install -e '.[dev]' to run the Voilà test")
    servers = []

    def serve(notebook):
        servers.append(harness.start_voila(notebook, tmp_path / f"voila{len(servers)}"))
        return servers[-1]
    yield serve
    for server in servers:
        server.stop()


@pytest.fixture
def voila_page(browser, request):
    """A fresh browser context and page for a Voilà app."""
    context, page, errors = _new_page(browser, request)
    try:
        yield page
        _after_test(request, page, errors)
    finally:
        context.close()
