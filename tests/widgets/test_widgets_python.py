"""The Python side of the widgets: registry, Jupyter classes, playground page, Sphinx directive."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import textwrap

import pytest
import traitlets

import la4ml.widgets as W
from la4ml.widgets import REGISTRY, WIDGET_DIR, esm_source, names, playground_markdown

CURRICULUM = [
    "Vector Addition", "Vector Subtraction", "Dot Product", "Cross Product", "Matrix Multiplication",
    "Transpose", "Inverse", "Determinant", "Eigenvalues", "Eigenvectors", "Spectral Decomposition",
    "SVD", "QR Decomposition", "Positive Definite Matrices", "L1 Norm", "L2 Norm", "Rank", "Trace",
    "Orthogonality", "Projection", "Subspaces", "Basis", "Linear Independence", "Tensor Algebra",
    "Span & Basis",
]  # fmt: skip


def test_registry_lists_the_25_curriculum_widgets():
    """The registry holds exactly the 25 widgets CURRICULUM.md names, each with a module."""
    assert sorted(e["title"] for e in REGISTRY.values()) == sorted(CURRICULUM)
    for name, e in REGISTRY.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
        assert (WIDGET_DIR / f"{name}.js").is_file(), name
        assert set(e["state"]) == set(e["traits"]), name
        assert e["part"] in W.LESSONS, name
        assert e["outputs"], name


def test_every_module_follows_the_anywidget_contract():
    """Each module imports only the kit and exports a default object with render()."""
    for name in names():
        src = (WIDGET_DIR / f"{name}.js").read_text()
        imports = re.findall(r"^import .*$", src, re.M)
        assert imports == ['import * as K from "./kit.js";'], (name, imports)
        assert "export default K.widget(" in src, name
        assert f'name: "{name}"' in src, name
        assert "http://" not in src and "https://" not in src, f"{name} must not reach the network"


def test_esm_for_jupyter_is_self_contained(tmp_path):
    """The module Jupyter receives inlines the kit: no relative import is left."""
    node = shutil.which("node")
    for i, name in enumerate(names()):
        esm = esm_source(name)
        assert 'from "./kit.js"' not in esm, name
        assert re.search(r"^import ", esm, re.M) is None, name
        assert "export default" in esm, name
        if node and i % 8 == 0:  # a syntax check when Node is there (not required; the browser tests run them all)
            f = tmp_path / f"{name}.mjs"
            f.write_text(esm)
            proc = subprocess.run([node, "--check", str(f)], text=True, capture_output=True)
            assert proc.returncode == 0, proc.stderr


def test_classes_have_synced_traits_with_the_registry_defaults():
    """PositiveDefinite(matrix=...) stores floats; every class has the registry's traits."""
    w = W.PositiveDefinite(matrix=[[2, 1], [1, 2]])
    assert w.matrix == [[2.0, 1.0], [1.0, 2.0]]
    assert w.x == REGISTRY["positive-definite"]["state"]["x"]
    state = w.get_state()
    assert {"matrix", "x", "values", "_esm", "_css"} <= set(state)
    assert state["_esm"] == esm_source("positive-definite")
    for e in REGISTRY.values():
        cls = getattr(W, e["cls"])
        inst = cls()
        for key, default in e["state"].items():
            assert getattr(inst, key) == json.loads(json.dumps(default)), (e["name"], key)
            assert cls.class_traits()[key].metadata.get("sync"), (e["name"], key)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"matrix": [[1, 2, 3]]}, "matrix must have shape (2, 2), got shape (1, 3)"),
        ({"matrix": [[1, float("nan")], [0, 1]]}, "matrix must be finite"),
        ({"x": "left"}, "x must hold numbers"),
    ],
)
def test_bad_values_are_refused_with_a_message_that_teaches(kwargs, message):
    """Shapes and finiteness are checked when the value is set."""
    with pytest.raises(traitlets.TraitError, match=re.escape(message)):
        W.PositiveDefinite(**kwargs)


