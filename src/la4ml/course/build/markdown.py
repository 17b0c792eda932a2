"""Turn a lesson's MyST Markdown into plain CommonMark + math + small HTML.

Used by the blog export (Hugo and other Markdown blogs) and the notebook export (for Jupyter,
which does not know MyST directives):

* admonitions (```` ```{admonition} Title ````, ```` ```{note} ```` …) become block quotes with a
  bold title;
* ```` ```{widget} name ```` becomes a placeholder ``<div class="la4ml-widget">`` (the blog) or a
  note that points to the Jupyter widget class (notebooks);
* ``{doc}`text <target>``` roles become plain text;
* for the blog only (:func:`blog_markdown`): math is written with the series' own delimiters,
  ``\\( … \\)`` inline and ``\\[ … \\]`` on lines of their own for display (or ``$…$`` and
  ``$$…$$``), the TeX exactly as the lesson wrote it — nothing escaped. A Markdown renderer needs
  its math extension to leave the TeX alone (Hugo: goldmark's passthrough; see docs/blog.md).
  Inside a callout (a block quote) every formula is kept on one line, because a renderer would
  otherwise read the quote's ``>`` markers of the following lines as part of the TeX.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)
DOC_ROLE = re.compile(r"\{doc\}`([^`<]*?)\s*(?:<[^`>]*>)?`")
ANY_ROLE = re.compile(r"\{[\w:-]+\}`([^`]*)`")
ADMONITIONS = {"note", "tip", "warning", "important", "caution", "danger", "seealso", "hint", "attention", "error"}


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


# ----------------------------------------------------------------------------- math for the blog
MATH_STYLES = ("brackets", "dollars")
DELIMITERS = {  # style -> (inline open, inline close, display open, display close)
    "brackets": ("\\(", "\\)", "\\[", "\\]"),
    "dollars": ("$", "$", "$$", "$$"),
}
# Directives whose body is not Markdown prose: their "$" are not math.
LITERAL_DIRECTIVES = {"code-cell", "code-block", "code", "sourcecode", "widget", "raw", "eval-rst"}
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(?=\S)(.+?)(?<=\S)(?<!\\)\$(?!\$)", re.S)
FENCE_LINE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
LINE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*")
DISPLAY_END = re.compile(r"\$\$[ \t]*(?:\([^()]*\))?[ \t]*$")  # closing $$, maybe with MyST's (label)
TOKEN = re.compile("\ue000([ID])(\\d+)\ue001")
# A line a Markdown renderer would read as the start of a new block (a list item, quote, heading,
# fence, HTML, rule or setext underline), ending the paragraph a formula lives in: Hugo's
# passthrough then loses the formula. Four spaces of indentation make it a plain continuation line.
BLOCK_START = re.compile(r"^ {0,3}(?:[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|>|#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|<"
                         r"|=+[ \t]*$|-+[ \t]*$|([-*_])[ \t]*(?:\1[ \t]*){2,}$)")
TEX_COMMENT = re.compile(r"(?<!\\)%")


@dataclass(frozen=True)
class Formula:
    """One formula of a lesson: its TeX exactly as written, and whether it is displayed."""

    tex: str
    display: bool


def _fence_closes(opener: tuple[str, int], m: re.Match) -> bool:
    fence = m.group("fence")
    return fence[0] == opener[0] and len(fence) >= opener[1] and not m.group("info").strip()


def mask_math(text: str) -> tuple[str, list[Formula]]:
    """Replace every formula outside code by a one-line token; return the text and the formulas.

    Inline math is ``$…$`` (MyST's dollarmath: no space inside the dollars, ``\\$`` is a dollar);
    display math is ``$$…$$`` starting a line (one or more lines, an optional ``(label)`` after the
    closing ``$$``) or a ```` ```{math} ```` directive. Code fences, inline code and the bodies of
    code-like directives are left alone; admonitions and other directives are searched.
    """
    lines = text.split("\n")
    out: list[str] = []
    formulas: list[Formula] = []
    stack: list[tuple[str, int, bool]] = []  # open fences: (character, length, literal body?)
    para: list[str] = []

    def token(tex: str, display: bool) -> str:
        formulas.append(Formula(tex, display))
        return f"\ue000{'D' if display else 'I'}{len(formulas) - 1}\ue001"

    def inline(piece: str) -> str:  # a formula across lines of a quote: the ">" markers are not TeX
        return INLINE_MATH.sub(lambda m: token(re.sub(r"\n[ \t]*(?:>[ \t]?)+", "\n", m.group(1)), False), piece)

    def flush() -> None:
        if not para:
            return
        block, pos, pieces = "\n".join(para), 0, []
        for m in INLINE_CODE.finditer(block):
            pieces += [inline(block[pos:m.start()]), m.group(0)]
            pos = m.end()
        pieces.append(inline(block[pos:]))
        out.append("".join(pieces))
        para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        prefix = LINE_PREFIX.match(line).group(0)
        rest = line[len(prefix):]
        fence = FENCE_LINE.match(rest)
        if stack and stack[-1][2]:  # inside code: copy until the fence closes
            out.append(line)
            if fence and _fence_closes(stack[-1][:2], fence):
                stack.pop()
            i += 1
            continue
        if fence:
            flush()
            info = fence.group("info").strip()
            if stack and _fence_closes(stack[-1][:2], fence):
                stack.pop()
                out.append(line)
                i += 1
                continue
            name = re.match(r"^\{([\w-]+)\}", info)
            name = name.group(1) if name else None
            opener = (fence.group("fence")[0], len(fence.group("fence")))
            if name == "math":  # a {math} directive: one displayed formula
                body, i = [], i + 1
                while i < len(lines):
                    m = FENCE_LINE.match(lines[i][len(prefix):])
                    if m and _fence_closes(opener, m):
                        break
                    body.append(lines[i][len(prefix):])
                    i += 1
                lines_ = [ln for ln in body if not re.match(r"^:[\w-]+:", ln)]
                out.append(prefix + token("\n".join(lines_).strip("\n"), True))
                i += 1
                continue
            stack.append((*opener, name is None or name in LITERAL_DIRECTIVES))
            out.append(line)
            i += 1
            continue
        if rest.lstrip().startswith("$$"):
            flush()
            first = rest.strip()[2:]
            if DISPLAY_END.search(first):  # $$ … $$ on one line
                tex_lines = [DISPLAY_END.sub("", first)]
            else:
                tex_lines = [first] if first.strip() else []
                i += 1
                while i < len(lines):
                    ln = lines[i][len(prefix):] if lines[i].startswith(prefix) else lines[i]
                    if DISPLAY_END.search(ln):
                        last = DISPLAY_END.sub("", ln)
                        if last.strip():
                            tex_lines.append(last)
                        break
                    tex_lines.append(ln)
                    i += 1
            tex = "\n".join(ln for ln in tex_lines if ln.strip())  # a blank line would end the block
            out.append(prefix + token(tex.strip() if "\n" not in tex else tex, True))
            i += 1
            continue
        if not rest.strip():
            flush()
            out.append(line)
        else:
            para.append(line)
        i += 1
    flush()
    return "\n".join(out), formulas


def _one_line(tex: str) -> str:
    if "\n" in tex and TEX_COMMENT.search(tex):
        raise ValueError(
            f"the formula {tex!r} has a TeX comment (%) and must be written on one line inside a "
            "callout (a block quote); remove the comment or escape the percent sign (\\%)"
        )
    return re.sub(r"[ \t]*\n[ \t]*", " ", tex.strip())


def _in_paragraph(tex: str) -> str:
    """``tex`` with every line after the first that would start a Markdown block indented by four spaces.

    Only whitespace changes, which TeX ignores: ``   + b`` becomes ``    + b``.
    """
    first, *rest = tex.split("\n")
    return "\n".join([first, *("    " + ln.lstrip() if BLOCK_START.match(ln) else ln for ln in rest)])


def unmask_math(text: str, formulas: list[Formula], style: str = "brackets") -> str:
    """Put the formulas back with the delimiters of ``style`` ("brackets" or "dollars"), TeX untouched.

    A displayed formula gets lines of its own, with a blank line before and after; inside a block
    quote it is written on one line (``> \\[ … \\]``), and so is an inline formula there. Elsewhere
    a line of TeX that Markdown would read as a new block (``+ b``) is indented (see ``BLOCK_START``).
    """
    if style not in DELIMITERS:
        raise ValueError(f"math style must be one of {', '.join(MATH_STYLES)}; got {style!r}")
    i_open, i_close, d_open, d_close = DELIMITERS[style]
    src = text.split("\n")
    out: list[str] = []
    for n, line in enumerate(src):
        prefix = LINE_PREFIX.match(line).group(0)
        quoted = ">" in prefix
        blank = prefix.rstrip() if quoted else ""

        def inline(m: re.Match) -> str:
            f = formulas[int(m.group(2))]
            tex = _one_line(f.tex) if quoted else _in_paragraph(f.tex)
            if f.display:  # a display token inside running text (should not happen): keep it displayed
                return f"{d_open} {_one_line(f.tex)} {d_close}"
            return f"{i_open}{tex}{i_close}"

        whole = TOKEN.fullmatch(line[len(prefix):].strip())
        if whole and whole.group(1) == "D":
            tex = formulas[int(whole.group(2))].tex
            if out and out[-1].strip() not in ("", ">") and out[-1] != blank:
                out.append(blank)
            if quoted:
                out.append(f"{prefix}{d_open} {_one_line(tex)} {d_close}")
            else:
                lines = _in_paragraph("\n" + tex).split("\n")[1:]
                out += [f"{prefix}{d_open}", *[prefix + ln if prefix and ln else ln for ln in lines], f"{prefix}{d_close}"]
            following = src[n + 1] if n + 1 < len(src) else ""
            if following.strip() not in ("", ">"):
                out.append(blank)
            continue
        out.append(TOKEN.sub(inline, line))
    return "\n".join(out)


def blog_markdown(text: str, *, math: str = "brackets") -> str:
    """A lesson's MyST Markdown as the blog writes it: directives converted, math in ``math`` style."""
    masked, formulas = mask_math(text)
    return unmask_math(convert_directives(masked, target="blog"), formulas, math)
