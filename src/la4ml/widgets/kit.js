// la4ml widget kit: the helpers every widget shares.
//
// Plain ES module, no dependencies. Widgets import it as
//     import * as K from './kit.js'   (exactly this line, with double quotes)
// In the static site the browser resolves that import; in Jupyter the Python
// wrapper inlines this file in place of the import line (anywidget loads a
// widget's code from a blob URL, where relative imports cannot resolve).
// Keep every public name a top-level `export function` / `export const`.

export const SVG_NS = "http://www.w3.org/2000/svg";

// ---------------------------------------------------------------- elements

function _apply(node, attrs, kids) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids.flat()) {
    if (kid === undefined || kid === null || kid === false) continue;
    node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return node;
}

/** Create an HTML element: h("div", {class: "x", onclick: fn}, child, "text"). */
export function h(tag, attrs, ...kids) {
  return _apply(document.createElement(tag), attrs, kids);
}

/** Create an SVG element. */
export function s(tag, attrs, ...kids) {
  return _apply(document.createElementNS(SVG_NS, tag), attrs, kids);
}

let _uid = 0;
/** A page-unique id (several widgets can share a page). */
export function uid(prefix = "la4ml") {
  _uid += 1;
  return `${prefix}-${_uid}-${Math.random().toString(36).slice(2, 7)}`;
}

// ---------------------------------------------------------------- numbers

export const EPS = 1e-12;

/** Round to the drag/keyboard grid (default 0.1) without float noise. */
export function snap(x, step = 0.1) {
  const k = Math.round(x / step);
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return Number((k * step).toFixed(digits));
}

/** A number as people read it: fixed digits, a real minus sign, no "-0". */
export function fmt(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (Math.abs(x) < 0.5 * 10 ** -digits) x = 0;
  let t = x.toFixed(digits);
  if (t.includes(".")) t = t.replace(/0+$/, "").replace(/\.$/, "");
  return t.replace("-", "−");
}

export function fmtVec(v, digits = 2) {
  return v ? `(${v.map((x) => fmt(x, digits)).join(", ")})` : "—";
}

export function fmtComplex(re, im, digits = 2) {
  if (Math.abs(im) < 0.5 * 10 ** -digits) return fmt(re, digits);
  return `${fmt(re, digits)} ${im < 0 ? "−" : "+"} ${fmt(Math.abs(im), digits)}i`;
}

export const dot = (u, v) => u.reduce((acc, x, i) => acc + x * v[i], 0);
export const norm = (v) => Math.hypot(...v);
export const add = (u, v) => u.map((x, i) => x + v[i]);
export const sub = (u, v) => u.map((x, i) => x - v[i]);
export const scale = (c, v) => v.map((x) => c * x);
export const isZero = (v, tol = EPS) => v.every((x) => Math.abs(x) <= tol);
export const clone = (x) => JSON.parse(JSON.stringify(x));
export const cross = (u, v) => [
  u[1] * v[2] - u[2] * v[1],
  u[2] * v[0] - u[0] * v[2],
  u[0] * v[1] - u[1] * v[0],
];

/** Columns of a 2x2 matrix given by rows [[a, b], [c, d]]. */
export const col = (M, j) => M.map((row) => row[j]);
/** Set column j of M (returns a new matrix). */
export const withCol = (M, j, v) => M.map((row, i) => row.map((x, k) => (k === j ? v[i] : x)));
export const transpose = (M) => M[0].map((_, j) => M.map((row) => row[j]));
export const matvec = (M, v) => M.map((row) => dot(row, v));
export const matmul = (A, B) => A.map((row) => B[0].map((_, j) => dot(row, col(B, j))));
export const det2 = (M) => M[0][0] * M[1][1] - M[0][1] * M[1][0];
export const frob = (M) => Math.hypot(...M.flat());

/** Scale of a matrix used for "is it zero?" tests: max(1, largest |entry|). */
export const magnitude = (M) => Math.max(1, ...M.flat().map(Math.abs));

