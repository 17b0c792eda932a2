// Positive definite matrices: the level curves of the quadratic form xᵀAx.
import * as K from "./kit.js";

function classify(l1, l2, tol) {
  const pos = (l) => l > tol, neg = (l) => l < -tol;
  if (pos(l1) && pos(l2)) return "positive definite";
  if (neg(l1) && neg(l2)) return "negative definite";
  if ((pos(l1) && neg(l2)) || (neg(l1) && pos(l2))) return "indefinite";
  if (pos(l1) || pos(l2)) return "positive semidefinite";
  if (neg(l1) || neg(l2)) return "negative semidefinite";
  return "zero matrix (both semidefinite)";
}

export default K.widget({
  name: "positive-definite",
  title: "Positive definite matrices",
  keys: ["matrix", "x"],
  help: "Edit the symmetric A, drag the point x and watch q(x) = xᵀAx.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 3, unit: 66, label: "level curves of the quadratic form xᵀAx and a probe point x" });
    track(P.handle({ name: "x", label: "point x", cls: "c4", get: () => get("x"), set: (p) => set({ x: p }) }));
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, symmetric: true, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    K.presets(controls, [
      { label: "PD", state: { matrix: [[2, 1], [1, 2]] }, title: "a bowl: positive definite" },
      { label: "PSD (singular)", state: { matrix: [[1, 1], [1, 1]] }, title: "a trough: semidefinite, det = 0" },
      { label: "Indefinite", state: { matrix: [[1, 2], [2, 1]] }, title: "a saddle" },
      { label: "ND", state: { matrix: [[-2, 0.5], [0.5, -1]] }, title: "an upside-down bowl" },
      { label: "Diagonal", state: { matrix: [[4, 0], [0, 1]] } },
    ], set);
    outputs([
      { key: "eigenvalues", label: "λ₁, λ₂", kind: "vec" },
      { key: "kind", label: "A is", kind: "text" },
      { key: "minors", label: "leading minors", kind: "vec" },
      { key: "q", label: "q(x) = xᵀAx" },
      { key: "cholesky", label: "Cholesky L", kind: "mat", none: "fails (not PD)" },
    ]);
    return ({ matrix, x }) => {
      const S = [[matrix[0][0], (matrix[0][1] + matrix[1][0]) / 2], [(matrix[0][1] + matrix[1][0]) / 2, matrix[1][1]]];
      const { values: [l1, l2], vectors: [q1, q2] } = K.eigh2(S);
      const tol = 1e-12 * K.magnitude(S);
      const kind = classify(l1, l2, tol);
      const q = K.dot(x, K.matvec(S, x));
      const [[a, b], [, d]] = S;
      let L = null;
      if (l1 > tol && l2 > tol) {
        const l11 = Math.sqrt(a), l21 = b / l11;
        L = [[l11, 0], [l21, Math.sqrt(d - l21 * l21)]];
      }
      P.clear();
      // level sets q = c, drawn in the eigenbasis: λ₁s² + λ₂t² = c
      const levels = [-4, -2, -1, -0.5, 0.5, 1, 2, 4];
      for (const c of levels) {
        const cls = c > 0 ? "c1" : "c2";
        if (Math.abs(l1) > tol && Math.abs(l2) > tol && Math.sign(l1) === Math.sign(l2)) {
          if (Math.sign(c) !== Math.sign(l1)) continue;
          const pts = [];
          for (let k = 0; k <= 96; k++) {
            const t = (2 * Math.PI * k) / 96;
            const sa = Math.sqrt(c / l1) * Math.cos(t), sb = Math.sqrt(c / l2) * Math.sin(t);
            pts.push(K.add(K.scale(sa, q1), K.scale(sb, q2)));
          }
          P.path(pts, `level ${cls}`, true);
        } else {
          // hyperbolas or parallel lines: march along a parameter
          const branch = (sgn) => {
            const pts = [];
            for (let k = -60; k <= 60; k++) {
              const t = k / 10;
              let s1, s2;
              if (Math.abs(l2) <= tol && Math.abs(l1) > tol) {
                if (c / l1 <= 0) return; s1 = sgn * Math.sqrt(c / l1); s2 = t;
              } else if (Math.abs(l1) <= tol && Math.abs(l2) > tol) {
                if (c / l2 <= 0) return; s1 = t; s2 = sgn * Math.sqrt(c / l2);
              } else if (Math.abs(l1) > tol && Math.abs(l2) > tol) {
                // λ₁s² + λ₂t² = c with opposite signs
                if (c / l1 > 0) { s2 = t; const r = (c - l2 * t * t) / l1; if (r < 0) continue; s1 = sgn * Math.sqrt(r); }
                else { s1 = t; const r = (c - l1 * t * t) / l2; if (r < 0) continue; s2 = sgn * Math.sqrt(r); }
              } else return;
              pts.push(K.add(K.scale(s1, q1), K.scale(s2, q2)));
            }
            if (pts.length > 1) P.path(pts, `level ${cls}`);
          };
          branch(1); branch(-1);
        }
      }
      P.fullLine([0, 0], q1, "axis-line c1");
      P.fullLine([0, 0], q2, "axis-line c2");
      P.arrow([0, 0], x, "c4", `q = ${K.fmt(q)}`);
      if (kind === "indefinite") say("A saddle: xᵀAx is positive along one eigenvector and negative along the other.");
      else if (kind.includes("semidefinite")) say("Semidefinite: det = 0, so xᵀAx = 0 along a whole line. Cholesky fails; adding εI fixes it.", "warn");
      else if (kind.startsWith("zero")) say("The zero matrix: xᵀAx = 0 for every x.", "warn");
      if (matrix[0][1] !== matrix[1][0]) say("A is not symmetric: only its symmetric part (A + Aᵀ)/2 shapes xᵀAx.", "warn");
      return { eigenvalues: [l2, l1], kind, minors: [a, K.det2(S)], q, cholesky: L };
    };
  },
});
