#!/usr/bin/env python3
"""The reader's site: every lesson rendered with its stored outputs, an index in course order.

    python tools/make_html.py                 every notebooks/NN_*.ipynb -> build/html/ (make html)
    python tools/make_html.py --out /tmp/site

Nothing is executed: each page shows the outputs the notebook stores (the figures as PNG, the
explorers as their static fallback picture). The pages come from nbconvert's HTMLExporter with
the project's template share/html/templates/course (nbconvert's "lab" template minus
everything it would fetch from a CDN, plus previous / next links); MathJax 2.7 is copied from
the jupyter-server-mathjax package into build/html/mathjax/, so a page asks nothing of another
host. The index lists each lesson's title, the lecture it follows (the README's table of
notebooks) and its glossary's terms. Open build/html/index.html, or serve the folder with
`python -m http.server -d build/html`.
"""
import argparse
import html
import re
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "share" / "html" / "templates"
TEMPLATE = "course"
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"  # the configs jupyter-server-mathjax ships
README_ROW = re.compile(r"^\|\s*`(?P<file>\d\d_[^`]+\.ipynb)`\s*\|\s*(?P<lecture>.+?)\s*\|\s*$")


def lesson_notebooks(folder=ROOT / "notebooks"):
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


def lectures(readme=ROOT / "README.md"):
    """{notebook file name: the lecture it follows, as the README's table writes it}."""
    return {m["file"]: m["lecture"] for line in Path(readme).read_text().splitlines()
            if (m := README_ROW.match(line))}


def title_of(nb, fallback):
    """The first markdown heading of the notebook, without its #."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def glossary_of(nb):
    """[(English, 中文)] from the table under the notebook's "Glossary" heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.search(r"^#+\s*Glossary", cell.source, re.M):
            rows = [[p.strip() for p in line.strip().strip("|").split("|")]
                    for line in cell.source.splitlines() if line.strip().startswith("|")]
            return [tuple(r[:2]) for r in rows[2:] if len(r) >= 2]  # skip header and ---
    return []


def inline_markdown(text):
    """The README's cell text as HTML: `code` and *emphasis*, everything else escaped."""
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", out)


def mathjax_folder():
    import jupyter_server_mathjax
    return Path(jupyter_server_mathjax.__file__).parent / "static"


def exporter():
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.template_name = TEMPLATE
    config.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.HTMLExporter.mathjax_url = f"mathjax/MathJax.js?config={MATHJAX_CONFIG}"
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.HTMLExporter.embed_images = True
    return HTMLExporter(config=config)


def lessons(notebooks):
    """One dict per lesson, in course order: file, href, title, lecture, glossary, nb."""
    table = lectures()
    out = []
    for path in sorted(notebooks, key=lambda p: p.name):
        nb = nbformat.read(path, as_version=4)
        out.append({"file": path.name, "href": path.with_suffix(".html").name,
                    "title": title_of(nb, path.stem), "lecture": table.get(path.name, ""),
                    "glossary": glossary_of(nb), "nb": nb})
    return out


def index_page(items):
    rows = []
    for item in items:
        terms = ", ".join(f"{html.escape(en)} {html.escape(zh)}" for en, zh in item["glossary"])
        rows.append(
            f'<tr><td class="lesson"><a href="{item["href"]}">{html.escape(item["title"])}</a></td>'
            f'<td class="lecture">{inline_markdown(item["lecture"]) or "&ndash;"}</td>'
            f'<td class="glossary">{terms}</td></tr>')
    body = "\n".join(rows)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Deep learning, step by step: the lessons</title>
<link rel="stylesheet" href="course.css">
<script src="course-mathjax.js"></script>
<script src="mathjax/MathJax.js?config={MATHJAX_CONFIG}"></script>
</head>
<body class="course-index">
<h1>Deep learning, step by step</h1>
<p>NumPy lessons that follow an introductory deep-learning course, in course order. Each page
shows the lesson as it was last run: prose, formulas, code, numbers and figures (the live
explorers appear as their pictures; run the notebooks in JupyterLab to move them).</p>
<table>
<thead><tr><th>lesson</th><th>the lecture it follows</th><th>glossary (English / 中文)</th></tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""


def build(out, notebooks=None):
    """Write the site into ``out``; return the lessons written (course order)."""
    out = Path(out)
    items = lessons(notebooks or lesson_notebooks())
    if not items:
        raise SystemExit("make_html: no notebooks/NN_*.ipynb to render")
    out.mkdir(parents=True, exist_ok=True)
    for name in ("course.css", "course-mathjax.js"):
        shutil.copy(TEMPLATES / TEMPLATE / name, out / name)
    if not (out / "mathjax" / "MathJax.js").exists():
        shutil.copytree(mathjax_folder(), out / "mathjax", dirs_exist_ok=True)
    html_exporter = exporter()
    for i, item in enumerate(items):
        course = {"prev": _link(items[i - 1]) if i > 0 else None,
                  "next": _link(items[i + 1]) if i + 1 < len(items) else None}
        page, _ = html_exporter.from_notebook_node(
            item["nb"], resources={"metadata": {"name": item["title"]}, "course": course})
        (out / item["href"]).write_text(page, encoding="utf-8")
        print(f"{out / item['href']}: {item['title']}")
    (out / "index.html").write_text(index_page(items), encoding="utf-8")
    print(f"{out / 'index.html'}: {len(items)} lessons")
    return items


def _link(item):
    return {"href": item["href"], "title": item["title"]}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "html",
                        help="the site's folder (default build/html)")
    args = parser.parse_args(argv)
    build(args.out, args.notebooks or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