def test_variable_length_and_integer_traits():
    """Linear independence takes 1-3 vectors; tensor shapes are whole numbers."""
    assert W.LinearIndependence(vectors=[[1, 0], [0, 1], [1, 1]]).vectors == [[1, 0], [0, 1], [1, 1]]
    t = W.TensorAlgebra(a_shape=[2, 3.0])
    assert t.a_shape == [2, 3] and all(isinstance(x, int) for x in t.a_shape)
    with pytest.raises(traitlets.TraitError, match="whole numbers"):
        W.TensorAlgebra(a_shape=[2.5])


def test_playground_markdown_links_only_existing_lessons():
    """Every widget appears once with its directive; only existing lessons are linked."""
    md = playground_markdown({12: "12-positive-definite-matrices"})
    assert md.startswith("# Playground\n")
    assert md.count("```{widget} ") == 25
    for e in REGISTRY.values():
        assert f"## {e['title']}\n" in md
        assert f"```{{widget}} {e['name']}\n```" in md
    assert "{doc}`Part 12: Positive Definite Matrices </12-positive-definite-matrices>`" in md
    assert "Part 1: Vectors, Scalars, and Spaces (coming soon)" in md
    assert "{doc}`Part 1:" not in md
    assert W.directive("positive-definite", {"matrix": [[2, 1], [1, 2]]}) == (
        '```{widget} positive-definite\n{"matrix": [[2, 1], [1, 2]]}\n```'
    )


def _sphinx(tmp_path, body: str):
    """Build a one-page project in-process; return (exit code, stderr)."""
    from sphinx.cmd.build import build_main

    (tmp_path / "conf.py").write_text('extensions = ["myst_nb", "la4ml.widgets.sphinx"]\nnb_execution_mode = "off"\n')
    (tmp_path / "index.md").write_text(textwrap.dedent(body))
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        rc = build_main(["-q", "-b", "html", str(tmp_path), str(tmp_path / "_build")])
    return rc, err.getvalue()


def test_directive_writes_a_placeholder_and_copies_the_modules(tmp_path):
    """The page gets the placeholder, the module script and the CSS; _static gets the files."""
    rc, err = _sphinx(
        tmp_path,
        """
        # T

        ```{widget} positive-definite
        :caption: A saddle.
        {"matrix": [[1, 2], [2, 1]]}
        ```
        """,
    )
    assert rc == 0, err
    html = (tmp_path / "_build" / "index.html").read_text()
    m = re.search(r'<div class="la4ml-widget" data-widget="positive-definite" data-state="([^"]*)">', html)
    assert m, html
    state = json.loads(m.group(1).replace("&quot;", '"'))
    assert state == {"matrix": [[1.0, 2.0], [2.0, 1.0]], "x": [1, 0.5]}
    assert "<noscript>" in html and "A saddle." in html
    assert '<script type="module" src="_static/la4ml-widgets/mount.js"></script>' in html
    assert "_static/la4ml-widgets/widgets.css" in html
    static = tmp_path / "_build" / "_static" / "la4ml-widgets"
    assert {p.name for p in static.iterdir()} >= {"mount.js", "kit.js", "widgets.css", *(f"{n}.js" for n in names())}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("```{widget} positive-definit\n```\n", "unknown widget 'positive-definit'. Valid names: vector-addition"),
        ("```{widget} inverse\n{matrix: 1}\n```\n", "is not valid JSON"),
        ('```{widget} inverse\n{"A": [[1, 0], [0, 1]]}\n```\n', "has no input named 'A'; its inputs are: matrix, b"),
        ('```{widget} inverse\n{"matrix": [1, 2]}\n```\n', "matrix must have shape (2, 2)"),
    ],
)
def test_directive_errors_stop_the_build(tmp_path, body, message):
    """A typo in a widget name or its JSON fails the build and says what is valid."""
    rc, err = _sphinx(tmp_path, "# T\n\n" + body)
    assert rc != 0
    assert message in err, err
