"""The blog, notebook and script exports of executed lessons.

* **blog** — ``blog/NN-slug.md`` with TOML ``+++`` front matter (title, date, description, and
  the rest under ``[extra]``), code fences, the real outputs, and figures in ``blog/NN-slug/``
  beside it. See docs/blog.md for what Zola and Hugo need.
* **notebooks** — ``notebooks/NN-slug.ipynb``, executed, MyST directives turned into Markdown.
* **scripts** — ``scripts/NN-slug/demo_K.py``, one runnable file per code example: each holds the
  example's cell and the earlier cells it depends on (found from the names it uses).
"""

from __future__ import annotations

import ast
import base64
import json
import re
from pathlib import Path

import nbformat

from la4ml.course import catalog
from la4ml.course.build.execute import Executed
from la4ml.course.build.markdown import convert_directives, protect_math
from la4ml.course.build.prepare import expand_exercises, strip_fingerprint
from la4ml.course.build.site import write_if_changed

ANSI = re.compile(r"\x1b\[[0-9;]*m")


# ----------------------------------------------------------------------------- front matter
def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def front_matter(executed: Executed) -> str:
    les = executed.lesson
    meta = executed.nb.metadata.get("la4ml", {})
    course = catalog.config()["course"]
    blog = catalog.config().get("blog", {})
    lines = [
        "+++",
        f"title = {_toml_value(les.full_title())}",
        f"date = {meta.get('date', les.expected_date())}",  # a bare TOML local date
        f"description = {_toml_value(meta.get('summary', ''))}",
        "",
        "[taxonomies]",
        f"tags = {_toml_value(blog.get('taxonomies_tags', []))}",
        "",
        "[extra]",
        f"author = {_toml_value(course['author'])}",
        f"part = {les.part}",
        f"series = {_toml_value(course['title'])}",
        f"reading_time = {_toml_value(meta.get('reading_time', ''))}",
        f"prerequisites = {_toml_value(list(meta.get('prerequisites', [])))}",
        f"objectives = {_toml_value(list(meta.get('objectives', [])))}",
        f"math = true",
        "+++",
        "",
    ]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- outputs
def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _alt(cell) -> str:
    md = cell.get("metadata", {}).get("mystnb", {}) or {}
    return ((md.get("image") or {}).get("alt") or md.get("figure", {}).get("caption") or "Figure").replace("\n", " ")


def _outputs_markdown(cell, fig_dir: Path, fig_rel: str, counter: list[int]) -> list[str]:
    parts: list[str] = []
    text_buf: list[str] = []

    def flush():
        if text_buf:
            body = "".join(text_buf).rstrip("\n")
            if body:
                parts.append(f"```text\n{body}\n```")
            text_buf.clear()

    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            text_buf.append(ANSI.sub("", out.get("text", "")))
            continue
        if kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            if "image/png" in data:
                flush()
                counter[0] += 1
                name = f"figure-{counter[0]}.png"
                fig_dir.mkdir(parents=True, exist_ok=True)
                (fig_dir / name).write_bytes(base64.b64decode(data["image/png"]))
                parts.append(f"![{_alt(cell)}]({fig_rel}/{name})")
            elif "text/markdown" in data:
                flush()
                parts.append(data["text/markdown"].rstrip())
            elif "text/html" in data and "text/plain" not in data:
                flush()
                parts.append(data["text/html"].rstrip())
            elif "text/plain" in data:
                text_buf.append(ANSI.sub("", data["text/plain"]) + "\n")
        elif kind == "error":
            text_buf.append(ANSI.sub("", "\n".join(out.get("traceback", []))) + "\n")
    flush()
    return parts


def blog_post(executed: Executed, out_dir: Path) -> Path:
    """Write ``out_dir/NN-slug.md`` and its figures; return the post's path."""
    les = executed.lesson
    nb = expand_exercises(strip_fingerprint(executed.nb), les, "blog")
    fig_rel = les.name
    fig_dir = out_dir / fig_rel
    counter = [0]
    chunks: list[str] = []
    first_heading = True
    for cell in nb.cells:
        tags = _tags(cell)
        if "remove-cell" in tags:
            continue
        if cell.cell_type == "markdown":
            text = convert_directives(cell.source, target="blog")
            if first_heading and text.lstrip().startswith("# "):
                text = text.lstrip().partition("\n")[2]  # the title lives in the front matter
                first_heading = False
            chunks.append(protect_math(text).strip())
        elif cell.cell_type == "code":
            if "remove-input" not in tags and "hide-input" not in tags and cell.source.strip():
                chunks.append(f"```python\n{cell.source.rstrip()}\n```")
            if "remove-output" not in tags:
                chunks += _outputs_markdown(cell, fig_dir, fig_rel, counter)
    body = "\n\n".join(c for c in chunks if c) + "\n"
    post = out_dir / f"{les.name}.md"
    write_if_changed(post, front_matter(executed) + body)
    return post


