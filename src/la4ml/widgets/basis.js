// Basis: coordinates of the same point x in the basis b₁, b₂.
import * as K from "./kit.js";

export default K.widget({
  name: "basis",
  title: "Coordinates in a basis",
  keys: ["b1", "b2", "x"],
  help: "Drag the basis vectors b₁, b₂ and the point x; read x's coordinates c.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, label: "the grid of the basis b₁, b₂ and the point x reached by c₁b₁ + c₂b₂" });
    track(P.handle({ name: "b1", label: "tip of b₁", cls: "c1", get: () => get("b1"), set: (p) => set({ b1: p }) }));
    track(P.handle({ name: "b2", label: "tip of b₂", cls: "c2", get: () => get("b2"), set: (p) => set({ b2: p }) }));
    track(P.handle({ name: "x", label: "point x", cls: "c4", get: () => get("x"), set: (p) => set({ x: p }) }));
    track(K.matrixInput(controls, { name: "b₁", rows: 2, cols: 1, get: () => get("b1"), set: (b1) => set({ b1 }) }));
    track(K.matrixInput(controls, { name: "b₂", rows: 2, cols: 1, get: () => get("b2"), set: (b2) => set({ b2 }) }));
    track(K.matrixInput(controls, { name: "x", rows: 2, cols: 1, get: () => get("x"), set: (x) => set({ x }) }));
    K.presets(controls, [
      { label: "Standard", state: { b1: [1, 0], b2: [0, 1] }, title: "coordinates = entries" },
      { label: "Skewed", state: { b1: [2, 1], b2: [-1, 1] } },
      { label: "Rotated", state: { b1: [Math.SQRT1_2, Math.SQRT1_2], b2: [-Math.SQRT1_2, Math.SQRT1_2] } },
      { label: "Dependent", state: { b1: [1, 1], b2: [2, 2] }, title: "not a basis" },
    ], set);
    outputs([
      { key: "coords", label: "c (x = c₁b₁ + c₂b₂)", kind: "vec", none: "none (not a basis)" },
      { key: "det", label: "det [b₁ b₂]" },
      { key: "is_basis", label: "basis of ℝ²", kind: "bool" },
    ]);
    return ({ b1, b2, x }) => {
      const B = [[b1[0], b2[0]], [b1[1], b2[1]]];
      const Bi = K.inv2(B);
      const c = Bi ? K.matvec(Bi, x) : null;
      P.clear();
      if (Bi) P.gridImage(B, "c3", 6);
      P.arrow([0, 0], b1, "c1", "b₁");
      P.arrow([0, 0], b2, "c2", "b₂");
      if (c) {
        const p = K.scale(c[0], b1);
        P.arrow([0, 0], p, "c1 ghost");
        P.arrow(p, x, "c2 ghost");
        P.label(x, `c = ${K.fmtVec(c)}`, "c4", 8, 16);
      }
      P.dotAt(x, "c4", 3);
      if (!Bi) say("Not a basis: b₁ and b₂ are dependent (det = 0), so most points have no coordinates.", "warn");
      return { coords: c, det: K.det2(B), is_basis: Bi !== null };
    };
  },
});
