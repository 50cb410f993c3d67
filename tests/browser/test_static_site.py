"""The reader's site (make html) in headless Chromium: every lesson page opens from a local
server, its figures are images that loaded, its math is rendered by the site's own MathJax,
the explorers show their static pictures, and no request leaves localhost (the fixtures'
LocalOnly guard fails the test otherwise). Screenshots of the index and of lesson 05 land in
build/screenshots/."""
import importlib.util
import re

import nbformat
import pytest

from . import harness

pytestmark = pytest.mark.browser

_spec = importlib.util.spec_from_file_location("make_html", harness.ROOT / "tools" / "make_html.py")
make_html = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_html)

LESSONS = make_html.lesson_notebooks()
EXPLORER_REPR = re.compile(r"^\w+Explorer\(")
MATH_DONE = """(needMath) => {
  const hub = window.MathJax && window.MathJax.Hub;
  return !!hub && hub.queue.pending === 0 && hub.queue.running === 0
      && (!needMath || document.querySelectorAll('script[type^="math/tex"]').length > 0)
      && Array.from(document.querySelectorAll('script[type^="math/tex"]'))
              .every(s => s.previousElementSibling && /MathJax/.test(s.previousElementSibling.className));
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """make html's builder writes the site into a temp folder, served on 127.0.0.1."""
    out = tmp_path_factory.mktemp("html")
    make_html.build(out)
    with harness.serve(directory=out) as url:
        yield url


def _open(page, url, math=True):
    """Open ``url`` and wait until MathJax has typeset every formula; the URLs requested."""
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="load")
    harness.wait_until(lambda: page.evaluate(MATH_DONE, math), 120, f"MathJax to typeset {url}",
                       details=lambda: page.evaluate("() => document.title"))
    return requests


def _stored_pngs(nb):
    """[(is an explorer's static picture, base64 PNG)] of every stored figure, in order."""
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if "image/png" in o.get("data", {}):
                explorer = bool(EXPLORER_REPR.match(o["data"].get("text/plain", "")))
                out.append((explorer, o["data"]["image/png"].replace("\n", "")))
    return out


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_a_lesson_page_shows_its_figures_and_its_math(site, voila_page, lesson):
    page = voila_page
    requests = _open(page, f"{site}/{lesson.with_suffix('.html').name}")
    assert any(u.startswith(site) and "/mathjax/MathJax.js" in u for u in requests), \
        "MathJax did not come from the site"
    assert all(u.startswith((site, "data:", "about:blank")) for u in requests), requests

    # the math: rendered elements, no TeX error, no raw TeX left in the visible prose
    rendered = page.locator(".jp-MarkdownOutput .MathJax, .jp-MarkdownOutput .MathJax_Display").count()
    assert rendered > 0, "no rendered math on the page"
    assert page.locator(".MathJax .merror, .MathJax_Error").count() == 0, "MathJax reported a TeX error"
    prose = "\n".join(page.locator(".jp-MarkdownOutput").all_inner_texts())
    for raw in ("$$", "\\frac", "\\begin{", "^{[", "\\hat"):
        assert raw not in prose, f"raw TeX {raw!r} left in the visible text"

    # the figures: every stored PNG is on the page, as an image that loaded
    nb = nbformat.read(lesson, as_version=4)
    stored = _stored_pngs(nb)
    harness.wait_until(lambda: page.evaluate(
        "() => Array.from(document.querySelectorAll('.jp-OutputArea-output img')).every(i => i.complete)"),
        60, "every figure to finish loading")
    images = page.evaluate("""() => Array.from(document.querySelectorAll('.jp-OutputArea-output img'))
        .map(i => ({src: i.getAttribute('src').slice(0, 300), ok: i.complete && i.naturalWidth > 0,
                    width: i.naturalWidth}))""")
    assert len(images) == len(stored), f"{len(stored)} figures stored, {len(images)} images on the page"
    for (explorer, png), img in zip(stored, images):
        assert img["src"] == f"data:image/png;base64,{png}"[:300], "not the stored figures, in order"
        assert img["ok"], f"an image did not load (explorer: {explorer})"
    if lesson.name.startswith(("05_", "06_")):  # the lessons with explorers show their pictures
        assert any(explorer for explorer, _ in stored), "no explorer's static picture stored"

    # the navigation
    names = [p.with_suffix(".html").name for p in LESSONS]
    i = names.index(lesson.with_suffix(".html").name)
    nav = page.locator("nav.course-nav-top")
    assert nav.locator("a.course-home").get_attribute("href") == "index.html"
    assert (nav.locator('a[rel="prev"]').count() == 1) == (i > 0)
    assert (nav.locator('a[rel="next"]').count() == 1) == (i + 1 < len(names))
    if lesson.name.startswith("05_"):
        harness.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=harness.SCREENSHOTS / "static-site-05-top.png")
        page.locator(".jp-OutputArea-output img").nth(
            next(k for k, (explorer, _) in enumerate(stored) if explorer)).scroll_into_view_if_needed()
        page.screenshot(path=harness.SCREENSHOTS / "static-site-05-explorer.png")


def test_the_index_page_lists_the_lessons_and_leads_to_them(site, voila_page):
    page = voila_page
    _open(page, f"{site}/index.html", math=False)
    links = page.locator("td.lesson a")
    assert links.count() == len(LESSONS)
    assert [links.nth(k).get_attribute("href") for k in range(links.count())] == \
        [p.with_suffix(".html").name for p in LESSONS]
    harness.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=harness.SCREENSHOTS / "static-site-index.png", full_page=True)
    links.nth(1).click()
    page.wait_for_url(f"{site}/{LESSONS[1].with_suffix('.html').name}")
    page.locator('nav.course-nav-top a[rel="next"]').click()
    page.wait_for_url(f"{site}/{LESSONS[2].with_suffix('.html').name}")


# --- harness.serve, the local HTTP server of this module and of test_local_only.py -------------

def test_harness_serve_serves_a_folders_files_on_localhost_until_the_block_ends(tmp_path):
    import socket
    import urllib.request

    (tmp_path / "page.html").write_text("<p>served</p>")
    with harness.serve(directory=tmp_path) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}/page.html", timeout=30) as answer:
            assert answer.read() == b"<p>served</p>"
    port = int(url.rsplit(":", 1)[1])
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, "the server still listens after the block"


@pytest.mark.parametrize("kwargs, error, words", [
    ({}, TypeError, "exactly one of directory and handler"),
    ({"directory": ".", "handler": object}, TypeError, "exactly one of directory and handler"),
    ({"directory": "/nonexistent/site"}, FileNotFoundError, "directory='/nonexistent/site'"),
])
def test_harness_serve_refuses_what_it_cannot_serve(kwargs, error, words):
    with pytest.raises(error, match=re.escape(words)):
        with harness.serve(**kwargs):
            pass
