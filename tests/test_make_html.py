"""make html (tools/make_html.py) writes the reader's site: every lesson in course order, with
its title, the lecture it follows and its glossary, pages linked previous / next, and no
address of another host in any script or stylesheet. (tests/browser/test_static_site.py
opens the pages in Chromium.)"""
import html
import importlib.util
import re

import nbformat
import pytest

from support import NOTEBOOKS, ROOT

_spec = importlib.util.spec_from_file_location("make_html", ROOT / "tools" / "make_html.py")
make_html = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_html)

LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    assert make_html.main(["--out", str(out)]) == 0
    return out


def test_the_index_lists_every_lesson_in_course_order(site):
    index = (site / "index.html").read_text()
    hrefs = re.findall(r'<td class="lesson"><a href="([^"]+)">', index)
    assert hrefs == [p.with_suffix(".html").name for p in LESSONS]
    assert len(hrefs) >= 10 and hrefs[0].startswith("01_") and hrefs[9].startswith("10_")
    for href in hrefs:
        assert (site / href).is_file()


def test_each_index_row_has_the_title_the_lecture_and_the_glossary(site):
    index = (site / "index.html").read_text()
    rows = re.findall(r"<tr><td class=\"lesson\">(.*?)</tr>", index, re.S)
    table = make_html.lectures()
    for path, row in zip(LESSONS, rows):
        nb = nbformat.read(path, as_version=4)
        assert make_html.title_of(nb, "?").split("·")[0].strip() in row  # "Lesson 04"
        if path.name in table:
            assert make_html.inline_markdown(table[path.name]) in row
        glossary = make_html.glossary_of(nb)
        assert glossary, f"{path.name}: no glossary found"
        for en, zh in glossary:
            assert html.escape(zh) in row
    # the README's table really was read: lesson 01 follows video p21
    assert "p21 <em>Broadcasting in Python</em>" in rows[0]


def test_the_lesson_pages_link_previous_and_next(site):
    names = [p.with_suffix(".html").name for p in LESSONS]
    for i, name in enumerate(names):
        page = (site / name).read_text()
        # (nbconvert's HTML post-processing sorts attributes: href before rel)
        prev = re.findall(r'<a href="([^"]+)" rel="prev">', page)
        nxt = re.findall(r'<a href="([^"]+)" rel="next">', page)
        assert prev == ([names[i - 1]] * 2 if i > 0 else [])  # top and bottom of the page
        assert nxt == ([names[i + 1]] * 2 if i + 1 < len(names) else [])
        assert page.count('href="index.html"') == 2


def test_no_page_loads_a_script_or_stylesheet_from_another_host(site):
    for page in [site / "index.html", *(site / p.with_suffix(".html").name for p in LESSONS)]:
        text = page.read_text()
        remote = re.findall(r"<(?:script|link|img)[^>]+(?:src|href)=\"(?:https?:)?//[^\"]+\"", text)
        assert not remote, f"{page.name}: {remote}"
        assert 'src="mathjax/MathJax.js?config=' in text
    assert (site / "mathjax" / "MathJax.js").is_file()
    assert (site / "mathjax" / "config" / f"{make_html.MATHJAX_CONFIG.split(',')[0]}.js").is_file()


def test_every_stored_figure_is_embedded_in_its_page(site):
    for path in LESSONS:
        nb = nbformat.read(path, as_version=4)
        pngs = [o["data"]["image/png"].replace("\n", "") for c in nb.cells if c.cell_type == "code"
                for o in c.outputs if "image/png" in o.get("data", {})]
        page = (site / path.with_suffix(".html").name).read_text()
        for png in pngs:
            assert f"data:image/png;base64,{png[:200]}" in page, f"{path.name}: a figure is missing"
