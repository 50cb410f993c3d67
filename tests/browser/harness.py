"""The browser tests' harness: a Jupyter server in a temp folder, and the steps a person
takes in the page (open a notebook, Run All, move a control, look at the figure).

Every wait has a deadline and fails with a message saying what it was waiting for.
Two failures are kept apart on purpose: `ControlDidNotMove` (the harness could not operate
a control: a harness or page problem) and `FigureUnchanged` (the control moved but the
explorer's picture did not change: the widget is broken). The broken-widget tests expect
exactly the second one.

Timeouts are sized for a slow, loaded machine (two cores, another job running): every wait
polls, so a deadline only costs time when something is really wrong. They all go through
`seconds()`, so BROWSER_TIMEOUT_SCALE=3 (say) triples every one of them at once. No wait
depends on a page's ``load`` event: a Voilà page fires it only after the whole notebook has
run, so the harness waits for what matters (the outputs shown, the explorer's image loaded).

Nothing leaves localhost: `LocalOnly` blocks (before anything is sent) and records every
request a page makes to another host; the test then fails listing them. Voilà runs with
the project's template share/jupyter/voila/templates/lab-local (also what `make app` uses),
Voilà's "lab" template without its links to Font Awesome on a CDN.
"""
import contextlib
import functools
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from support import ROOT, deterministic_env, free_port

SCREENSHOTS = ROOT / "build" / "screenshots"

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage",
                 # Backstops behind LocalOnly (which blocks and reports): should a request
                 # slip past Playwright's routing (a WebSocket, a preconnect hint), no host
                 # name resolves and anything not for loopback goes to a dead local proxy.
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
                 "--proxy-server=http://127.0.0.1:9"]
VIEWPORT = {"width": 1400, "height": 1000}

# JupyterLab user settings for a quiet, predictable page: no news or update toasts, no
# autosave (the served copy is thrown away anyway), every cell attached to the DOM.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False,
                                                    "doNotDisturbMode": True},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}

# A rendered explorer: the top-level widget of an output that holds an image widget.
EXPLORER = ".jp-OutputArea-output > .jupyter-widgets:has(img.widget-image)"
CONTROL_KINDS = {  # CSS class of an ipywidgets control -> how the harness operates it
    "widget-slider": "slider",
    "widget-dropdown": "dropdown",
    "widget-toggle-buttons": "toggle-buttons",
    "widget-radio": "radio",
    "widget-checkbox": "checkbox",
}
NOT_RENDERED = ("Loading widget...", "Error displaying widget")
# The open notebook's execution indicator once its kernel is idle.
IDLE_NOTEBOOK = '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status="idle"]'

HERE = Path(__file__).resolve().parent
# A Jupyter data folder with one Voilà template, "lab-local" (Voilà's "lab" template minus
# the two <link>s to Font Awesome on cdn.jsdelivr.net: Voilà's widget manager bundles
# Font Awesome already). Voilà finds it through JUPYTER_PATH; `make app` uses the same.
VOILA_TEMPLATES_ROOT = ROOT / "share" / "jupyter"
VOILA_TEMPLATE = "lab-local"


# --- timeouts -----------------------------------------------------------------------------

def _timeout_scale():
    raw = os.environ.get("BROWSER_TIMEOUT_SCALE", "").strip() or "1"
    try:
        scale = float(raw)
    except ValueError:
        scale = -1.0
    if not scale > 0:
        raise ValueError(f"BROWSER_TIMEOUT_SCALE must be a positive number, not {raw!r}")
    return scale


TIMEOUT_SCALE = _timeout_scale()


def seconds(base):
    """A timeout of ``base`` seconds on this machine (times BROWSER_TIMEOUT_SCALE)."""
    return base * TIMEOUT_SCALE


def ms(base):
    """``seconds(base)`` in milliseconds, for Playwright."""
    return seconds(base) * 1000


