"""Interactive "try it" widgets: one ES module each, for the site and for Jupyter.

Every widget is a file ``<name>.js`` beside this one that exports anywidget's
contract, ``export default { render({ model, el }) }``. The static site mounts it
from the ``{widget}`` directive (see :mod:`la4ml.widgets.sphinx`); in Jupyter the
classes below wrap the same file as an :class:`anywidget.AnyWidget` whose traits
are the widget's inputs, plus ``values``, the numbers it computes::

    >>> from la4ml.widgets import PositiveDefinite
    >>> w = PositiveDefinite(matrix=[[2, 1], [1, 2]])
    >>> w                                   # doctest: +SKIP
    >>> w.matrix = [[1, 2], [2, 1]]         # the figure redraws: a saddle
    >>> w.values["kind"]                    # doctest: +SKIP
    'indefinite'

The 25 widgets, their defaults and the lessons they belong to are listed in
``registry.json`` (:data:`REGISTRY`).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import traitlets as t

__all__ = [
    "REGISTRY",
    "WIDGET_DIR",
    "Widget",
    "esm_source",
    "get",
    "names",
    "playground_markdown",
]

WIDGET_DIR = Path(__file__).resolve().parent
"""Folder holding the ES modules, ``kit.js``, ``mount.js`` and ``widgets.css``."""

_DATA = json.loads((WIDGET_DIR / "registry.json").read_text(encoding="utf-8"))
LESSONS: dict[int, str] = {int(k): v for k, v in _DATA["lessons"].items()}
"""Part number → lesson title, for the parts that carry widgets."""
REGISTRY: dict[str, dict[str, Any]] = {w["name"]: w for w in _DATA["widgets"]}
"""Widget name (kebab case, as in the directive) → its entry: ``cls``, ``title``,
``part``, ``summary``, ``state`` (defaults), ``traits`` (name → type spec) and
``outputs`` (the keys of ``values``)."""


def names() -> list[str]:
    """The 25 widget names, in curriculum order of the registry."""
    return list(REGISTRY)


def get(name: str) -> dict[str, Any]:
    """The registry entry of widget ``name``; a clear error lists the valid names."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(
            f"unknown widget {name!r}; valid names are: {', '.join(names())}"
        ) from None


# ---------------------------------------------------------------- the ES module

_IMPORT_KIT = re.compile(r'^import \* as (\w+) from "\./kit\.js";\s*$', re.M)
_EXPORTED = re.compile(r"^export (?:async )?(?:function\*?|const|let|class) (\w+)", re.M)


@cache
def _kit_iife(alias: str) -> str:
    src = (WIDGET_DIR / "kit.js").read_text(encoding="utf-8")
    exported = _EXPORTED.findall(src)
    body = re.sub(r"^export ", "", src, flags=re.M)
    return f"const {alias} = (() => {{\n{body}\nreturn {{ {', '.join(exported)} }};\n}})();\n"


def esm_source(name: str) -> str:
    """The self-contained ES module Jupyter receives for widget ``name``.

    It is ``<name>.js`` with its one import of the shared kit replaced by the
    kit's code (wrapped in a function, so names cannot clash). anywidget loads
    ``_esm`` from a blob URL, where the relative ``import "./kit.js"`` the site
    uses cannot resolve; this keeps one source file for both hosts.
    """
    get(name)
    src = (WIDGET_DIR / f"{name}.js").read_text(encoding="utf-8")
    m = _IMPORT_KIT.search(src)
    if not m:
        return src
    return src[: m.start()] + _kit_iife(m.group(1)) + src[m.end():]


# ---------------------------------------------------------------- traits

_SPEC = re.compile(r"^(float|int)(?:\[([-0-9, ]+)\])?$")


class _Numbers(t.TraitType):
    """A number or nested list of numbers with a fixed shape (-1: any length)."""

    info_text = "numbers"

    def __init__(self, spec: str, default: Any, **kwargs: Any) -> None:
        m = _SPEC.match(spec)
        if not m:
            raise ValueError(f"bad trait spec {spec!r}")
        self.kind = m.group(1)
        self.shape = tuple(int(s) for s in m.group(2).split(",")) if m.group(2) else ()
        super().__init__(default_value=default, **kwargs)

    def validate(self, obj: Any, value: Any) -> Any:
        name = self.name
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise t.TraitError(f"{name} must hold numbers, got {value!r}") from None
        shape_txt = "(" + ", ".join("n" if s < 0 else str(s) for s in self.shape) + ")"
        if arr.ndim != len(self.shape) or any(
            s >= 0 and s != n for s, n in zip(self.shape, arr.shape, strict=False)
        ):
            raise t.TraitError(
                f"{name} must have shape {shape_txt}, got shape {arr.shape}: {value!r}"
            )
        if not np.all(np.isfinite(arr)):
            raise t.TraitError(f"{name} must be finite, got {value!r}")
        if self.kind == "int":
            if not np.all(arr == np.round(arr)):
                raise t.TraitError(f"{name} must hold whole numbers, got {value!r}")
            return np.asarray(arr, dtype=int).tolist()
        out = arr.tolist()
        return out


