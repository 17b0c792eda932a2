"""Sphinx extension: the ``{widget}`` directive and the widgets' static files.

Add ``"la4ml.widgets.sphinx"`` to ``extensions`` in ``conf.py``. A lesson places a
widget with (MyST)::

    ```{widget} positive-definite
    :caption: Drag x around the saddle.
    {"matrix": [[1, 2], [2, 1]]}
    ```

The body is optional JSON: initial values that override the registry defaults.
The directive writes a placeholder ``<div class="la4ml-widget" data-widget=...
data-state=...>`` with a ``<noscript>`` fallback; pages that use a widget load
``_static/la4ml-widgets/mount.js`` (an ES module), which renders them. The ES
modules, the kit, the mount script and the CSS are copied to
``_static/la4ml-widgets/`` at the end of every HTML build. An unknown widget name,
bad JSON or an unknown key fails the build with a message that lists what is valid.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective

from la4ml.widgets import REGISTRY, WIDGET_DIR, describe, get, names

STATIC_SUBDIR = "la4ml-widgets"


class WidgetError(SphinxError):
    """A ``{widget}`` directive that cannot be honoured (stops the build)."""

    category = "la4ml widget error"


class widget_node(nodes.General, nodes.Element):
    """Placeholder for one interactive widget."""


def _check_state(name: str, state: Any, where: str) -> dict[str, Any]:
    entry = get(name)
    if not isinstance(state, dict):
        raise WidgetError(f"{where}: the body of widget {name!r} must be a JSON object, got {state!r}")
    unknown = sorted(set(state) - set(entry["traits"]))
    if unknown:
        raise WidgetError(
            f"{where}: widget {name!r} has no input named {', '.join(map(repr, unknown))}; "
            f"its inputs are: {', '.join(entry['traits'])}"
        )
    # validate shapes and types with the same traits Jupyter uses
    from la4ml import widgets as W

    cls = getattr(W, entry["cls"])
    merged = {**entry["state"], **state}
    for key, value in state.items():
        trait = cls.class_traits()[key]
        try:
            merged[key] = trait.validate(None, value)
        except Exception as exc:  # traitlets.TraitError and friends
            raise WidgetError(f"{where}: widget {name!r}: {exc}") from None
    return merged


class WidgetDirective(SphinxDirective):
    """``{widget} NAME`` with an optional JSON body and ``:caption:``."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = True
    option_spec = {"caption": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        source, line = self.get_source_info()
        where = f"{source}:{line}"
        if name not in REGISTRY:
            raise WidgetError(
                f"{where}: unknown widget {name!r}. Valid names: {', '.join(names())}"
            )
        text = "\n".join(self.content).strip()
        try:
            state = json.loads(text) if text else {}
        except json.JSONDecodeError as exc:
            raise WidgetError(
                f"{where}: the body of widget {name!r} is not valid JSON ({exc}); "
                f'write the initial values as a JSON object, e.g. {json.dumps(get(name)["state"])}'
            ) from None
        merged = _check_state(name, state, where)
        node = widget_node()
        node["name"] = name
        node["state"] = merged
        node["caption"] = self.options.get("caption", "")
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        return [node]


def visit_widget_html(self, node: widget_node) -> None:
    state = json.dumps(node["state"], separators=(",", ":"), ensure_ascii=False)
    classes = " ".join(["la4ml-widget", *node["classes"]])
    caption = node["caption"]
    self.body.append(
        f'<div class="{classes}" data-widget="{html.escape(node["name"])}" '
        f'data-state="{html.escape(state, quote=True)}">'
        f'<noscript><p class="la4ml-widget-fallback">{html.escape(describe(node["name"], node["state"]))}'
        "</p></noscript>"
    )
    if caption:
        self.body.append(f'<p class="la4ml-widget-caption">{html.escape(caption)}</p>')
    self.body.append("</div>\n")
    raise nodes.SkipNode


def visit_widget_text(self, node: widget_node) -> None:
    """Non-HTML builders (LaTeX, text, man): a sentence instead of the figure."""
    self.body.append(f"[{describe(node['name'], node['state'])}]")
    raise nodes.SkipNode


def visit_widget_skip(self, node: widget_node) -> None:
    raise nodes.SkipNode


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    uses = doctree is not None and any(True for _ in doctree.findall(widget_node))
    if uses or app.config.la4ml_widgets_everywhere:
        app.add_css_file(f"{STATIC_SUBDIR}/widgets.css")
        app.add_js_file(f"{STATIC_SUBDIR}/mount.js", type="module")


def static_files() -> list[Path]:
    """The files the site needs: every widget module, the kit, mount.js and the CSS."""
    files = [WIDGET_DIR / "kit.js", WIDGET_DIR / "mount.js", WIDGET_DIR / "widgets.css"]
    files += [WIDGET_DIR / f"{n}.js" for n in REGISTRY]
    return files


def copy_static(outdir: str | Path) -> Path:
    """Copy the widget files into ``outdir/_static/la4ml-widgets/``; return that folder."""
    dest = Path(outdir) / "_static" / STATIC_SUBDIR
    dest.mkdir(parents=True, exist_ok=True)
    for f in static_files():
        shutil.copyfile(f, dest / f.name)
    return dest


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        copy_static(app.outdir)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("la4ml_widgets_everywhere", False, "html", types=frozenset({bool}))
    app.add_node(
        widget_node,
        html=(visit_widget_html, None),
        latex=(visit_widget_text, None),
        text=(visit_widget_text, None),
        man=(visit_widget_skip, None),
        texinfo=(visit_widget_skip, None),
    )
    app.add_directive("widget", WidgetDirective)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
