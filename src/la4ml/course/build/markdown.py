"""Turn a lesson's MyST Markdown into plain CommonMark + math + small HTML.

Used by the blog export (for Zola/Hugo and any CommonMark renderer) and the notebook export
(for Jupyter, which does not know MyST directives):

* admonitions (```` ```{admonition} Title ````, ```` ```{note} ```` …) become block quotes with a
  bold title;
* ```` ```{widget} name ```` becomes a placeholder ``<div class="la4ml-widget">`` (the blog) or a
  note that points to the Jupyter widget class (notebooks);
* ``{doc}`text <target>``` roles become plain text;
* for the blog only (``protect_math=True``): display math ``$$…$$`` is emitted as a raw HTML
  block (``<div class="math display">``) whose content CommonMark leaves untouched, and inline
  math ``$…$`` has every ASCII punctuation character backslash-escaped, which CommonMark turns back
  into the original characters. A renderer then outputs the TeX exactly as written, for MathJax
  or KaTeX in the page to typeset. (See docs/blog.md.)
"""

from __future__ import annotations

import html
import json
import re
import string

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)
DOC_ROLE = re.compile(r"\{doc\}`([^`<]*?)\s*(?:<[^`>]*>)?`")
ANY_ROLE = re.compile(r"\{[\w:-]+\}`([^`]*)`")
ADMONITIONS = {"note", "tip", "warning", "important", "caution", "danger", "seealso", "hint", "attention", "error"}
PUNCT = set(string.punctuation)


def _split_options(body: str) -> tuple[dict, str]:
    opts, lines = {}, body.splitlines()
    i = 0
    while i < len(lines) and re.match(r"^:[\w-]+:", lines[i]):
        key, _, val = lines[i][1:].partition(":")
        opts[key.strip()] = val.strip()
        i += 1
    return opts, "\n".join(lines[i:]).strip("\n")


def _quote(title: str, body: str) -> str:
    out = [f"> **{title}**", ">"]
    out += [f"> {ln}" if ln.strip() else ">" for ln in body.splitlines()]
    return "\n".join(out)


def _widget_html(name: str, body: str) -> str:
    state = body.strip() or "{}"
    try:
        state = json.dumps(json.loads(state))
    except json.JSONDecodeError:
        state = "{}"
    return (
        f'<div class="la4ml-widget" data-widget="{html.escape(name)}" data-state="{html.escape(state)}">'
        f"<em>Interactive figure “{html.escape(name)}”: try it on the course site, or in Jupyter with la4ml.widgets.</em></div>"
    )


def _widget_notebook(name: str, body: str) -> str:
    cls = "".join(w.capitalize() for w in name.split("-"))
    return (f"> **Try it:** the interactive figure *{name}* runs in Jupyter — in a code cell: "
            f"`from la4ml.widgets import {cls}; {cls}()`")


def convert_directives(text: str, *, target: str) -> str:
    """Replace MyST directives and roles with CommonMark equivalents (``target``: blog or notebook)."""

    def repl(m: re.Match) -> str:
        name, arg, body = m.group("name"), m.group("arg").strip(), m.group("body")
        opts, content = _split_options(body)
        if name == "widget":
            return _widget_html(arg, content) if target == "blog" else _widget_notebook(arg, content)
        if name == "admonition":
            return _quote(arg or "Note", convert_directives(content, target=target))
        if name in ADMONITIONS:
            title = {"seealso": "See also"}.get(name, name.capitalize())
            return _quote(title, convert_directives(content, target=target))
        if name in ("math",):
            return f"$$\n{content}\n$$"
        if name in ("code-block", "code"):
            return f"```{arg}\n{content}\n```"
        return content

    text = FENCE.sub(repl, text)
    text = DOC_ROLE.sub(lambda m: m.group(1), text)
    text = ANY_ROLE.sub(lambda m: f"`{m.group(1)}`", text)
    return text


def _escape_inline_math(tex: str) -> str:
    return "".join("\\" + ch if ch in PUNCT else ch for ch in tex)


def protect_math(text: str) -> str:
    """Make ``$$…$$`` and ``$…$`` survive any CommonMark renderer unchanged (outside code)."""
    out: list[str] = []
    lines = text.split("\n")
    i, in_fence, fence = 0, False, ""
    buf: list[str] = []

    def flush_para():
        if buf:
            out.append(_protect_inline("\n".join(buf)))
            buf.clear()

    while i < len(lines):
        ln = lines[i]
        stripped = ln.strip()
        m = re.match(r"^(`{3,}|~{3,})", stripped)
        if in_fence:
            out.append(ln)
            if stripped.startswith(fence) and stripped.strip("`~") == "":
                in_fence = False
            i += 1
            continue
        if m:
            flush_para()
            in_fence, fence = True, m.group(1)
            out.append(ln)
            i += 1
            continue
        if stripped.startswith("$$"):
            flush_para()
            block = [stripped]
            if not (stripped.endswith("$$") and len(stripped) > 4):
                i += 1
                while i < len(lines):
                    block.append(lines[i].strip())
                    if lines[i].strip().endswith("$$"):
                        break
                    i += 1
            tex = "\n".join(b for b in block if b)  # no blank line may end the HTML block early
            out.append(f'<div class="math display">\n{html.escape(tex, quote=False)}\n</div>\n')
            i += 1
            continue
        if not stripped:
            flush_para()
            out.append(ln)
        else:
            buf.append(ln)
        i += 1
    flush_para()
    return "\n".join(out)


INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(?=\S)(.+?)(?<=\S)(?<!\\)\$(?!\$)", re.S)


def _protect_inline(para: str) -> str:
    pieces, pos = [], 0
    for m in INLINE_CODE.finditer(para):
        pieces.append(INLINE_MATH.sub(lambda mm: "$" + _escape_inline_math(mm.group(1)) + "$", para[pos:m.start()]))
        pieces.append(m.group(0))
        pos = m.end()
    pieces.append(INLINE_MATH.sub(lambda mm: "$" + _escape_inline_math(mm.group(1)) + "$", para[pos:]))
    return "".join(pieces)