def _make_base():
    import anywidget

    class Widget(anywidget.AnyWidget):
        """Base of the la4ml widget classes: ``values`` holds what the figure computes."""

        _css = WIDGET_DIR / "widgets.css"
        values = t.Dict(
            help="The numbers the widget computes (written by the figure; read them here)."
        ).tag(sync=True)
        name: str = ""

        def __repr__(self) -> str:
            state = ", ".join(f"{k}={getattr(self, k)!r}" for k in REGISTRY[self.name]["traits"])
            return f"{type(self).__name__}({state})"

    return Widget


def _make_class(base: type, entry: dict[str, Any]) -> type:
    traits: dict[str, Any] = {}
    for key, spec in entry["traits"].items():
        traits[key] = _Numbers(spec, entry["state"][key], help=f"{key} ({spec})").tag(sync=True)
    doc = (
        f"{entry['title']} (Part {entry['part']}): {entry['summary']}\n\n"
        "Parameters\n----------\n"
        + "".join(
            f"{k} : {spec}, default {entry['state'][k]!r}\n" for k, spec in entry["traits"].items()
        )
        + "\nAttributes\n----------\nvalues : dict\n    "
        + "The computed numbers, keys: "
        + ", ".join(entry["outputs"])
        + ".\n"
    )
    cls = type(
        entry["cls"],
        (base,),
        {
            "__doc__": doc,
            "__module__": __name__,
            "_esm": esm_source(entry["name"]),
            "name": entry["name"],
            **traits,
        },
    )
    return cls


Widget = _make_base()
for _entry in REGISTRY.values():
    globals()[_entry["cls"]] = _make_class(Widget, _entry)
    __all__.append(_entry["cls"])
del _entry


def describe(name: str, state: dict[str, Any] | None = None) -> str:
    """One plain sentence about widget ``name`` for places without JavaScript
    (the site's ``<noscript>``, a blog export): its title, what it shows, its inputs."""
    entry = get(name)
    merged = {**entry["state"], **(state or {})}
    inputs = ", ".join(f"{k} = {json.dumps(v)}" for k, v in merged.items())
    return (
        f"Interactive figure: {entry['title']}. {entry['summary']} "
        f"It needs JavaScript; its starting values are {inputs}."
    )


# ---------------------------------------------------------------- the playground


def _directive(name: str, state: dict[str, Any] | None = None) -> str:
    body = json.dumps(state, ensure_ascii=False) if state else ""
    return f"```{{widget}} {name}\n{body}\n```" if body else f"```{{widget}} {name}\n```"


def directive(name: str, state: dict[str, Any] | None = None) -> str:
    """The MyST lines a lesson uses to place widget ``name`` (state: initial values)."""
    get(name)
    return _directive(name, state)


def playground_markdown(existing: dict[int, str] | None = None) -> str:
    """MyST Markdown for the Playground page: all 25 widgets, each with its lesson.

    Parameters
    ----------
    existing : dict of int to str, optional
        Part number → docname of the lessons that exist (e.g.
        ``{12: "12-positive-definite-matrices"}``). Those are linked; the others
        are named without a link.
    """
    existing = existing or {}
    out = [
        "# Playground",
        "",
        "Every interactive figure of the course on one page. Drag the handles (or focus "
        "one with Tab and use the arrow keys; Shift moves further), type numbers into "
        "the fields, try the examples, and watch the numbers change. Each figure says "
        "which lesson it belongs to.",
        "",
    ]
    for entry in REGISTRY.values():
        part = entry["part"]
        lesson = f"Part {part}: {LESSONS[part]}"
        if part in existing:
            docname = existing[part].removesuffix(".md")
            where = f"{{doc}}`{lesson} </{docname.lstrip('/')}>`"
        else:
            where = f"{lesson} (coming soon)"
        out += [
            f"## {entry['title']}",
            "",
            f"{entry['summary']} From {where}.",
            "",
            _directive(entry["name"]),
            "",
        ]
    return "\n".join(out)


__all__ += ["describe", "directive"]
__all__.append("LESSONS")
