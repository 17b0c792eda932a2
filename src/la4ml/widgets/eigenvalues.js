// Eigenvalues: the roots of p(λ) = λ² − (tr A) λ + det A.
import * as K from "./kit.js";

export default K.widget({
  name: "eigenvalues",
  title: "Eigenvalues",
  keys: ["matrix"],
  help: "Drag the columns of A (top) and watch the roots of its characteristic polynomial (bottom).",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 40, label: "the columns of A, the grid it transforms and its real eigen-directions" });
    const C = K.plane(figure, { xmin: -5, xmax: 5, ymin: -4, ymax: 6, unit: 30, label: "the characteristic polynomial p(λ) and its roots, the eigenvalues" });
    K.columnHandles(P, track, get, set);
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    K.presets(controls, [
      { label: "Symmetric", state: { matrix: [[2, 1], [1, 2]] }, title: "real eigenvalues 3 and 1" },
      { label: "Rotation", state: { matrix: [[0, -1], [1, 0]] }, title: "complex: ±i" },
      { label: "Shear", state: { matrix: [[1, 1], [0, 1]] }, title: "a repeated eigenvalue" },
      { label: "Singular", state: { matrix: [[1, 2], [2, 4]] }, title: "an eigenvalue 0" },
      { label: "Spiral", state: { matrix: [[1, -2], [1, 1]] }, title: "complex with real part 1" },
    ], set);
    outputs([
      { key: "eigenvalues", label: "λ₁, λ₂", kind: "eigs" },
      { key: "trace", label: "tr A = λ₁ + λ₂" },
      { key: "det", label: "det A = λ₁λ₂" },
      { key: "discriminant", label: "tr² − 4 det" },
      { key: "complex", label: "complex", kind: "bool" },
    ]);
    return ({ matrix }) => {
      const tr = matrix[0][0] + matrix[1][1], d = K.det2(matrix);
      const e = K.eig2(matrix);
      const disc = 4 * (((matrix[0][0] - matrix[1][1]) / 2) ** 2 + matrix[0][1] * matrix[1][0]);
      P.clear();
      P.gridImage(matrix, "c3");
      if (e.real) {
        for (const [i, l] of e.values.entries()) {
          const vs = K.eigvecs2(matrix, l);
          if (vs.length === 2) { say("A = λI: every vector is an eigenvector."); break; }
          P.fullLine([0, 0], vs[0], `${i ? "c2" : "c1"} span-line`);
        }
      }
      P.arrow([0, 0], K.col(matrix, 0), "c1", "a₁");
      P.arrow([0, 0], K.col(matrix, 1), "c2", "a₂");
      // the polynomial
      C.clear();
      const p = (l) => l * l - tr * l + d;
      const pts = [];
      for (let k = 0; k <= 200; k++) { const l = -5 + k / 20; pts.push([l, p(l)]); }
      C.path(pts, "c4");
      C.label([4.2, 0], "λ", "muted", 4, -6);
      C.label([-4.9, 5.6], `p(λ) = λ² − ${K.fmt(tr)}λ + ${K.fmt(d)}`.replace("− −", "+ ").replace("+ −", "− "), "c4", 0, 6);
      if (e.real) {
        for (const [i, l] of e.values.entries()) {
          C.dotAt([l, 0], i ? "c2" : "c1", 5);
          C.label([l, 0], `λ${i ? "₂" : "₁"} = ${K.fmt(l)}`, i ? "c2" : "c1", 6, i ? 18 : -10);
        }
      } else {
        C.line([e.re, 0], [e.re, p(e.re)], "bad dashed");
        C.dotAt([e.re, p(e.re)], "bad", 4);
        say(`No real roots: the eigenvalues are complex, ${K.fmtComplex(e.re, e.im)} and ${K.fmtComplex(e.re, -e.im)} — A rotates every direction.`, "warn");
      }
      if (e.real && Math.abs(e.values[0] - e.values[1]) === 0) say(`A repeated eigenvalue λ = ${K.fmt(e.values[0])}: the parabola touches the axis.`);
      return { eigenvalues: K.eigPairs(matrix), trace: tr, det: d, discriminant: disc, complex: !e.real };
    };
  },
});