# ----------------------------------------------------------------------------- notebooks
def notebook(executed: Executed, out_dir: Path) -> Path:
    """An executed ``.ipynb`` for Jupyter: outputs kept, MyST turned into Markdown Jupyter renders."""
    les = executed.lesson
    nb = expand_exercises(strip_fingerprint(executed.nb), les, "notebook")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = convert_directives(cell.source, target="notebook")
            if cell.source.lstrip().startswith("# "):
                rest = cell.source.lstrip().partition("\n")[2]
                cell.source = f"# {les.full_title()}\n{rest}"
    nb.metadata.pop("jupytext", None)
    path = out_dir / f"{les.name}.ipynb"
    nbformat.validate(nb)
    write_if_changed(path, nbformat.writes(nb))
    return path


# ----------------------------------------------------------------------------- scripts
PLOT_ROOTS = {"plt", "ax", "axes", "fig", "print", "display", "sns"}


def _names(tree: ast.AST) -> tuple[set[str], set[str]]:
    """(names the code defines, names it reads) — a conservative approximation."""
    defined, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (defined if isinstance(node.ctx, (ast.Store, ast.Del)) else used).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                defined.add((a.asname or a.name).split(".")[0])
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:  # A[0] = 1 and obj.x = 1 modify A and obj: they define and read them
                while isinstance(t, (ast.Subscript, ast.Attribute)):
                    t = t.value
                if isinstance(t, ast.Name):
                    defined.add(t.id)
                    used.add(t.id)
    return defined, used


def _printable_last_expr(src: str) -> str:
    """Make a cell's last bare expression print, as the notebook displayed it."""
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return src
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return src
    expr = tree.body[-1]
    node = expr.value
    if isinstance(node, ast.Call):
        root = node.func
        while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
            root = root.value if not isinstance(root, ast.Call) else root.func
        if isinstance(root, ast.Name) and root.id in PLOT_ROOTS:
            return src
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return src
    lines = src.splitlines()
    if lines[expr.end_lineno - 1].rstrip().endswith(";"):
        return src
    start, end = expr.lineno - 1, expr.end_lineno
    seg = "\n".join(lines[start:end])
    return "\n".join(lines[:start] + [f"print({seg})"] + lines[end:])


def scripts(executed: Executed, out_dir: Path) -> list[Path]:
    """One runnable ``demo_K.py`` per code example of the lesson (cells of only imports are setup)."""
    les = executed.lesson
    nb = strip_fingerprint(executed.nb)
    cells, headings, heading = [], [], les.title
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for ln in cell.source.splitlines():
                if ln.startswith("#"):
                    heading = ln.lstrip("#").strip()
        elif cell.cell_type == "code" and "remove-cell" not in _tags(cell):
            src = "\n".join(ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!")))
            try:
                tree = ast.parse(src)
            except SyntaxError:
                continue
            cells.append((src, tree, _names(tree)))
            headings.append(heading)
    folder = out_dir / les.name
    written: list[Path] = []
    k = 0
    for i, (src, tree, (defs, uses)) in enumerate(cells):
        if all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body):
            continue
        k += 1
        needed = set(uses) - (defs - uses)
        include = []
        for j in range(i - 1, -1, -1):
            jdefs, juses = cells[j][2]
            if jdefs & needed:
                include.append(j)
                needed -= jdefs - juses
                needed |= juses
        include.reverse()
        body = [cells[j][0].rstrip() for j in include]
        header = (f'"""{les.full_title()}\n\nExample {k}: {headings[i]}\n\n'
                  f"Generated from the lesson by `la4ml build --formats scripts`; run it with `python demo_{k}.py`.\n" + '"""')
        text = header + "\n\n" + "\n\n".join(body + [_printable_last_expr(src).rstrip()]) + "\n"
        if "plt." in text and "plt.show()" not in text:
            text += "\nimport matplotlib.pyplot as plt\nplt.show()\n"
        path = folder / f"demo_{k}.py"
        write_if_changed(path, text)
        written.append(path)
    keep = {p.name for p in written}
    if folder.exists():
        for old in folder.glob("demo_*.py"):
            if old.name not in keep:
                old.unlink()
    return written