/** Inverse of a 2x2 matrix, or null when it is singular (|det| tiny). */
export function inv2(M) {
  const d = det2(M);
  if (Math.abs(d) <= EPS * magnitude(M) ** 2) return null;
  const [[a, b], [c, e]] = M;
  return [[e / d, -b / d], [-c / d, a / d]];
}

/**
 * Eigenvalues of a real 2x2 matrix.
 * Returns {real: true, values: [l1, l2]} with l1 >= l2, or
 * {real: false, re, im} for the pair re ± im·i (im > 0).
 */
export function eig2(M) {
  const [[a, b], [c, d]] = M;
  const m = (a + d) / 2;
  const disc = ((a - d) / 2) ** 2 + b * c; // = m² − det, without cancellation in m²
  const tol = EPS * magnitude(M) ** 2;
  if (disc >= -tol) {
    let r = Math.sqrt(Math.max(disc, 0));
    if (r < 1e-8 * magnitude(M)) r = 0; // a repeated eigenvalue, up to rounding
    return { real: true, values: [m + r, m - r] };
  }
  return { real: false, re: m, im: Math.sqrt(-disc) };
}

/**
 * Unit eigenvectors of a real 2x2 matrix for a real eigenvalue lam.
 * Returns a list of 0, 1 or 2 directions (2 when M = lam·I: every vector is one).
 */
export function eigvecs2(M, lam) {
  const [[a, b], [c, d]] = M;
  const tol = 1e-9 * magnitude(M);
  const r1 = [a - lam, b];
  const r2 = [c, d - lam];
  if (isZero(r1, tol) && isZero(r2, tol)) return [[1, 0], [0, 1]];
  // the null space of M − lam·I is orthogonal to its larger row
  const r = norm(r1) >= norm(r2) ? r1 : r2;
  const v = [-r[1], r[0]];
  return [unitSign(scale(1 / norm(v), v))];
}

/** Fix a vector's sign so that its largest-magnitude entry is positive. */
export function unitSign(v) {
  let k = 0;
  v.forEach((x, i) => { if (Math.abs(x) > Math.abs(v[k]) + 1e-12) k = i; });
  return v[k] < 0 ? v.map((x) => -x || 0) : v.map((x) => x || 0);
}

/**
 * Eigen-decomposition of a symmetric 2x2 [[a, b], [b, d]] (like numpy.linalg.eigh,
 * but ordered largest first). Returns {values: [l1, l2], vectors: [q1, q2]}.
 */
export function eigh2(M) {
  const a = M[0][0], b = (M[0][1] + M[1][0]) / 2, d = M[1][1];
  const m = (a + d) / 2;
  const r = Math.hypot((a - d) / 2, b);
  const theta = 0.5 * Math.atan2(2 * b, a - d);
  const q1 = unitSign([Math.cos(theta), Math.sin(theta)]);
  const q2 = [-q1[1], q1[0]];
  return { values: [m + r, m - r], vectors: [q1, unitSign(q2)] };
}

/**
 * SVD of a real 2x2 matrix, A = U diag(s) Vᵀ with s1 >= s2 >= 0.
 * Returns {s: [s1, s2], U: [u1, u2], V: [v1, v2]} (lists of columns).
 */
export function svd2(A) {
  const [[a, b], [c, d]] = A;
  // closed form: s1 = Q + R, s2 = |Q − R|, no squaring of the matrix
  const E = (a + d) / 2, F = (a - d) / 2, G = (c + b) / 2, H = (c - b) / 2;
  const Q = Math.hypot(E, H), R = Math.hypot(F, G);
  const s1 = Q + R;
  const s2 = s1 > 0 ? Math.abs(det2(A)) / s1 : 0;
  if (s1 === 0) return { s: [0, 0], U: [[1, 0], [0, 1]], V: [[1, 0], [0, 1]] };
  // V from the eigenvectors of AᵀA; U from A v / s
  const AtA = matmul(transpose(A), A);
  const { vectors } = eigh2(AtA);
  const v1 = vectors[0];
  let v2 = [-v1[1], v1[0]];
  const u1 = scale(1 / s1, matvec(A, v1));
  let u2;
  if (s2 > 1e-12 * s1) u2 = scale(1 / s2, matvec(A, v2));
  else u2 = [-u1[1], u1[0]];
  return { s: [s1, s2], U: [u1, u2], V: [v1, v2] };
}