# The base timeouts, in seconds, before scaling. On a 2-core machine with both cores kept
# busy by other jobs (load average 5-7) the lesson tests took about 2.2 times as long as
# idle (Lab 05: 34 s -> 75 s); these leave a wide margin beyond that. Polling waits return
# as soon as their condition holds, so only a failure waits this long.
TIMEOUTS = dict(
    browser_launch=120,   # Chromium starting
    action=120,           # Playwright's default for one click, screenshot, locator read
    navigation=120,       # page.goto until the response starts (never the load event)
    server_start=180,     # JupyterLab or Voilà answering on its port
    api=60,               # one REST call to JupyterLab
    server_stop=60,       # Jupyter shutting its kernels down after SIGTERM
    sessions=120,         # deleting every session and kernel between tests
    lab_open=300,         # a notebook open in JupyterLab with an idle kernel
    run_all=900,          # Run All of a lesson that trains networks
    voila_render=900,     # Voilà executing a whole lesson, then its widgets rendering
    explorers=300,        # explorers rendered after Run All
    control=30,           # a control's value changing after the mouse moved it
    figure_change=180,    # the kernel redrawing after a control changed
    settle=600,           # a drag's queued redraws all done, the figure still
    kernel_startup=300,   # Voilà starting a kernel for a page
    iopub=120,            # Voilà waiting for a cell's last output after its reply
)


class WaitTimeout(AssertionError):
    """Something the harness waited for did not happen in time."""


class ControlDidNotMove(AssertionError):
    """The harness operated a control but its value did not change."""


class FigureUnchanged(AssertionError):
    """A control changed but the explorer's figure stayed the same."""


class ExplorerOverflows(AssertionError):
    """Part of an explorer (its read-out, its figure) reaches past the output area it is
    shown in, or hides behind a scroll bar: cut off on the reader's screen."""


def wait_until(condition, timeout, what, interval=0.1, details=lambda: ""):
    """Poll ``condition()`` until it returns a true value (returned); else WaitTimeout.
    ``timeout`` is in base seconds: it is scaled by BROWSER_TIMEOUT_SCALE here."""
    limit = seconds(timeout)
    deadline = time.monotonic() + limit
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            extra = details()
            scale = f" (BROWSER_TIMEOUT_SCALE={TIMEOUT_SCALE:g})" if TIMEOUT_SCALE != 1 else ""
            raise WaitTimeout(f"timed out after {limit:.0f} s{scale} waiting for {what}"
                              + (f"\n{extra}" if extra else ""))
        time.sleep(interval)


# --- servers ------------------------------------------------------------------------------

