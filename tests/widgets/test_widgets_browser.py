"""Every widget, in a real browser, driven as a reader would drive it.

For each of the 25 widgets: load the Playground page of the built site, drag every
handle with the mouse, move a handle and edit a number with the keyboard, click
every example, then feed it random inputs; after each step the numbers it shows
(read from ``<output data-key data-value>``) must equal NumPy's for the inputs it
shows (``data-state``), to 1e-6. Any console error, page error or request that
leaves 127.0.0.1 fails the test. A screenshot of each widget is kept in
``test-artifacts/widgets/``.
"""

from __future__ import annotations

import json
import zlib

import numpy as np
import pytest
from _widget_checks import CHECKS, random_state

from la4ml.widgets import REGISTRY, names

pytestmark = pytest.mark.browser

READ = """(root) => {
  const values = {};
  for (const o of root.querySelectorAll("output[data-key]")) values[o.dataset.key] = JSON.parse(o.dataset.value);
  return {
    state: JSON.parse(root.dataset.state),
    values,
    note: root.querySelector(".la4ml-w-note").textContent,
    text: Object.fromEntries([...root.querySelectorAll("output[data-key]")].map((o) => [o.dataset.key, o.textContent])),
  };
}"""

SET_STATE = """(host, state) => {
  for (const [k, v] of Object.entries(state)) host.la4mlModel.set(k, v);
}"""


class Driver:
    """One widget on a page: read it, check it against NumPy, poke it."""

    def __init__(self, page, name: str) -> None:
        self.page, self.name = page, name
        self.host = page.locator(f'.la4ml-widget[data-widget="{name}"]')
        self.root = self.host.locator(".la4ml-w")
        self.steps = 0

    def read(self) -> dict:
        return self.root.evaluate(READ)

    def verify(self, step: str) -> dict:
        return self.check(self.read(), step)

    def check(self, data: dict, step: str) -> dict:
        self.steps += 1
        assert set(REGISTRY[self.name]["outputs"]) <= set(data["values"]), (
            f"{self.name}: outputs {sorted(data['values'])} lack some of {REGISTRY[self.name]['outputs']}"
        )
        for key, text in data["text"].items():
            leaked = "NaN" in text or text.strip() in ("undefined", "null", "[object Object]")
            assert not leaked, f"{self.name}: {key} shows {text!r}"
        try:
            CHECKS[self.name](data["state"], data["values"], data["note"].lower())
        except AssertionError as exc:
            raise AssertionError(
                f"{self.name} after {step}: inputs {data['state']}, shown {data['values']}, "
                f"note {data['note']!r}: {exc}"
            ) from None
        return data

    def state(self) -> dict:
        return self.read()["state"]