/** Singular values of a 2x3 matrix (rows r1, r2), accurately: s1·s2 = |r1 × r2|. */
export function svals2x3(A) {
  const [r1, r2] = A;
  const p = dot(r1, r1), q = dot(r1, r2), t = dot(r2, r2);
  const l1 = (p + t) / 2 + Math.hypot((p - t) / 2, q);
  const s1 = Math.sqrt(Math.max(l1, 0));
  const s2 = s1 > 0 ? norm(cross(r1, r2)) / s1 : 0;
  return [s1, s2];
}

// ---------------------------------------------------------------- the model

/**
 * Bind a widget to its model (anywidget's contract: get/set/save_changes/on/off).
 * Returns {get, set, onChange, publish, dispose}.
 */
export function bind(model, keys) {
  const subs = [];
  return {
    get: (k) => clone(model.get(k)),
    state() {
      const out = {};
      for (const k of keys) out[k] = clone(model.get(k));
      return out;
    },
    set(changes) {
      for (const [k, v] of Object.entries(changes)) model.set(k, clone(v));
      model.save_changes();
    },
    onChange(fn) {
      for (const k of keys) {
        model.on(`change:${k}`, fn);
        subs.push([`change:${k}`, fn]);
      }
    },
    publish(values) {
      // the computed numbers go back to the host (Python reads them as `.values`)
      model.set("values", values);
      model.save_changes();
    },
    dispose() {
      for (const [ev, fn] of subs) model.off(ev, fn);
    },
  };
}

// ---------------------------------------------------------------- layout

/**
 * The frame every widget uses: a title, a figure column and a side panel.
 * Returns {root, figure, side, controls, readouts, note}.
 */
export function frame(el, { title, name, help }) {
  const titleId = uid("la4ml-title");
  const note = h("p", { class: "la4ml-w-note", "aria-live": "polite", "data-key": "note" });
  const controls = h("div", { class: "la4ml-w-controls" });
  const readouts = h("dl", { class: "la4ml-w-readouts" });
  const figure = h("div", { class: "la4ml-w-figure" });
  const side = h("div", { class: "la4ml-w-side" }, controls, readouts, note);
  const root = h(
    "div",
    { class: "la4ml-w", role: "group", "aria-labelledby": titleId, "data-name": name },
    h("div", { class: "la4ml-w-head" },
      h("span", { class: "la4ml-w-title", id: titleId }, title),
      help ? h("span", { class: "la4ml-w-help" }, help) : null),
    h("div", { class: "la4ml-w-body" }, figure, side),
  );
  el.append(root);
  return { root, figure, side, controls, readouts, note };
}

/** Write the current inputs on the root so tests and tools can read them. */
export function exposeState(root, state) {
  root.dataset.state = JSON.stringify(state);
}

/** Buttons that load a telling example: [{label, state, title?}]. */
export function presets(parent, list, set) {
  const box = h("div", { class: "la4ml-w-presets", role: "group", "aria-label": "Examples" });
  for (const p of list) {
    box.append(h("button", {
      type: "button",
      class: "la4ml-w-preset",
      "data-preset": p.label,
      title: p.title || p.label,
      onclick: () => set(clone(p.state)),
    }, p.label));
  }
  parent.append(box);
  return box;
}

/** A plain button. */
export function button(parent, label, onclick, attrs = {}) {
  const b = h("button", { type: "button", class: "la4ml-w-button", onclick, ...attrs }, label);
  parent.append(b);
  return b;
}

