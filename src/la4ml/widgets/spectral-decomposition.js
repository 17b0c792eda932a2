// Spectral Decomposition: a symmetric A = QΛQᵀ stretches along perpendicular axes.
import * as K from "./kit.js";

export default K.widget({
  name: "spectral-decomposition",
  title: "Spectral decomposition",
  keys: ["matrix"],
  help: "Drag the columns of the symmetric A (they stay mirror images); the circle becomes an ellipse along the eigenvectors.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 50, label: "the unit circle, its image under A and the eigenvectors scaled by their eigenvalues" });
    K.columnHandles(P, track, get, set, { symmetric: true });
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, symmetric: true, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    K.presets(controls, [
      { label: "Tilted ellipse", state: { matrix: [[3, 1], [1, 2]] } },
      { label: "Diagonal", state: { matrix: [[3, 0], [0, 1]] }, title: "Q = I" },
      { label: "Indefinite", state: { matrix: [[1, 2], [2, 1]] }, title: "a negative eigenvalue flips one axis" },
      { label: "Rank 1", state: { matrix: [[1, 1], [1, 1]] }, title: "λ = 0: the ellipse is a segment" },
      { label: "Multiple of I", state: { matrix: [[2, 0], [0, 2]] }, title: "a circle: any Q works" },
    ], set);
    outputs([
      { key: "eigenvalues", label: "λ (ascending)", kind: "vec" },
      { key: "Q", label: "Q = [q₁ q₂]", kind: "mat" },
      { key: "reconstruction", label: "QΛQᵀ", kind: "mat" },
      { key: "term1", label: "λ₁q₁q₁ᵀ", kind: "mat" },
      { key: "term2", label: "λ₂q₂q₂ᵀ", kind: "mat" },
    ]);
    return ({ matrix }) => {
      const s = (matrix[0][1] + matrix[1][0]) / 2;
      const S = [[matrix[0][0], s], [s, matrix[1][1]]];
      const { values: [lmax, lmin], vectors: [qmax, qmin] } = K.eigh2(S);
      const lam = [lmin, lmax], Qc = [qmin, qmax];   // ascending, like numpy.linalg.eigh
      const Q = [[Qc[0][0], Qc[1][0]], [Qc[0][1], Qc[1][1]]];
      const outer = (l, q) => [[l * q[0] * q[0], l * q[0] * q[1]], [l * q[1] * q[0], l * q[1] * q[1]]];
      const t1 = outer(lam[0], Qc[0]), t2 = outer(lam[1], Qc[1]);
      const R = t1.map((row, i) => row.map((x, j) => x + t2[i][j]));
      P.clear();
      P.circle([0, 0], 1, "muted");
      const ell = [];
      for (let k = 0; k <= 120; k++) { const a = (k * Math.PI) / 60; ell.push(K.matvec(S, [Math.cos(a), Math.sin(a)])); }
      P.path(ell, "c3", true);
      for (const [i, cls] of [[0, "c4"], [1, "c3"]]) {
        P.fullLine([0, 0], Qc[i], `${cls} axis-line`);
        P.arrow([0, 0], Qc[i], `${cls} ghost`);
        P.arrow([0, 0], K.scale(lam[i], Qc[i]), cls, `λ${i ? "₂" : "₁"}q${i ? "₂" : "₁"}`);
      }
      P.arrow([0, 0], K.col(S, 0), "c1 thin");
      P.arrow([0, 0], K.col(S, 1), "c2 thin");
      if (matrix[0][1] !== matrix[1][0]) say("A was not symmetric; shown for its symmetric part (A + Aᵀ)/2.", "warn");
      if (lmax === lmin) say("A repeated eigenvalue: A = λI, every orthonormal Q works.");
      else if (Math.abs(lmin) <= 1e-12 * K.magnitude(S) || Math.abs(lmax) <= 1e-12 * K.magnitude(S)) say("An eigenvalue is 0: A squashes the circle onto a segment (rank 1).");
      return { eigenvalues: lam, Q, reconstruction: R, term1: t1, term2: t2 };
    };
  },
});
