// Span & Basis: every c₁u + c₂v, and how many of u, v you really need.
import * as K from "./kit.js";

const round2 = (x) => Math.round(x * 100) / 100;

function spanInfo(u, v) {
  const scaleM = K.magnitude([u, v]);
  const d = u[0] * v[1] - u[1] * v[0];
  if (Math.abs(d) > 1e-9 * scaleM * scaleM) return { dim: 2, basis: [u, v] };
  if (!K.isZero(u)) return { dim: 1, basis: [u] };
  if (!K.isZero(v)) return { dim: 1, basis: [v] };
  return { dim: 0, basis: [] };
}

export default K.widget({
  name: "span-basis",
  title: "Span & basis",
  keys: ["u", "v", "c"],
  help: "Drag u, v, or the combination c₁u + c₂v itself; move the coefficient sliders.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, label: "u, v, the combination c₁u + c₂v and the span of u and v" });
    track(P.handle({ name: "u", label: "tip of u", cls: "c1", get: () => get("u"), set: (p) => set({ u: p }) }));
    track(P.handle({ name: "v", label: "tip of v", cls: "c2", get: () => get("v"), set: (p) => set({ v: p }) }));
    track(P.handle({
      name: "w", label: "the combination c₁u + c₂v", cls: "c3", step: 0.05,
      get: () => { const u = get("u"), v = get("v"), c = get("c"); return K.add(K.scale(c[0], u), K.scale(c[1], v)); },
      set: (w) => {
        const u = get("u"), v = get("v");
        const { dim } = spanInfo(u, v);
        if (dim === 2) {
          const x = K.matvec(K.inv2([[u[0], v[0]], [u[1], v[1]]]), w);
          set({ c: x.map(round2) });
        } else if (dim === 1) {
          const first = !K.isZero(u);
          const b = first ? u : v;
          const t = round2(K.dot(w, b) / K.dot(b, b));
          set({ c: first ? [t, 0] : [0, t] });
        }
      },
    }));
    track(K.matrixInput(controls, { name: "u", rows: 2, cols: 1, get: () => get("u"), set: (u) => set({ u }) }));
    track(K.matrixInput(controls, { name: "v", rows: 2, cols: 1, get: () => get("v"), set: (v) => set({ v }) }));
    track(K.slider(controls, { label: "c₁", min: -3, max: 3, step: 0.1, get: () => get("c")[0], set: (x) => set({ c: [x, get("c")[1]] }) }));
    track(K.slider(controls, { label: "c₂", min: -3, max: 3, step: 0.1, get: () => get("c")[1], set: (x) => set({ c: [get("c")[0], x] }) }));
    K.presets(controls, [
      { label: "Independent", state: { u: [2, 1], v: [1, 2], c: [1, 1] }, title: "span = the plane" },
      { label: "Collinear", state: { u: [2, 1], v: [-1, -0.5], c: [1, 1] }, title: "span = a line" },
      { label: "Standard basis", state: { u: [1, 0], v: [0, 1], c: [2, 3] } },
      { label: "Both zero", state: { u: [0, 0], v: [0, 0], c: [1, 1] }, title: "span = {0}" },
    ], set);
    outputs([
      { key: "combination", label: "c₁u + c₂v", kind: "vec" },
      { key: "span_dim", label: "dim span{u, v}" },
      { key: "basis", label: "a basis of the span", kind: "vecs", none: "∅ (the span is {0})" },
    ]);
    return ({ u, v, c }) => {
      const w = K.add(K.scale(c[0], u), K.scale(c[1], v));
      const { dim, basis } = spanInfo(u, v);
      P.clear();
      const [x0, x1, y0, y1] = P.bounds;
      if (dim === 2) {
        P.poly([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], "c3 plane-fill");
        P.gridImage([[u[0], v[0]], [u[1], v[1]]], "c3", 6);
      } else if (dim === 1) P.fullLine([0, 0], basis[0], "c3 span-line");
      else P.dotAt([0, 0], "c3", 6);
      const cu = K.scale(c[0], u);
      P.arrow([0, 0], cu, "c1 ghost");
      P.arrow(cu, w, "c2 ghost");
      P.arrow([0, 0], u, "c1", "u");
      P.arrow([0, 0], v, "c2", "v");
      P.arrow([0, 0], w, "c3", "c₁u + c₂v");
      if (dim === 2) say("u and v are independent: they span the whole plane and form a basis of it.");
      else if (dim === 1) say("u and v lie on one line: their span is that line, and one vector is a basis of it.", "warn");
      else say("Both vectors are zero: the span is just {0}, with the empty basis.", "warn");
      return { combination: w, span_dim: dim, basis };
    };
  },
});