/**
 * A grid of number inputs for a matrix (or a column vector: cols = 1).
 * get() returns the matrix (vector when cols = 1); set(m) receives the edited one.
 * Options: name ("A"), rows, cols, step, min, max, symmetric (edit a12 also edits a21).
 */
export function matrixInput(parent, { name, rows, cols, get, set, step = 0.1, min, max, symmetric = false, int = false }) {
  const isVec = cols === 1;
  const grid = h("div", {
    class: "la4ml-w-matrix",
    role: "group",
    "aria-label": isVec ? `vector ${name}` : `matrix ${name}`,
    style: `--cols:${cols}`,
  });
  const inputs = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const label = isVec ? `${name} entry ${i + 1}` : `${name} row ${i + 1} column ${j + 1}`;
      const inp = h("input", {
        type: "number", step, min, max, inputmode: "decimal",
        "aria-label": label, "data-entry": isVec ? `${i}` : `${i},${j}`,
        class: "la4ml-w-num",
      });
      inp.addEventListener("input", () => {
        const x = int ? parseInt(inp.value, 10) : parseFloat(inp.value);
        if (!Number.isFinite(x)) return; // half-typed ("-", "") — wait for more
        if ((min !== undefined && x < min) || (max !== undefined && x > max)) return;
        let M = get();
        if (isVec) M[i] = x;
        else {
          M[i][j] = x;
          if (symmetric) M[j][i] = x;
        }
        set(M);
      });
      inputs.push([inp, i, j]);
      grid.append(inp);
    }
  }
  const wrap = h("div", { class: "la4ml-w-field" }, h("span", { class: "la4ml-w-name" }, `${name} =`), grid);
  parent.append(wrap);
  return {
    el: wrap,
    refresh() {
      const M = get();
      wrap.hidden = M === undefined || M === null; // an input for something absent right now
      if (wrap.hidden) return;
      for (const [inp, i, j] of inputs) {
        const x = isVec ? M[i] : M[i][j];
        if (x === undefined) continue;
        const shown = int ? parseInt(inp.value, 10) : parseFloat(inp.value);
        if (shown !== x) inp.value = String(x);
      }
    },
  };
}

/** A labelled range input (for angles, coefficients, tolerances). */
export function slider(parent, { label, min, max, step, get, set, format = (x) => fmt(x) }) {
  const id = uid("la4ml-slider");
  const out = h("span", { class: "la4ml-w-slider-value", "aria-hidden": "true" });
  const inp = h("input", { type: "range", id, min, max, step, class: "la4ml-w-range" });
  inp.addEventListener("input", () => set(parseFloat(inp.value)));
  const wrap = h("div", { class: "la4ml-w-slider" }, h("label", { for: id }, label), inp, out);
  parent.append(wrap);
  return {
    el: wrap,
    refresh() {
      const x = get();
      if (parseFloat(inp.value) !== x) inp.value = String(x);
      out.textContent = format(x);
      inp.setAttribute("aria-valuetext", format(x));
    },
  };
}

// ---------------------------------------------------------------- readouts

/**
 * The numbers panel. defs: [{key, label, kind, digits, none}], kind one of
 * "num" | "vec" | "vecs" (a list of vectors) | "mat" | "text" | "bool" | "complex" ([re, im]) | "eigs" ([[re, im], ...]) | "shape".
 * Each value is shown as text and kept, at full precision, as JSON in data-value
 * on an <output data-key="..."> element.
 */
export function readouts(dl, defs) {
  const outs = {};
  for (const d of defs) {
    // <output> is a live region by default; dozens of them changing on every drag
    // would flood a screen reader, so they stay quiet (the note line speaks)
    const out = h("output", { class: "la4ml-w-out", "data-key": d.key, "data-kind": d.kind || "num", "aria-live": "off" });
    dl.append(h("div", { class: "la4ml-w-row" }, h("dt", {}, d.label), h("dd", {}, out)));
    outs[d.key] = [out, d];
  }
  return function show(values) {
    for (const [key, [out, d]] of Object.entries(outs)) {
      const v = values[key];
      out.dataset.value = JSON.stringify(v === undefined ? null : v);
      out.replaceChildren(render(v, d));
    }
  };
}

