"""The browser tests' pages stay on localhost: the guard (harness.LocalOnly) is proven here.

A page on a local server asks four other hosts for things (an image, a stylesheet, a
fetch, a WebSocket): each is recorded, the HTTP ones are aborted by the route before
anything is sent (no network needed), local requests and data: URLs pass, and the report
names every URL. Then a whole test whose notebook output shows an image from another
host must fail with ForeignRequests: that proves the fixtures' hook, not only the guard.
"""
import base64
import http.server

import pytest

from . import harness

IMAGE = "http://example.com/x.png"
STYLESHEET = "https://cdn.jsdelivr.net/npm/font-awesome@4.5.0/css/font-awesome.min.css"
FETCHED = "https://example.org/data.json?from=http://127.0.0.1/"
SOCKET = "wss://example.net/socket"

# A 1x1 PNG, served locally and inlined as a data: URL.
PIXEL_B64 = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJ"
             "RU5ErkJggg==")
PIXEL = base64.b64decode(PIXEL_B64)

PAGE = f"""<!doctype html><html><head>
<link rel="stylesheet" href="{STYLESHEET}">
</head><body>
<img id="local" src="/pixel.png">
<img id="inline" src="data:image/png;base64,{PIXEL_B64}">
<img id="foreign" src="{IMAGE}">
<script>
  window.fetched = fetch("{FETCHED}").then(() => "answered", () => "failed");
  window.socket = new Promise(done => {{
    const ws = new WebSocket("{SOCKET}");
    ws.onopen = () => done("open");
    ws.onerror = () => done("error");
  }});
</script>
</body></html>"""


@pytest.mark.parametrize("url, foreign", [
    ("http://127.0.0.1:8888/lab/tree/x.ipynb?token=abc", False),
    ("ws://127.0.0.1:40123/api/kernels/k/channels?session_id=s", False),
    ("http://localhost:8866/", False),
    ("http://[::1]:8866/voila/static/voila.js", False),
    ("http://127.0.0.1", False),
    ("data:image/png;base64,AAAA", False),
    ("blob:http://127.0.0.1:8866/1234-5678", False),
    ("about:blank", False),
    ("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@%5E5/css/all.min.css", True),
    ("http://example.com/x.png", True),
    ("wss://example.net/socket", True),
    ("http://127.0.0.1.example.com/", True),
    ("http://127.0.0.1@example.com/", True),
    ("http://localhost.example.com:8888/", True),
    ("http://example.com/?next=http://127.0.0.1/", True),
    ("http://10.0.0.1:8888/", True),
    ("file:///etc/passwd", True),
])
def test_which_urls_count_as_leaving_localhost(url, foreign):
    assert harness.is_foreign(url) is foreign


class _Pages(http.server.BaseHTTPRequestHandler):
    served = []

    def do_GET(self):
        self.served.append(self.path)
        body, kind = (PIXEL, "image/png") if self.path == "/pixel.png" else (PAGE.encode(), "text/html")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    _Pages.served = []
    with harness.serve(handler=_Pages) as url:
        yield url


@pytest.mark.browser
def test_requests_to_other_hosts_are_blocked_before_they_leave_and_reported(browser, local_site):
    context, guard = harness.new_context(browser)
    try:
        page = harness.new_page(context)
        failed = {}
        page.on("requestfailed", lambda r: failed.setdefault(r.url, r.failure))
        page.goto(local_site + "/", wait_until="commit")
        # (page.wait_for_timeout lets Playwright deliver the page's events meanwhile)
        harness.wait_until(lambda: page.wait_for_timeout(50) or len(guard.urls) == 4, 60,
                           "the four foreign URLs to be seen", details=lambda: f"seen: {list(guard.urls)}")
        assert page.evaluate("window.fetched") == "failed"
        assert page.evaluate("window.socket") == "error"
        loaded = page.evaluate("""() => Object.fromEntries(Array.from(document.images).map(
            i => [i.id, i.complete && i.naturalWidth > 0]))""")
    finally:
        context.close()

    assert set(guard.urls) == {IMAGE, STYLESHEET, FETCHED, SOCKET}
    # HTTP(S): aborted by the route itself (".Inspector": by the DevTools interception
    # Playwright drives), before any DNS lookup or connection.
    assert {url: failed.get(url) for url in (IMAGE, STYLESHEET, FETCHED)} == dict.fromkeys(
        (IMAGE, STYLESHEET, FETCHED), "net::ERR_BLOCKED_BY_CLIENT.Inspector")
    assert {guard.urls[u] for u in (IMAGE, STYLESHEET, FETCHED)} == {"blocked"}
    assert guard.urls[SOCKET] == "websocket"  # recorded; the proxy backstop refused it
    # Local and inline resources are untouched.
    assert loaded == {"local": True, "inline": True, "foreign": False}
    assert _Pages.served == ["/", "/pixel.png"]

    with pytest.raises(harness.ForeignRequests) as err:
        guard.check()
    message = str(err.value)
    assert "4 URL(s) outside localhost" in message
    for url in (IMAGE, STYLESHEET, FETCHED, SOCKET):
        assert url in message


@pytest.mark.browser
@pytest.mark.xfail(strict=True, raises=harness.ForeignRequests,
                   reason="must fail: its notebook shows an image from another host")
def test_a_browser_test_fails_when_its_page_leaves_localhost(page, lab, served_root, page_guard):
    path = served_root / "scratch" / "foreign_image.ipynb"
    harness.write_notebook(path, ["from IPython.display import HTML\n"
                                  f"HTML('<img src=\"{IMAGE}\">')"])
    harness.open_notebook(page, lab, path.relative_to(served_root).as_posix())
    harness.run_all_cells(page)
    harness.wait_until(lambda: page.wait_for_timeout(50) or IMAGE in page_guard.urls, 60,
                       f"the page to ask for {IMAGE}")
    assert page_guard.urls[IMAGE] == "blocked"
    # The test body passes; the conftest hook must now fail it with ForeignRequests.
