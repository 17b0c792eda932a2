// Eigenvectors: sweep a unit vector x; where Ax is parallel to x, x is an eigenvector.
import * as K from "./kit.js";

export default K.widget({
  name: "eigenvectors",
  title: "Eigenvectors",
  keys: ["matrix", "angle"],
  help: "Drag x around the unit circle (or use the arrow keys); when Ax lines up with x you have found an eigenvector.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 50, label: "a unit vector x, its image Ax, the image of the unit circle and the eigen-directions" });
    const xOf = (deg) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
    const norm360 = (a) => ((Math.round(a) % 360) + 360) % 360;
    track(P.handle({
      name: "x", label: "unit vector x (angle)", cls: "c4", step: 0.001,
      get: () => xOf(get("angle")),
      set: (p) => set({ angle: norm360((Math.atan2(p[1], p[0]) * 180) / Math.PI) }),
      keys: (e) => {
        const d = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[e.key];
        if (!d) return false;
        set({ angle: norm360(get("angle") + d * (e.shiftKey ? 15 : 1)) });
        return true;
      },
    }));
    K.columnHandles(P, track, get, set);
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    track(K.slider(controls, { label: "angle of x", min: 0, max: 359, step: 1, get: () => get("angle"), set: (a) => set({ angle: a }), format: (a) => `${a}°` }));
    K.presets(controls, [
      { label: "Symmetric", state: { matrix: [[2, 1], [1, 2]] }, title: "perpendicular eigenvectors" },
      { label: "Non-symmetric", state: { matrix: [[2, 1], [0, 1]] } },
      { label: "Shear", state: { matrix: [[1, 1], [0, 1]] }, title: "only one eigen-direction" },
      { label: "Rotation", state: { matrix: [[0, -1], [1, 0]] }, title: "complex: no real eigenvectors" },
      { label: "Scaling", state: { matrix: [[2, 0], [0, 2]] }, title: "every vector is an eigenvector" },
      { label: "Singular", state: { matrix: [[1, 2], [2, 4]] }, title: "λ = 0: the null space" },
    ], set);
    outputs([
      { key: "eigenvalues", label: "λ₁, λ₂", kind: "eigs" },
      { key: "v1", label: "v₁", kind: "vec", none: "none (complex)" },
      { key: "v2", label: "v₂", kind: "vec", none: "none" },
      { key: "x", label: "x", kind: "vec" },
      { key: "Ax", label: "Ax", kind: "vec" },
      { key: "complex", label: "complex eigenvalues", kind: "bool" },
    ]);
    return ({ matrix, angle }) => {
      const x = xOf(angle), Ax = K.matvec(matrix, x);
      const e = K.eig2(matrix);
      let v1 = null, v2 = null;
      P.clear();
      const ring = [];
      for (let k = 0; k <= 120; k++) ring.push(K.matvec(matrix, xOf(k * 3)));
      P.path(ring, "c3 dashed", true);
      P.circle([0, 0], 1, "muted");
      if (e.real) {
        const [l1, l2] = e.values;
        const s1 = K.eigvecs2(matrix, l1);
        if (s1.length === 2) {
          [v1, v2] = s1;
          say(`A = ${K.fmt(l1)}·I: every vector is an eigenvector (we list e₁ and e₂).`);
        } else {
          v1 = s1[0];
          if (l1 !== l2) v2 = K.eigvecs2(matrix, l2)[0];
          else say(`Only one eigenvector direction for the repeated λ = ${K.fmt(l1)}: A is defective (not diagonalizable).`, "warn");
        }
        for (const [v, l, cls] of [[v1, l1, "c1"], [v2, l2, "c2"]]) {
          if (!v) continue;
          P.fullLine([0, 0], v, `${cls} span-line`);
          P.arrow([0, 0], K.scale(l, v), `${cls} thin`, `λ = ${K.fmt(l)}`);
        }
      } else {
        say(`The eigenvalues are complex (${K.fmtComplex(e.re, e.im)}, ${K.fmtComplex(e.re, -e.im)}): Ax never lines up with x, there is no real eigenvector.`, "warn");
      }
      P.arrow([0, 0], x, "c4", "x");
      P.arrow([0, 0], Ax, "c3", "Ax");
      const crossAx = x[0] * Ax[1] - x[1] * Ax[0];
      if (e.real && Math.abs(crossAx) < 0.02 * Math.max(1, K.norm(Ax)) && !K.isZero(Ax)) {
        say(`Ax ≈ ${K.fmt(K.dot(x, Ax))}·x here: x points (nearly) along an eigenvector.`);
      }
      return { eigenvalues: K.eigPairs(matrix), v1, v2, x, Ax, complex: !e.real };
    };
  },
});