function render(v, d) {
  const digits = d.digits ?? 3;
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return document.createTextNode(d.none || "—");
  switch (d.kind) {
    case "vec": return document.createTextNode(fmtVec(v, digits));
    case "vecs": return document.createTextNode(v.map((w) => fmtVec(w, digits)).join(", "));
    case "mat": return matrixView(v, digits);
    case "text": return document.createTextNode(String(v));
    case "bool": return document.createTextNode(v ? (d.yes || "yes") : (d.no || "no"));
    case "eigs": return document.createTextNode(v.map((p) => fmtComplex(p[0], p[1], digits)).join(",  "));
    case "complex": return document.createTextNode(fmtComplex(v[0], v[1], digits));
    case "shape": return document.createTextNode(`(${v.join(", ")}${v.length === 1 ? "," : ""})`);
    default: return document.createTextNode(fmt(v, digits));
  }
}

/** A small bracketed matrix (rows of numbers) for the readouts. */
export function matrixView(M, digits = 3) {
  const cols = M[0] ? M[0].length : 0;
  const grid = h("span", { class: "la4ml-w-matview", style: `--cols:${cols}` });
  for (const row of M) for (const x of row) grid.append(h("span", {}, fmt(x, digits)));
  return grid;
}

// ---------------------------------------------------------------- the plane

/**
 * An SVG coordinate plane with a grid, axes, a drawing layer that is redrawn on
 * every update, and persistent draggable handles.
 *   const P = plane(parent, {extent: 5, label: "..."});
 *   P.clear(); P.arrow([0, 0], u, "c1", "u"); ...
 *   const hu = P.handle({label: "tip of u", cls: "c1", get: () => u, set: (p) => ...});
 */
