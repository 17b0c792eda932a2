"""The blog's Markdown: MyST math to the author's delimiters with the TeX untouched, code left alone."""

from __future__ import annotations

import pytest

from la4ml.course.build.markdown import Formula, blog_markdown, mask_math, unmask_math


def test_inline_and_display_math_become_brackets():
    """$…$ becomes \\( … \\), a $$ block becomes \\[ and \\] on lines of their own, the TeX unchanged"""
    src = "Let $x_1 * y_2$ and $\\|x\\|_2$ be\n\n$$\nq(x) = x^\\top A x\n$$\n\nIn words: done."
    assert blog_markdown(src) == ("Let \\(x_1 * y_2\\) and \\(\\|x\\|_2\\) be\n\n\\[\nq(x) = x^\\top A x\n\\]\n\n"
                                  "In words: done.")


def test_dollars_style_keeps_dollars_and_nothing_is_escaped():
    """math = "dollars" writes $…$ and $$…$$ with the same untouched TeX"""
    src = "For $a_1 < b_1$:\n$$\n\\sum_{i=1}^n a_i\n$$\nend"
    assert blog_markdown(src, math="dollars") == "For $a_1 < b_1$:\n\n$$\n\\sum_{i=1}^n a_i\n$$\n\nend"


def test_display_math_gets_blank_lines_around_it_once():
    """a display block between two paragraph lines gets a blank line before and after, never two"""
    assert blog_markdown("a\n$$\nx\n$$\nb") == "a\n\n\\[\nx\n\\]\n\nb"
    assert blog_markdown("a\n\n$$\nx\n$$\n\nb") == "a\n\n\\[\nx\n\\]\n\nb"
    assert blog_markdown("$$ x + y $$") == "\\[\nx + y\n\\]"  # one-line $$ … $$
    assert blog_markdown("$$\nx\n\ny\n$$") == "\\[\nx\ny\n\\]"  # a blank line would end the renderer's block


def test_code_is_left_alone():
    """dollars inside fenced code, inline code, code-like directives and escaped dollars are not math"""
    src = ("Price `$5 and $6` here, \\$3 and $x$.\n\n```python\ncost = '$a$'\n```\n\n"
           "```{code-block} bash\necho $HOME $PATH\n```\n\n```{widget} w\n{\"label\": \"$y$\"}\n```")
    out = blog_markdown(src)
    assert out.startswith("Price `$5 and $6` here, \\$3 and \\(x\\).")
    assert "cost = '$a$'" in out and "echo $HOME $PATH" in out
    assert 'data-state="{&quot;label&quot;: &quot;$y$&quot;}"' in out


def test_math_in_a_callout_is_one_line_per_formula():
    """inside an admonition (a block quote) a display formula is '> \\[ … \\]' and a wrapped inline formula is joined"""
    src = ("```{admonition} Numerical note\n:class: note\nThe error $|a -\nb| \\le \\varepsilon$ and\n\n"
           "$$\n\\varepsilon = 2^{-53}\n  \\approx 10^{-16}\n$$\n\nIn words: small.\n```")
    assert blog_markdown(src) == (
        "> **Numerical note**\n>\n> The error \\(|a - b| \\le \\varepsilon\\) and\n>\n"
        "> \\[ \\varepsilon = 2^{-53} \\approx 10^{-16} \\]\n>\n> In words: small.")


def test_callout_math_with_a_tex_comment_is_refused():
    """a multi-line formula with a % comment cannot be joined into one line: a clear error instead of wrong TeX"""
    src = "```{note}\n$$\na % the a\n+ b\n$$\n```"
    with pytest.raises(ValueError, match="TeX comment"):
        blog_markdown(src)
    assert blog_markdown("```{note}\n$$\n10\\% + b\n$$\n```") == "> **Note**\n>\n> \\[ 10\\% + b \\]"


def test_lines_that_would_start_a_markdown_block_are_indented():
    """a TeX line starting with '+', '-', '1.', '>', '#', '=' or '<' is indented four spaces (whitespace only)"""
    src = "$$\nAB = x\n   + y\n- z\n1. w\n> v\n# u\n=\n<t\nplain\n$$"
    assert blog_markdown(src) == ("\\[\nAB = x\n    + y\n    - z\n    1. w\n    > v\n    # u\n    =\n    <t\n"
                                  "plain\n\\]")
    assert blog_markdown("so $a\n+ b$ holds") == "so \\(a\n    + b\\) holds"
    assert blog_markdown("$$\n-x\n$$") == "\\[\n-x\n\\]"  # '-x' is not a list item


def test_math_directive_and_labels():
    """a {math} directive is a displayed formula; MyST's (label) after the closing $$ is dropped"""
    assert blog_markdown("```{math}\n:label: eq1\na = b\n```") == "\\[\na = b\n\\]"
    assert blog_markdown("$$\na = b\n$$ (eq-ab)") == "\\[\na = b\n\\]"


def test_mask_keeps_formulas_in_order_and_unmask_restores_them():
    """mask_math lists every formula once, in order, with its kind; unmask_math puts each back"""
    masked, formulas = mask_math("$a$ then\n$$\nb\n$$\nthen $c$")
    assert formulas == [Formula("a", False), Formula("b", True), Formula("c", False)]
    assert "$" not in masked
    assert unmask_math(masked, formulas) == "\\(a\\) then\n\n\\[\nb\n\\]\n\nthen \\(c\\)"
    with pytest.raises(ValueError, match="math style must be one of brackets, dollars; got 'latex'"):
        unmask_math(masked, formulas, "latex")


def test_formulas_in_lists_keep_their_indentation():
    """a display formula inside a list item keeps the item's indentation"""
    assert blog_markdown("- item\n\n  $$\n  x\n  $$\n") == "- item\n\n  \\[\n  x\n  \\]\n"