class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory=None, handler=None):
    """A plain HTTP server on 127.0.0.1 (a free port) in a daemon thread of this process:
    the files of ``directory``, or whatever ``handler`` (a BaseHTTPRequestHandler subclass)
    answers; exactly one of the two. Yields its base URL ("http://127.0.0.1:PORT"), shut down
    and closed on leaving the with-block, whatever happened inside it."""
    if (directory is None) == (handler is None):
        raise TypeError(f"serve() takes exactly one of directory and handler; got "
                        f"directory={directory!r}, handler={handler!r}")
    if directory is not None:
        if not Path(directory).is_dir():
            raise FileNotFoundError(f"directory={str(directory)!r} is not a folder to serve")
        handler = functools.partial(_QuietFiles, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def server_env(workdir):
    """The kernels' environment: the Makefile's (one BLAS thread, fixed hash seed, kernels
    from this venv) plus private Jupyter/IPython folders, so nothing of the user's is read."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = deterministic_env()
    env.update(JUPYTER_CONFIG_DIR=str(workdir / "config"), JUPYTER_DATA_DIR=str(workdir / "data"),
               JUPYTER_RUNTIME_DIR=str(workdir / "runtime"), IPYTHONDIR=str(workdir / "ipython"))
    env.pop("MPLBACKEND", None)  # an exported Agg backend would hide the notebooks' figures
    return env


@dataclass
class Server:
    """A Jupyter server (JupyterLab or Voilà) run from this interpreter in its own process
    group, logging to a file. ``stop()`` ends it in every case."""

    name: str
    argv: list
    port: int
    root: Path
    log_path: Path
    env: dict
    token: str = ""
    proc: subprocess.Popen = field(default=None, repr=False)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.argv, cwd=self.root, env=self.env, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def log_tail(self, n=3000):
        try:
            return self.log_path.read_bytes()[-n:].decode(errors="replace")
        except OSError:
            return ""

    def check_alive(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.name} exited with code {self.proc.returncode}; "
                                 f"end of its log ({self.log_path}):\n{self.log_tail()}")

    def wait_ready(self, probe, timeout):
        def ready():
            self.check_alive()
            return probe()
        wait_until(ready, timeout, f"{self.name} to answer on {self.base_url}", interval=0.2,
                   details=lambda: f"end of its log ({self.log_path}):\n{self.log_tail()}")

    def api(self, method, path, timeout=TIMEOUTS["api"]):
        """A call to the server's REST API (``timeout`` in base seconds); returns the
        decoded JSON (or None)."""
        req = urllib.request.Request(self.base_url + path, method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=seconds(timeout)) as r:
            body = r.read()
        return json.loads(body) if body else None

    def port_open(self):
        with socket.socket() as s:
            s.settimeout(0.5)
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def stop(self, timeout=TIMEOUTS["server_stop"]):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # Jupyter shuts its kernels down
                self.proc.wait(timeout=seconds(timeout))
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()


def write_lab_settings(settings_dir):
    for plugin, values in LAB_SETTINGS.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


def start_lab(root, workdir, timeout=TIMEOUTS["server_start"]):
    """JupyterLab serving ``root`` on 127.0.0.1 with a token; returns the ready Server."""
    token = os.urandom(16).hex()
    port = free_port()
    write_lab_settings(workdir / "settings")
    argv = [sys.executable, "-m", "jupyter", "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            f"--LabApp.user_settings_dir={workdir / 'settings'}",
            f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
            "--LabApp.extension_manager=readonly", "--ServerApp.terminals_enabled=False",
            # a safety net should pytest itself be killed: idle kernels, then Lab, go away
            "--MappingKernelManager.cull_idle_timeout=900", "--MappingKernelManager.cull_interval=60",
            "--ServerApp.shutdown_no_activity_timeout=900"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    server = Server("JupyterLab", argv, port, root, workdir / "jupyterlab.log",
                    server_env(workdir), token=token).start()

    def status_ok():
        try:
            return server.api("GET", "/api/status", timeout=10) is not None
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False
    try:
        server.wait_ready(status_ok, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def voila_env(workdir):
    """``server_env`` plus JUPYTER_PATH leading to the "lab-local" template."""
    env = server_env(workdir)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(VOILA_TEMPLATES_ROOT),
                                                      env.get("JUPYTER_PATH")) if p)
    return env


def start_voila(notebook, workdir, timeout=TIMEOUTS["server_start"]):
    """Voilà serving one notebook as an app (no token; /api/status is 404: wait on the socket).
    It renders with the "lab-local" template (no CDN) and waits as long as the harness
    does for a kernel to start and for a cell's last output (a loaded machine is slow)."""
    port = free_port()
    argv = [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
            "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", "--show_tracebacks=True",
            f"--template={VOILA_TEMPLATE}",
            f"--VoilaExecutor.startup_timeout={seconds(TIMEOUTS['kernel_startup']):.0f}",
            f"--VoilaExecutor.iopub_timeout={seconds(TIMEOUTS['iopub']):.0f}"]
    server = Server("Voilà", argv, port, notebook.parent, workdir / "voila.log",
                    voila_env(workdir)).start()
    try:
        server.wait_ready(server.port_open, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def delete_sessions(lab, timeout=TIMEOUTS["sessions"]):
    """Shut down every notebook session and kernel, so the next test starts fresh (Lab
    would otherwise reattach an open notebook to its old kernel)."""
    lab.check_alive()
    for kind in ("sessions", "kernels"):
        for item in lab.api("GET", f"/api/{kind}"):
            try:
                lab.api("DELETE", f"/api/{kind}/{item['id']}")
            except urllib.error.HTTPError as err:
                if err.code != 404:  # already gone (a session's kernel goes with it)
                    raise
    wait_until(lambda: not lab.api("GET", "/api/kernels"), timeout, "every kernel to shut down")


# --- the browser side: contexts that stay on localhost, kernel traffic ----------------------

# Any URL but data:, blob:, about: and http(s)/ws(s) to 127.0.0.1, localhost or [::1] (any
# port). Playwright matches it in the browser, so local requests are never intercepted.
FOREIGN_URL = re.compile(r"^(?!(?:data|blob|about):)"
                         r"(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:[/?#]|$))")


def is_foreign(url):
    """True for a URL the tests' pages must not ask for (another host than this one)."""
    return bool(FOREIGN_URL.search(url))


class ForeignRequests(AssertionError):
    """The page asked for something outside localhost (blocked, but a test failure)."""


class LocalOnly:
    """Keeps a browser context on localhost. Every request to another host is aborted
    before anything is sent (Playwright route) and recorded, as is every request and
    WebSocket the page opens to another host; ``check()`` raises ForeignRequests listing
    them. (Chromium's host-resolver and proxy flags in CHROMIUM_ARGS are the backstop.)"""

    def __init__(self, context):
        self.urls = {}  # url -> how it was seen (a dict keeps the order)
        context.route(FOREIGN_URL, self._block)
        context.on("request", lambda r: self._saw(r.url, "request"))
        context.on("page", self._watch)
        for page in context.pages:
            self._watch(page)

    def _saw(self, url, how):
        if is_foreign(url):
            self.urls.setdefault(url, how)

    def _watch(self, page):
        page.on("websocket", lambda ws: self._saw(ws.url, "websocket"))

    def _block(self, route):
        self.urls[route.request.url] = "blocked"
        try:
            route.abort("blockedbyclient")
        except Exception:  # the page or context closed meanwhile: nothing was sent anyway
            pass

    def report(self):
        lines = "\n".join(f"  {url}  ({how})" for url, how in self.urls.items())
        return (f"the page asked for {len(self.urls)} URL(s) outside localhost (each aborted "
                f"before anything was sent; the tests' pages must be self-contained):\n{lines}")

    def check(self):
        __tracebackhide__ = True
        if self.urls:
            raise ForeignRequests(self.report())


def _kernel_message(payload):
    """(channel, header, parent_header, content) of a frame on a kernel WebSocket, or None.
    Understands the JSON protocol and jupyter_server's binary v1 protocol (what Lab and
    Voilà speak: a count n, n little-endian uint64 offsets, then channel, header, parent
    header, metadata, content and buffers)."""
    try:
        if isinstance(payload, str):
            msg = json.loads(payload)
            return (msg.get("channel"), msg.get("header") or {}, msg.get("parent_header") or {},
                    msg.get("content") or {})
        data = bytes(payload)
        n = int.from_bytes(data[:8], "little")
        if not 6 <= n <= 1000 or len(data) < 8 * (n + 1):
            return None
        offsets = [int.from_bytes(data[8 * i:8 * (i + 1)], "little") for i in range(1, n + 1)]
        part = lambda i: data[offsets[i]:offsets[i + 1]]  # noqa: E731
        channel = part(0).decode()
        header = json.loads(part(1))
        if channel != "iopub" or header.get("msg_type") != "status":
            return channel, header, {}, {}
        return channel, header, json.loads(part(2)), json.loads(part(4))
    except (ValueError, UnicodeDecodeError, IndexError):
        return None


class KernelTraffic:
    """The page's requests to its kernels not yet done: every message the page sends on a
    kernel's shell channel is pending until the kernel publishes status "idle" for it. A
    widget change is such a message (comm_msg), so "nothing pending" means every change
    sent so far has been handled, however slow the machine (a fixed quiet period cannot
    tell a finished drag from a slow redraw)."""

    def __init__(self, page):
        self.pending = {}       # msg_id -> msg_type
        self._done_early = {}   # idle seen before its request (events may come out of order)
        self.unparsed = 0
        page.on("websocket", self._watch)

    def _watch(self, ws):
        if "/api/kernels/" not in ws.url:
            return
        mine = set()

        def sent(payload):
            msg = _kernel_message(payload)
            if msg is None:
                self.unparsed += 1
            elif msg[0] == "shell" and msg[1].get("msg_id"):
                msg_id = msg[1]["msg_id"]
                if self._done_early.pop(msg_id, None) is None:
                    self.pending[msg_id] = msg[1].get("msg_type", "?")
                    mine.add(msg_id)

        def received(payload):
            msg = _kernel_message(payload)
            if msg is None:
                self.unparsed += 1
            elif (msg[0] == "iopub" and msg[1].get("msg_type") == "status"
                  and msg[3].get("execution_state") == "idle"):
                parent = msg[2].get("msg_id")
                if self.pending.pop(parent, None) is None and parent:
                    self._done_early[parent] = True
                    while len(self._done_early) > 10_000:  # another client's requests
                        del self._done_early[next(iter(self._done_early))]

        def closed(*_):
            for msg_id in mine:  # a closed socket gets no more replies
                self.pending.pop(msg_id, None)

        ws.on("framesent", sent)
        ws.on("framereceived", received)
        ws.on("close", closed)

    def describe(self):
        kinds = sorted(set(self.pending.values()))
        return (f"{len(self.pending)} request(s) to the kernel not yet done: {', '.join(kinds)}"
                if self.pending else "no request to the kernel pending")


_TRAFFIC = weakref.WeakKeyDictionary()


def watch_kernels(page):
    """Start following ``page``'s kernel traffic (before it opens any kernel socket)."""
    _TRAFFIC[page] = KernelTraffic(page)
    return _TRAFFIC[page]


def kernel_traffic(page):
    traffic = _TRAFFIC.get(page)
    if traffic is None:
        raise RuntimeError("harness.watch_kernels(page) must be called when the page is made")
    return traffic


def new_context(browser):
    """A browser context for one test: the harness's viewport and timeouts, no service
    workers, and LocalOnly guarding it. Returns (context, guard)."""
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    context.set_default_timeout(ms(TIMEOUTS["action"]))
    context.set_default_navigation_timeout(ms(TIMEOUTS["navigation"]))
    return context, LocalOnly(context)


def new_page(context):
    """A page in ``context`` whose kernel traffic the harness follows."""
    page = context.new_page()
    watch_kernels(page)
    return page


# --- notebooks the harness writes for itself -----------------------------------------------

def write_notebook(path, sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


# --- JupyterLab in the page -----------------------------------------------------------------

def _page_problems(page):
    """What the page shows that may explain a failure: dialogs and error outputs."""
    parts = []
    for d in page.locator(".jp-Dialog").all():
        parts.append("dialog: " + d.inner_text()[:500])
    errs = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    for e in errs.all()[-3:]:
        parts.append("stderr/error output: " + e.inner_text()[-1500:])
    parts.append(_log_console(page))
    return "\n".join(p for p in parts if p)


def _log_console(page):
    """Lab's log console, where an exception raised in a widget callback ends up."""
    try:
        item = page.locator(".jp-LogConsoleStatusItem")
        if not item.count() or not item.inner_text(timeout=2000).strip():
            return ""
        item.click(timeout=2000)
        panel = page.locator(".jp-LogConsolePanel").first
        panel.wait_for(timeout=5000)
        page.wait_for_timeout(300)
        text = panel.inner_text(timeout=2000).strip()
        return f"JupyterLab log console (end):\n{text[-2000:]}" if text else ""
    except Exception as err:  # diagnostics must never hide the real failure
        return f"(could not read the log console: {type(err).__name__})"


def open_notebook(page, lab, relpath, timeout=TIMEOUTS["lab_open"]):
    """Open ``relpath`` (relative to the server's root) in a fresh Lab workspace and wait
    until its kernel is idle. (Not for the page's load event: on a loaded machine Lab's
    scripts can take longer than any fixed navigation timeout; the wait below polls.)"""
    page.goto(f"{lab.base_url}/lab/tree/{relpath}?reset&token={lab.token}", wait_until="commit")
    idle = page.locator(IDLE_NOTEBOOK)

    def ready():
        lab.check_alive()
        if not idle.count():
            return False
        return any(s["path"] == relpath and s["kernel"]["execution_state"] == "idle"
                   for s in lab.api("GET", "/api/sessions"))
    wait_until(ready, timeout, f"{relpath} to open in JupyterLab with an idle kernel",
               interval=0.25, details=lambda: _page_problems(page))


def _menu(page, menu, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(menu)}$")).click()
    page.get_by_role("menuitem", name=re.compile(f"^{re.escape(item)}")).click()
    page.locator(".lm-Menu").first.wait_for(state="hidden")


_PROMPTS_JS = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')).map(c => [
        (c.querySelector('.jp-InputPrompt') || {}).textContent?.trim() ?? '',
        (c.querySelector('.cm-content') || {}).textContent?.trim() ?? ''])"""


def run_all_cells(page, timeout=TIMEOUTS["run_all"], quiet=1.0):
    """Clear every output, Run All, and wait until every code cell has run. A cell left
    unrun (Lab stops Run All at an error) fails once the kernel is idle with no cell queued
    and every request the page sent it done, for ``quiet`` s. (After a cell tagged
    raises-exception, Lab blanks the queued prompts but the kernel goes on running them:
    the pending execute requests, not the prompts, say when it is finished.)"""
    traffic = kernel_traffic(page)
    _menu(page, "Edit", "Clear Outputs of All Cells")
    _menu(page, "Run", "Run All Cells")
    idle = page.locator(IDLE_NOTEBOOK)
    state = {"since": None}

    def finished():
        prompts = [p for p, src in page.evaluate(_PROMPTS_JS) if src]
        if prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts):
            return True
        if "[*]:" in prompts or not idle.count() or traffic.pending:
            state["since"] = None
            return False
        state["since"] = state["since"] or time.monotonic()
        return time.monotonic() - state["since"] >= seconds(quiet)
    wait_until(finished, timeout, "Run All to finish (every code cell numbered)", interval=0.1,
               details=lambda: f"{traffic.describe()}\n{_page_problems(page)}")
    not_run = [i for i, (p, src) in enumerate(page.evaluate(_PROMPTS_JS))
               if src and not re.fullmatch(r"\[\d+\]:", p)]
    if not_run:
        raise AssertionError(f"Run All stopped: code cells {not_run} (0-based, code cells only) "
                             f"did not run\n{_page_problems(page)}")


def wait_for_explorers(page, timeout=TIMEOUTS["explorers"], scope=".jp-NotebookPanel:not(.lm-mod-hidden)"):
    """Wait until every widget output has rendered (no "Loading widget...", no "Error
    displaying widget") and every explorer's image has loaded; return the explorers."""
    area = page.locator(scope).first
    explorers = page.locator(f"{scope} {EXPLORER}")

    def rendered():
        if not area.count():  # not there yet: poll, never block in a locator's own timeout
            return False
        text = area.inner_text()
        if any(s in text for s in NOT_RENDERED) or not explorers.count():
            return False
        return all((srcs := images(e)) and all(srcs) for e in explorers.all())

    def details():
        text = area.inner_text() if area.count() else ""
        shown = [s for s in NOT_RENDERED if s in text]
        return (f"explorers found: {explorers.count()}; page shows: {shown or 'no widget message'}\n"
                + _page_problems(page))
    wait_until(rendered, timeout, "the explorers to render (an image widget loaded, no "
               "'Loading widget...' or 'Error displaying widget')", interval=0.2, details=details)
    return explorers.all()


def show_file_browser(page, timeout=TIMEOUTS["action"]):
    """Make sure JupyterLab's file browser is open in the left side bar (a fresh workspace
    opens with it; this opens it otherwise) and return its width in pixels."""
    browser = page.locator("#filebrowser")
    if not browser.is_visible():
        page.locator('.jp-SideBar.jp-mod-left [data-id="filebrowser"]').first.click()
    wait_until(browser.is_visible, timeout, "JupyterLab's file browser to open")
    return browser.bounding_box()["width"]


# For every explorer: the boxes that must stay inside the output area, and the widget boxes
# (ipywidgets gives them overflow: auto) that must not need a horizontal scroll bar.
_FIT_JS = """el => {
    const problems = [];
    const out = el.closest('.jp-OutputArea-output') || el.parentElement;
    const area = out.getBoundingClientRect();
    const right = Math.min(area.right, document.documentElement.clientWidth);
    const name = e => e.classList.contains('widget-html') ? 'the read-out'
        : e.classList.contains('widget-image') ? 'the figure'
        : e.classList.contains('widget-html-content') ? 'the text of the read-out'
        : e.classList.contains('widget-hbox') ? 'a row of the explorer' : 'the explorer';
    const parts = [el, ...el.querySelectorAll('.widget-html, .widget-html-content, img.widget-image')];
    for (const e of parts) {
        const r = e.getBoundingClientRect();
        if (r.right > right + 1 || r.left < area.left - 1)
            problems.push(`${name(e)} spans x = ${Math.round(r.left)} to ${Math.round(r.right)}, ` +
                          `outside the output area (x = ${Math.round(area.left)} to ${Math.round(right)})`);
    }
    for (const e of [out, el, ...el.querySelectorAll('.widget-box, .widget-html-content')]) {
        if (e.scrollWidth > e.clientWidth + 1)
            problems.push(`${e === out ? 'the output area' : name(e)} is ${e.scrollWidth} px wide ` +
                          `inside ${e.clientWidth} px: the rest is scrolled out of sight`);
    }
    for (const c of el.querySelectorAll('.widget-html-content')) {
        const box = c.getBoundingClientRect();
        for (const d of c.querySelectorAll('*')) {
            const r = d.getBoundingClientRect();
            if (r.width && (r.right > box.right + 1 || r.left < box.left - 1))
                problems.push(`read-out text '${d.textContent.trim().slice(0, 40)}' spans x = ` +
                              `${Math.round(r.left)} to ${Math.round(r.right)}, outside the ` +
                              `read-out (x = ${Math.round(box.left)} to ${Math.round(box.right)})`);
        }
    }
    const readouts = el.querySelectorAll('.widget-html');
    if (!readouts.length) problems.push('no read-out (an HTML widget) found');
    for (const r of readouts)
        if (r.getBoundingClientRect().width < 100) problems.push('the read-out is squeezed below 100 px');
    return Array.from(new Set(problems));
}"""


def overflows(explorer):
    """What of ``explorer`` does not fit its output area: a list of sentences, empty if all
    fits (every box inside the area, no widget box scrolled sideways)."""
    return explorer.evaluate(_FIT_JS)


def assert_fits(explorer, what="the explorer"):
    """Raise ExplorerOverflows naming what does not fit (see ``overflows``)."""
    problems = overflows(explorer)
    if problems:
        width = explorer.page.viewport_size["width"]
        raise ExplorerOverflows(f"{what} does not fit the page ({width} px wide):\n  "
                                + "\n  ".join(problems))


# --- Voilà in the page ----------------------------------------------------------------------

def open_voila_app(page, server, timeout=TIMEOUTS["voila_render"]):
    """Open the app Voilà serves and wait until it has executed the whole notebook and
    shows the outputs. Never waits for the page's load event: Voilà streams the page as
    it executes the cells, so "load" comes only after the last cell (minutes for a lesson
    that trains networks on a loaded machine); the wait polls instead."""
    page.goto(server.base_url + "/", wait_until="commit")
    loading, cells = page.locator("#loading"), page.locator("#rendered_cells")

    def shown():
        server.check_alive()
        return not loading.count() and cells.count() and cells.is_visible()

    def details():
        progress = loading.inner_text(timeout=2000).strip() if loading.count() else "(no spinner)"
        return (f"Voilà's page says: {progress!r}\n"
                f"end of Voilà's log ({server.log_path}):\n{server.log_tail()}")
    wait_until(shown, timeout, "Voilà to execute the notebook and show its outputs",
               interval=0.5, details=details)


# --- operating controls and looking at the figure -----------------------------------------

_IMAGES_JS = """root => Array.from(root.querySelectorAll('img.widget-image')).map(
    e => (e.complete && e.naturalWidth > 0) ? e.src : '')"""


@dataclass
class Control:
    kind: str
    label: str
    locator: object


def controls_of(explorer):
    """The enabled controls of an explorer, in page order."""
    found = []
    for css, kind in CONTROL_KINDS.items():
        for i, loc in enumerate(explorer.locator(f".{css}").all()):
            if loc.locator("[disabled], :disabled").count():
                continue
            labels = [t.replace("\u200b", "").strip()
                      for t in loc.locator(".widget-label, .widget-label-basic").all_inner_texts()]
            text = next((t for t in labels if t), "")
            found.append((loc.bounding_box() or {"y": 0, "x": 0}, Control(kind, text or f"{kind}{i}", loc)))
    found.sort(key=lambda bc: (round(bc[0]["y"]), bc[0]["x"]))
    return [c for _, c in found]


def _value(control):
    loc = control.locator
    if control.kind == "slider":
        return [h.get_attribute("aria-valuenow") for h in loc.locator(".noUi-handle").all()]
    if control.kind == "dropdown":
        return loc.locator("select").input_value()
    if control.kind == "toggle-buttons":
        return [b.get_attribute("class") for b in loc.locator("button").all()]
    return [i.is_checked() for i in loc.locator("input").all()]


def operate(page, control):
    """Change a control the way a person would: drag a slider's handle with the mouse,
    pick another dropdown entry, click another button, tick a box. Returns a description."""
    loc = control.locator
    loc.scroll_into_view_if_needed()
    before = _value(control)
    if control.kind == "slider":
        handle = loc.locator(".noUi-handle").first
        track = loc.locator(".noUi-target").first.bounding_box()
        box = handle.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        vertical = track["height"] > track["width"]
        if vertical:  # up is larger: move towards the farther end
            dx, dy = 0, (0.35 if y < track["y"] + track["height"] / 2 else -0.35) * track["height"]
        else:
            dx, dy = (-0.35 if x > track["x"] + track["width"] / 2 else 0.35) * track["width"], 0
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + dx, y + dy, steps=8)
        page.mouse.up()
        what = f"dragged slider '{control.label}' by {dx or dy:+.0f} px"
    elif control.kind == "dropdown":
        select = loc.locator("select")
        options = select.evaluate("s => Array.from(s.options).map(o => o.value)")
        new = options[(options.index(before) + 1) % len(options)] if before in options else options[0]
        select.select_option(value=new)
        what = f"picked '{new}' in dropdown '{control.label}'"
    elif control.kind == "toggle-buttons":
        button = loc.locator("button:not(.mod-active)").first
        name = button.inner_text()
        button.click()
        what = f"clicked button '{name}' of '{control.label}'"
    else:
        box = loc.locator("input:not(:checked)" if control.kind == "radio" else "input").first
        box.click()
        what = f"clicked {control.kind} '{control.label}'"
    try:
        wait_until(lambda: _value(control) != before, TIMEOUTS["control"],
                   f"control '{control.label}' to change")
    except WaitTimeout:
        raise ControlDidNotMove(f"{what}, but its value stayed {before!r}") from None
    return what


def images(explorer):
    return explorer.evaluate(_IMAGES_JS)


def settle(explorer, timeout=TIMEOUTS["settle"], quiet=0.3):
    """Wait until the kernel has handled every request the page sent it (a drag sends
    several values, each a redraw; on a loaded machine each may take seconds), JupyterLab
    shows the kernel idle, and the explorer's images are loaded and unchanged for
    ``quiet`` s (the browser applying the last redraw)."""
    page = explorer.page
    traffic = kernel_traffic(page)
    busy = page.locator('.jp-Notebook-ExecutionIndicator:not([data-status="idle"])')
    state = {"srcs": None, "since": time.monotonic()}

    def stable():
        srcs = images(explorer)
        if srcs != state["srcs"] or not all(srcs) or traffic.pending or busy.count():
            state.update(srcs=srcs, since=time.monotonic())
            return False
        return time.monotonic() - state["since"] >= seconds(quiet)
    wait_until(stable, timeout, "the explorer's figure to settle (kernel requests done, "
               "kernel idle, image unchanged)", interval=0.05, details=traffic.describe)


def image_pixels(explorer):
    """Screenshots of the explorer's image elements (what is on screen, PNG bytes)."""
    return [img.screenshot(animations="disabled") for img in explorer.locator("img.widget-image").all()]


def figure_changes(page, explorer, control, timeout=TIMEOUTS["figure_change"], shots=None,
                   settled=False):
    """Operate ``control`` and check the figure changed: the <img> src must change within
    ``timeout`` s and the image's pixels must differ from before. Raises FigureUnchanged
    (or ControlDidNotMove); returns a description of what was done. ``shots``: where to
    save a screenshot of the explorer afterwards. ``settled``: the caller just settled it."""
    if not settled:
        settle(explorer)
    srcs, pixels = images(explorer), image_pixels(explorer)
    what = operate(page, control)
    try:
        wait_until(lambda: (s := images(explorer)) != srcs and all(s), timeout,
                   f"the figure to change after: {what}", interval=0.1)
    except WaitTimeout as err:
        raise FigureUnchanged(f"{err}\n(the <img> src stayed the same)\n{_page_problems(page)}") from None
    settle(explorer)
    if shots is not None:
        explorer.screenshot(path=shots)
    if image_pixels(explorer) == pixels:
        raise FigureUnchanged(f"after {what} the <img> src changed but its pixels are the same")
    return what


def screenshot_name(prefix, *parts):
    slug = "-".join(re.sub(r"[^A-Za-z0-9_.-]+", "_", str(p)).strip("_") for p in parts)
    return SCREENSHOTS / f"{prefix}-{slug}.png"


# Controls that pick one of several choices: explore_all operates them after the others,
# since another choice can grey out a control that applies only to some choices (the
# optimizer explorer's β1 and β2 for gradient descent), which could then not be moved.
SELECTIONS = ("dropdown", "toggle-buttons", "radio")


def explore_all(page, explorers, prefix, timeout=TIMEOUTS["figure_change"], after=None):
    """Operate every control of every explorer, checking the figure changes each time;
    save each explorer before and after every change under build/screenshots/. Each
    explorer's enabled controls are operated in page order, the selections (SELECTIONS)
    last. ``after(explorer, what)``, if given, is called once before the first change and
    after each change (e.g. ``assert_fits``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"{prefix}-*.png"):
        old.unlink()
    done = []
    for n, explorer in enumerate(explorers, 1):
        controls = sorted(controls_of(explorer), key=lambda c: c.kind in SELECTIONS)  # stable
        assert controls, f"explorer {n} of {prefix} has no slider, dropdown, button or checkbox"
        settle(explorer)
        explorer.screenshot(path=screenshot_name(prefix, f"explorer{n}", "0-before"))
        if after is not None:
            after(explorer, f"explorer {n} of {prefix} as it first rendered")
        for k, control in enumerate(controls, 1):
            shot = screenshot_name(prefix, f"explorer{n}", f"{k}-after", control.label)
            what = figure_changes(page, explorer, control, timeout, shot, settled=True)
            done.append(f"explorer {n}: {what}")
            if after is not None:
                after(explorer, f"explorer {n} of {prefix} after: {what}")
    return done