export function plane(parent, { extent = 5, xmin, xmax, ymin, ymax, unit = 40, label = "figure", grid = true } = {}) {
  const x0 = xmin ?? -extent, x1 = xmax ?? extent, y0 = ymin ?? -extent, y1 = ymax ?? extent;
  const W = (x1 - x0) * unit, H = (y1 - y0) * unit;
  const X = (x) => (x - x0) * unit;
  const Y = (y) => (y1 - y) * unit;
  const svg = s("svg", {
    class: "la4ml-w-svg",
    viewBox: `0 0 ${W} ${H}`,
    role: "img",
    "aria-label": label,
    preserveAspectRatio: "xMidYMid meet",
  });
  const clipId = uid("la4ml-clip");
  svg.append(s("defs", {}, s("clipPath", { id: clipId }, s("rect", { x: 0, y: 0, width: W, height: H }))));
  const bg = s("g", { class: "la4ml-grid", "aria-hidden": "true" });
  const fill = s("g", { "clip-path": `url(#${clipId})`, "aria-hidden": "true" });
  const dyn = s("g", { "clip-path": `url(#${clipId})`, "aria-hidden": "true" });
  const handles = s("g", { class: "la4ml-handles" });
  svg.append(bg, fill, dyn, handles);
  if (grid) {
    const tickEvery = x1 - x0 > 12 ? 2 : 1;
    for (let x = Math.ceil(x0); x <= x1; x++) {
      bg.append(s("line", { x1: X(x), y1: 0, x2: X(x), y2: H, class: x === 0 ? "axis" : "gridline" }));
      if (x !== 0 && x % tickEvery === 0 && x > x0 && x < x1) {
        bg.append(s("text", { x: X(x), y: Math.min(Math.max(Y(0) + 13, 12), H - 3), class: "tick", "text-anchor": "middle" }, fmt(x)));
      }
    }
    for (let y = Math.ceil(y0); y <= y1; y++) {
      bg.append(s("line", { x1: 0, y1: Y(y), x2: W, y2: Y(y), class: y === 0 ? "axis" : "gridline" }));
      if (y !== 0 && y % tickEvery === 0 && y > y0 && y < y1) {
        bg.append(s("text", { x: Math.min(Math.max(X(0) - 5, 14), W - 3), y: Y(y) + 4, class: "tick", "text-anchor": "end" }, fmt(y)));
      }
    }
  }
  const wrap = h("div", { class: "la4ml-w-plane" }, svg);
  parent.append(wrap);

  const P = {
    svg, X, Y, unit, bounds: [x0, x1, y0, y1], layer: dyn, fillLayer: fill,
    clear() { dyn.replaceChildren(); fill.replaceChildren(); },
    toWorld(evt) {
      const pt = svg.createSVGPoint();
      pt.x = evt.clientX; pt.y = evt.clientY;
      const m = svg.getScreenCTM();
      const q = m ? pt.matrixTransform(m.inverse()) : pt;
      return [q.x / unit + x0, y1 - q.y / unit];
    },
    toScreen(p) { return [X(p[0]), Y(p[1])]; },
    line(p, q, cls = "", attrs = {}) {
      return dyn.appendChild(s("line", { x1: X(p[0]), y1: Y(p[1]), x2: X(q[0]), y2: Y(q[1]), class: `ln ${cls}`, ...attrs }));
    },
    /** The infinite line through p with direction d (clipped to the plane). */
    fullLine(p, d, cls = "", attrs = {}) {
      const L = 4 * Math.max(x1 - x0, y1 - y0);
      const n = norm(d) || 1;
      const e = scale(L / n, d);
      return P.line(sub(p, e), add(p, e), cls, attrs);
    },
    arrow(p, q, cls = "", text = null, attrs = {}) {
      const g = s("g", { class: `arrow ${cls}`, ...attrs });
      const [ax, ay] = [X(p[0]), Y(p[1])], [bx, by] = [X(q[0]), Y(q[1])];
      const len = Math.hypot(bx - ax, by - ay);
      if (len < 1e-6) {
        g.append(s("circle", { cx: ax, cy: ay, r: 3.5, class: "zero" }));
      } else {
        const ux = (bx - ax) / len, uy = (by - ay) / len;
        const head = Math.min(11, len * 0.45), wing = head * 0.5;
        const hx = bx - ux * head, hy = by - uy * head;
        g.append(s("line", { x1: ax, y1: ay, x2: hx, y2: hy, class: "shaft" }));
        g.append(s("polygon", {
          points: `${bx},${by} ${hx - uy * wing},${hy + ux * wing} ${hx + uy * wing},${hy - ux * wing}`,
          class: "head",
        }));
      }
      dyn.append(g);
      if (text) P.label(q, text, cls);
      return g;
    },
    label(p, text, cls = "", dx = 8, dy = -8) {
      // keep labels inside the figure: flip to the left / below near an edge
      let x = X(p[0]) + dx, y = Y(p[1]) + dy, anchor = "start";
      const wide = 7.5 * String(text).length;
      if (x + wide > W - 2) { x = X(p[0]) - Math.abs(dx); anchor = "end"; }
      if (x - (anchor === "end" ? wide : 0) < 2) { x = 2 + (anchor === "end" ? wide : 0); }
      if (y < 14) y = Y(p[1]) + Math.abs(dy) + 10;
      if (y > H - 4) y = H - 4;
      return dyn.appendChild(s("text", { x, y, class: `lbl ${cls}`, "text-anchor": anchor }, text));
    },
    /** Centered text at a point, no clamping (cell values, small captions). */
    text(p, str, cls = "") {
      return dyn.appendChild(s("text", { x: X(p[0]), y: Y(p[1]), class: cls, "text-anchor": "middle", "dominant-baseline": "central" }, str));
    },
    poly(points, cls = "", attrs = {}) {
      return fill.appendChild(s("polygon", { points: points.map((p) => `${X(p[0])},${Y(p[1])}`).join(" "), class: `area ${cls}`, ...attrs }));
    },
    path(points, cls = "", closed = false, layer = dyn) {
      const d = points.map((p, i) => `${i ? "L" : "M"}${X(p[0]).toFixed(2)},${Y(p[1]).toFixed(2)}`).join("") + (closed ? "Z" : "");
      return layer.appendChild(s("path", { d, class: `curve ${cls}` }));
    },
    circle(c, r, cls = "", attrs = {}) {
      return dyn.appendChild(s("circle", { cx: X(c[0]), cy: Y(c[1]), r: r * unit, class: `ring ${cls}`, ...attrs }));
    },
    dotAt(c, cls = "", r = 4) {
      return dyn.appendChild(s("circle", { cx: X(c[0]), cy: Y(c[1]), r, class: `pt ${cls}` }));
    },
    /** The image of the unit square's grid under M (a few lines), in the fill layer. */
    gridImage(M, cls = "", n = 4) {
      for (let k = -n; k <= n; k++) {
        const a = matvec(M, [k, -n]), b = matvec(M, [k, n]);
        const c = matvec(M, [-n, k]), d = matvec(M, [n, k]);
        fill.appendChild(s("line", { x1: X(a[0]), y1: Y(a[1]), x2: X(b[0]), y2: Y(b[1]), class: `warp ${cls}` }));
        fill.appendChild(s("line", { x1: X(c[0]), y1: Y(c[1]), x2: X(d[0]), y2: Y(d[1]), class: `warp ${cls}` }));
      }
    },
    rightAngle(at, d1, d2, size = 0.3, cls = "") {
      const a = scale(size / (norm(d1) || 1), d1), b = scale(size / (norm(d2) || 1), d2);
      return P.path([add(at, a), add(add(at, a), b), add(at, b)], `mark ${cls}`);
    },
    handle(opts) { return handle(P, handles, opts); },
  };
  return P;
}

