"""A widget round-trips through Jupyter's model contract, with the real ES module.

The Python side is the real ``anywidget.AnyWidget`` subclass with its comm
replaced by a recorder; the front-end side is the exact ``_esm`` string Jupyter
would receive, imported from a blob URL (as anywidget does) in Chromium and
rendered against a fake model with Backbone's semantics (``set`` fires
``change:key``; ``save_changes`` sends what the front end changed; updates from
the kernel are applied without being echoed back). Messages are carried across
in the shape ipywidgets uses: ``{"method": "update", "state": {...}}``.
"""

from __future__ import annotations

import numpy as np
import pytest

from la4ml.widgets import PositiveDefinite

pytestmark = pytest.mark.browser

FAKE_MODEL = """() => {
window.__toKernel = [];
window.FakeModel = class FakeModel {
  constructor(state) { this.attrs = structuredClone(state); this.handlers = {}; this.dirty = {}; }
  get(key) { return this.attrs[key]; }
  _assign(key, value) {
    if (JSON.stringify(this.attrs[key]) === JSON.stringify(value)) return false;
    this.attrs[key] = structuredClone(value);
    for (const fn of [...(this.handlers[`change:${key}`] || [])]) fn(this, value);
    for (const fn of [...(this.handlers.change || [])]) fn(this);
    return true;
  }
  set(key, value) { if (this._assign(key, value)) this.dirty[key] = structuredClone(value); }
  save_changes() {
    if (!Object.keys(this.dirty).length) return;
    window.__toKernel.push({ method: "update", state: this.dirty, buffer_paths: [] });
    this.dirty = {};
  }
  on(ev, fn) { (this.handlers[ev] ||= []).push(fn); }
  off(ev, fn) { this.handlers[ev] = (this.handlers[ev] || []).filter((f) => f !== fn); }
  send(content) { window.__toKernel.push({ method: "custom", content }); }
  // a message from the kernel: applied, never echoed back
  fromKernel(state) { for (const [k, v] of Object.entries(state)) this._assign(k, v); }
};
}"""

RENDER = """async ([esm, css, state]) => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  const url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
  const mod = await import(url);
  const el = document.createElement("div");
  el.id = "jupyter-view";
  document.body.prepend(el);
  window.__model = new FakeModel(state);
  window.__cleanup = await mod.default.render({ model: window.__model, el });
}"""

READ = """() => {
  const root = document.querySelector("#jupyter-view .la4ml-w");
  const out = {};
  for (const o of root.querySelectorAll("output[data-key]")) out[o.dataset.key] = JSON.parse(o.dataset.value);
  return { state: JSON.parse(root.dataset.state), values: out };
}"""


class Bridge:
    """Carries comm messages between the Python widget and the page."""

    def __init__(self, widget, page) -> None:
        self.widget, self.page = widget, page
        self.to_front: list[dict] = []
        # what ipywidgets would publish on the comm (DummyComm drops it otherwise)
        widget.comm.publish_msg = lambda msg_type, data=None, metadata=None, buffers=None, **kw: (
            self.to_front.append(data) if msg_type == "comm_msg" else None
        )

    def kernel_to_front(self) -> int:
        msgs = [m for m in self.to_front if m.get("method") == "update"]
        self.to_front.clear()
        for m in msgs:
            self.page.evaluate("(s) => window.__model.fromKernel(s)", m["state"])
        return len(msgs)

    def front_to_kernel(self) -> list[dict]:
        msgs = self.page.evaluate("() => window.__toKernel.splice(0)")
        for m in msgs:
            self.widget._handle_msg({"content": {"data": m}, "buffers": []})
        return msgs


def test_round_trip_through_the_model_contract(page, site_url):
    """Python sets a value → the module re-renders; the module sets one → Python sees it."""
    w = PositiveDefinite(matrix=[[2, 1], [1, 2]], x=[1, 0])
    page.goto(f"{site_url}/index.html")
    page.evaluate(FAKE_MODEL)
    state = w.get_state()
    page.evaluate(RENDER, [state["_esm"], state["_css"], state])
    bridge = Bridge(w, page)

    # the first render publishes its numbers: Python can read them
    bridge.front_to_kernel()
    assert w.values["kind"] == "positive definite"
    assert np.allclose(w.values["eigenvalues"], [1, 3])
    assert np.allclose(w.values["cholesky"], np.linalg.cholesky([[2, 1], [1, 2]]))

    # Python → front end: the figure redraws for the new matrix
    w.matrix = [[1, 2], [2, 1]]
    assert bridge.kernel_to_front() == 1
    shown = page.evaluate(READ)
    assert shown["state"]["matrix"] == [[1, 2], [2, 1]]
    assert shown["values"]["kind"] == "indefinite"
    assert np.allclose(shown["values"]["eigenvalues"], np.linalg.eigvalsh([[1, 2], [2, 1]]))
    sent = bridge.front_to_kernel()
    assert [set(m["state"]) for m in sent] == [{"values"}], "a kernel update must not be echoed back"
    assert w.values["kind"] == "indefinite"

    # front end → Python: the reader moves the point x with the keyboard
    page.locator('#jupyter-view .la4ml-handle[data-handle="x"]').focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowUp")
    bridge.front_to_kernel()
    assert w.x == [1.1, 1.0]
    x = np.array(w.x)
    assert np.isclose(w.values["q"], x @ np.array(w.matrix) @ x)

    # ... and by typing into the matrix (a symmetric edit changes both off-diagonal entries)
    field = page.locator('#jupyter-view input[aria-label="A row 1 column 2"]')
    field.fill("0.5")
    bridge.front_to_kernel()
    assert w.matrix == [[1.0, 0.5], [0.5, 1.0]]
    assert w.values["kind"] == "positive definite"

    # the view detaches cleanly (anywidget calls the function render returned)
    page.evaluate("() => window.__cleanup && window.__cleanup()")
    w.matrix = [[3, 0], [0, 3]]
    bridge.kernel_to_front()
    assert page.evaluate(READ)["state"]["matrix"] == [[1, 0.5], [0.5, 1]], "a detached view must not redraw"