def _drag(page, locator, dx: float, dy: float) -> None:
    """Drag a handle by about (dx, dy) pixels, always towards the middle of its figure
    (a handle can sit clamped at the edge, for a point outside the visible range)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    fig = locator.evaluate("(h) => { const b = h.ownerSVGElement.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; }")
    dx = abs(dx) if cx < fig[0] else -abs(dx)
    dy = abs(dy) if cy < fig[1] else -abs(dy)
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + dx / 2, cy + dy / 2, steps=3)
    page.mouse.move(cx + dx, cy + dy, steps=3)
    page.mouse.up()


@pytest.fixture(scope="module")
def playground(site_url) -> str:
    return f"{site_url}/playground.html"


def _open(page, playground, name) -> Driver:
    page.goto(playground)
    d = Driver(page, name)
    d.host.scroll_into_view_if_needed()
    page.wait_for_function(
        "(n) => document.querySelector(`.la4ml-widget[data-widget='${n}']`)?.dataset.mounted === 'ready'",
        arg=name,
        timeout=10_000,
    )
    return d


SET_AND_READ = """(host, states) => states.map((state) => {
  for (const [k, v] of Object.entries(state)) host.la4mlModel.set(k, v);
  return (%s)(host.querySelector(".la4ml-w"));
})""" % READ


@pytest.mark.parametrize("name", names())
def test_widget_by_mouse_keyboard_and_numbers(name, page, playground, artifacts):
    """The widget's numbers equal NumPy's after mouse drags, keys, typing and examples."""
    d = _open(page, playground, name)
    now = d.verify("loading")["state"]

    # -- mouse: drag every handle
    handles = d.root.locator(".la4ml-handle:visible")
    for i in range(handles.count()):
        before = now
        _drag(page, handles.nth(i), 37, -29)
        now = d.verify(f"dragging handle {i}")["state"]
        assert now != before, f"{name}: dragging handle {i} changed nothing"

    # -- keyboard: focus a handle, arrows move it, Tab moves on inside the widget
    if handles.count():
        handles.first.focus()
        before = now
        page.keyboard.press("ArrowRight")
        now = d.verify("ArrowRight on a handle")["state"]
        assert now != before, f"{name}: ArrowRight on the first handle changed nothing"
        before = now
        page.keyboard.press("Shift+ArrowUp")
        now = d.verify("Shift+ArrowUp on a handle")["state"]
        assert now != before, f"{name}: Shift+ArrowUp on the first handle changed nothing"
        page.keyboard.press("Tab")
        inside = d.root.evaluate("(r) => r.contains(document.activeElement)")
        assert inside, f"{name}: Tab from the first handle left the widget"

    # -- typing into the number fields
    inputs = d.root.locator("input.la4ml-w-num:visible")
    assert inputs.count() > 0, f"{name}: no number inputs to type into"
    first = inputs.first
    first.fill("3" if name == "tensor-algebra" else "1.7")
    before = d.verify("typing a number")["state"]
    first.focus()
    page.keyboard.press("ArrowUp" if name != "tensor-algebra" else "ArrowDown")
    now = d.verify("ArrowUp in a number field")["state"]
    assert now != before, f"{name}: ArrowUp in the first number field changed nothing"
    inputs.last.fill("-2" if name != "tensor-algebra" else "1")
    d.verify("typing into the last field")

    # -- every example (they include the degenerate cases) and every other button
    for kind in (".la4ml-w-preset", ".la4ml-w-button"):
        buttons = d.root.locator(kind)
        for i in range(buttons.count()):
            b = buttons.nth(i)
            if b.is_disabled():
                continue
            label = b.inner_text()
            b.click()
            d.verify(f"clicking {label!r}")

    # -- random inputs on the 0.1 grid, set through the model (one round trip)
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    states = [random_state(name, REGISTRY[name], rng) for _ in range(12)]
    for st, data in zip(states, d.host.evaluate(SET_AND_READ, states), strict=True):
        d.check(data, f"random input {st}")

    # the picture, for people
    d.host.scroll_into_view_if_needed()
    d.root.screenshot(path=str(artifacts / f"{name}.png"))


def test_degenerate_inputs_are_called_out(page, playground):
    """Zero vectors and singular matrices get an honest sentence, not NaN."""
    cases = {
        "inverse": ({"matrix": [[1, 2], [2, 4]]}, "no inverse, det = 0"),
        "dot-product": ({"u": [0, 0]}, "zero vector"),
        "l2-norm": ({"v": [0, 0]}, "zero vector"),
        "eigenvectors": ({"matrix": [[0, -1], [1, 0]]}, "complex"),
        "basis": ({"b1": [1, 1], "b2": [2, 2]}, "not a basis"),
        "projection": ({"a": [0, 0]}, "zero"),
        "determinant": ({"matrix": [[1, 2], [2, 4]]}, "det = 0"),
        "positive-definite": ({"matrix": [[1, 1], [1, 1]]}, "semidefinite"),
        "qr-decomposition": ({"matrix": [[1, 2], [1, 2]]}, "dependent"),
        "svd": ({"matrix": [[1, 2], [2, 4]]}, "rank 1"),
        "tensor-algebra": ({"a_shape": [3], "b_shape": [4]}, "cannot broadcast"),
    }
    page.goto(playground)
    page.wait_for_function("document.querySelectorAll('.la4ml-widget[data-mounted=ready]').length === 25")
    for name, (state, phrase) in cases.items():
        d = Driver(page, name)
        d.host.evaluate(SET_STATE, state)
        data = d.verify(f"setting {state}")
        said = data["note"] + " " + " ".join(str(t) for t in data["text"].values())
        assert phrase.lower() in said.lower(), f"{name} with {state} should say {phrase!r}; said {said!r}"


def test_keyboard_and_screen_reader_labels(page, playground):
    """Every handle is focusable with a name; every field and button has a label."""
    page.goto(playground)
    page.wait_for_function("document.querySelectorAll('.la4ml-widget[data-mounted=ready]').length === 25")
    problems = page.evaluate(
        """() => {
      const bad = [];
      for (const host of document.querySelectorAll('.la4ml-widget')) {
        const n = host.dataset.widget;
        const root = host.querySelector('.la4ml-w');
        if (!root.getAttribute('aria-labelledby')) bad.push(`${n}: widget group has no name`);
        for (const h of root.querySelectorAll('.la4ml-handle')) {
          if (h.style.display === 'none') continue;  // a point that does not exist right now
          if (h.getAttribute('tabindex') !== '0') bad.push(`${n}: handle not focusable`);
          if (!h.getAttribute('aria-label') || !h.getAttribute('role')) bad.push(`${n}: handle without role/label`);
          if (!h.getAttribute('aria-valuetext')) bad.push(`${n}: handle without aria-valuetext`);
        }
        for (const i of root.querySelectorAll('input')) {
          if (!i.getAttribute('aria-label') && !(i.id && root.querySelector(`label[for="${i.id}"]`)))
            bad.push(`${n}: input without label`);
        }
        for (const b of root.querySelectorAll('button')) if (!b.textContent.trim()) bad.push(`${n}: empty button`);
        for (const s of root.querySelectorAll('svg.la4ml-w-svg'))
          if (!s.getAttribute('aria-label')) bad.push(`${n}: figure without aria-label`);
      }
      return bad;
    }"""
    )
    assert problems == []


@pytest.mark.parametrize("page", [360], indirect=True, ids=["360px"])
def test_narrow_screen(page, playground):
    """On a 360-px-wide screen no widget is wider than the page or needs sideways scrolling."""
    page.goto(playground)
    page.wait_for_function("document.querySelectorAll('.la4ml-widget[data-mounted=ready]').length === 25")
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll('.la4ml-w')].filter((r) => {
          const b = r.getBoundingClientRect();
          return b.width > window.innerWidth + 1 || r.scrollWidth > r.clientWidth + 1;
        }).map((r) => r.dataset.name + ' ' + Math.round(r.scrollWidth) + 'px')"""
    )
    assert too_wide == []
    # a drag with a touch-sized pointer still works on the small figure
    d = Driver(page, "vector-addition")
    before = d.state()
    _drag(page, d.root.locator(".la4ml-handle").first, 20, 15)
    assert d.verify("a drag on a narrow screen")["state"] != before


def _lesson_pages(root) -> list[str]:
    skip = {"playground.html", "genindex.html", "search.html", "index.html"}
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if p.name not in skip and 'class="la4ml-widget' in p.read_text(encoding="utf-8", errors="ignore")
    )


def test_lesson_pages_mount_their_widgets(page, site_url, built_site):
    """Every page that declares widgets mounts them all, with the numbers NumPy gives."""
    pages = _lesson_pages(built_site)
    if not pages:
        pytest.skip("no page other than the playground uses a widget")
    for rel in pages:
        page.goto(f"{site_url}/{rel}")
        hosts = page.locator(".la4ml-widget")
        n = hosts.count()
        page.wait_for_function(
            "(n) => document.querySelectorAll('.la4ml-widget[data-mounted=ready]').length === n", arg=n
        )
        for i in range(n):
            name = hosts.nth(i).get_attribute("data-widget")
            d = Driver(page, name)
            d.host, d.root = hosts.nth(i), hosts.nth(i).locator(".la4ml-w")
            declared = json.loads(hosts.nth(i).get_attribute("data-state"))
            data = d.verify(f"loading {rel}")
            assert data["state"] == declared, f"{rel}: {name} did not start from its declared state"