/**
 * A draggable, focusable point.
 * opts: {label, cls, get: () => [x, y], set: ([x, y]) => void, step = 0.1,
 *        constrain: (p) => p (e.g. onto a circle), keys: (evt) => handled? (own key handling)}
 * Mouse/touch: drag (snapped to `step`). Keyboard: arrows move by `step`,
 * Shift+arrows by 1.
 */
function handle(P, layer, opts) {
  const { label, cls = "", get, set, step = 0.1, constrain = (p) => p, keys } = opts;
  const g = s("g", {
    class: `la4ml-handle ${cls}`,
    tabindex: 0,
    role: "slider",
    "aria-roledescription": "draggable point",
    "aria-label": label,
    "data-handle": opts.name || label,
  });
  g.append(s("circle", { r: 16, class: "hit" }), s("circle", { r: 7, class: "knob" }));
  layer.append(g);
  let dragging = false;
  const snapP = (p) => p.map((x) => snap(x, step));
  g.addEventListener("pointerdown", (e) => {
    e.preventDefault();
    dragging = true;
    g.setPointerCapture(e.pointerId);
    g.classList.add("dragging");
    g.focus({ preventScroll: true });
  });
  g.addEventListener("pointermove", (e) => {
    if (!dragging) return;
    const p = constrain(snapP(P.toWorld(e)));
    const [x0, x1, y0, y1] = P.bounds;
    p[0] = Math.min(Math.max(p[0], x0), x1);
    p[1] = Math.min(Math.max(p[1], y0), y1);
    set(p);
  });
  const end = (e) => {
    if (!dragging) return;
    dragging = false;
    g.classList.remove("dragging");
    if (g.hasPointerCapture(e.pointerId)) g.releasePointerCapture(e.pointerId);
  };
  g.addEventListener("pointerup", end);
  g.addEventListener("pointercancel", end);
  g.addEventListener("keydown", (e) => {
    const p = get();
    if (keys && keys(e)) { e.preventDefault(); return; }
    const big = e.shiftKey ? 1 : step;
    const moves = { ArrowLeft: [-big, 0], ArrowRight: [big, 0], ArrowUp: [0, big], ArrowDown: [0, -big] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    set(constrain(snapP([p[0] + m[0], p[1] + m[1]])));
  });
  return {
    el: g,
    place() {
      const p = get();
      // a handle whose point does not exist right now (get() → null) is hidden
      g.style.display = p ? "" : "none";
      g.setAttribute("tabindex", p ? 0 : -1);
      if (!p) return;
      const [x0, x1, y0, y1] = P.bounds;
      const cx = Math.min(Math.max(p[0], x0), x1), cy = Math.min(Math.max(p[1], y0), y1);
      g.setAttribute("transform", `translate(${P.X(cx)},${P.Y(cy)})`);
      g.classList.toggle("offscreen", cx !== p[0] || cy !== p[1]);
      g.setAttribute("aria-valuetext", `${label}: ${fmtVec(p)}`);
      g.setAttribute("aria-valuenow", String(p[0]));
    },
  };
}

/**
 * Define a widget: the anywidget module object {render({model, el})}.
 *   export default K.widget({name, title, keys, build(ctx) { ...; return (state) => values; }});
 * ctx: {root, figure, side, controls, readouts, note, get, set, track, outputs, say}
 *   set(changes) writes to the model (and so re-renders); track(x) registers an
 *   object with refresh() or place() that is called on every update;
 *   outputs(defs) declares the readouts (see readouts()); say(text) fills the note line.
 * The function build returns is called on every change with the current state
 * and returns the computed values (numbers, vectors, matrices, strings, null).
 */
export function widget({ name, title, keys, help, build }) {
  return {
    render({ model, el }) {
      const m = bind(model, keys);
      const F = frame(el, { title, name, help });
      const live = [];
      let show = null;
      const ctx = {
        ...F, get: m.get, set: m.set,
        track: (x) => { live.push(x); return x; },
        outputs: (defs) => { show = readouts(F.readouts, defs); },
        // several sentences in one update are kept, in order
        say: (text, level) => {
          const prev = F.note.textContent;
          const warn = level === "warn" || F.note.dataset.level === "warn";
          say(F.note, prev ? `${prev} ${text}` : text, warn ? "warn" : level);
        },
      };
      const compute = build(ctx);
      const update = () => {
        const st = m.state();
        exposeState(F.root, st);
        say(F.note, "");
        const values = compute(st);
        for (const x of live) (x.refresh || x.place).call(x);
        if (show) show(values);
        m.publish(values);
      };
      m.onChange(update);
      update();
      return () => m.dispose();
    },
  };
}

/**
 * Draggable handles for the two columns of a 2x2 matrix stored under `key`.
 * symmetric: dragging a column keeps the matrix symmetric (moves the mirrored entry).
 */
export function columnHandles(P, track, get, set, { key = "matrix", of = "A", symmetric = false } = {}) {
  return [0, 1].map((j) => track(P.handle({
    name: `col${j + 1}`,
    label: `column ${j + 1} of ${of}`,
    cls: j ? "c2" : "c1",
    get: () => col(get(key), j),
    set: (p) => {
      const M = withCol(get(key), j, p);
      if (symmetric) M[j][1 - j] = p[1 - j];
      set({ [key]: M });
    },
  })));
}

/** Eigenvalues as [re, im] pairs (largest real part first), for readouts. */
export function eigPairs(M) {
  const e = eig2(M);
  return e.real ? e.values.map((l) => [l, 0]) : [[e.re, e.im], [e.re, -e.im]];
}

/** Standard "zero vector" / "singular" messages, shown in the note line. */
export function say(note, text, level = "info") {
  note.textContent = text || "";
  note.dataset.level = text ? level : "";
}
