// SVD: the unit circle maps to an ellipse; A vᵢ = σᵢ uᵢ.
import * as K from "./kit.js";

export default K.widget({
  name: "svd",
  title: "Singular value decomposition",
  keys: ["matrix"],
  help: "Drag the columns of A. The right singular vectors v on the circle land on the ellipse's axes σu.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 50, label: "the unit circle with v₁, v₂ and its image ellipse with σ₁u₁, σ₂u₂" });
    K.columnHandles(P, track, get, set);
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    K.presets(controls, [
      { label: "General", state: { matrix: [[3, 1], [-1, 2]] } },
      { label: "Rank 1", state: { matrix: [[1, 2], [2, 4]] }, title: "σ₂ = 0" },
      { label: "Rotation", state: { matrix: [[0.6, -0.8], [0.8, 0.6]] }, title: "σ₁ = σ₂ = 1" },
      { label: "Shear", state: { matrix: [[1, 1.5], [0, 1]] } },
      { label: "Ill-conditioned", state: { matrix: [[1, 1], [1, 1.1]] } },
      { label: "Zero", state: { matrix: [[0, 0], [0, 0]] } },
    ], set);
    outputs([
      { key: "singular_values", label: "σ₁, σ₂", kind: "vec" },
      { key: "U", label: "U = [u₁ u₂]", kind: "mat" },
      { key: "V", label: "V = [v₁ v₂]", kind: "mat" },
      { key: "rank", label: "rank" },
      { key: "condition", label: "σ₁/σ₂ (condition)", none: "∞ (singular)" },
    ]);
    return ({ matrix }) => {
      const { s, U, V } = K.svd2(matrix);
      const tol = 1e-9 * Math.max(1, s[0]);
      const rank = s.filter((x) => x > tol).length;
      const asMat = (cols) => [[cols[0][0], cols[1][0]], [cols[0][1], cols[1][1]]];
      P.clear();
      P.circle([0, 0], 1, "muted");
      const ell = [];
      for (let k = 0; k <= 120; k++) { const a = (k * Math.PI) / 60; ell.push(K.matvec(matrix, [Math.cos(a), Math.sin(a)])); }
      P.path(ell, "c3", true);
      P.arrow([0, 0], V[0], "c4 thin", "v₁");
      P.arrow([0, 0], V[1], "c4 thin ghost", "v₂");
      P.arrow([0, 0], K.scale(s[0], U[0]), "c3", "σ₁u₁");
      if (s[1] > tol) P.arrow([0, 0], K.scale(s[1], U[1]), "c3", "σ₂u₂");
      P.arrow([0, 0], K.col(matrix, 0), "c1 thin");
      P.arrow([0, 0], K.col(matrix, 1), "c2 thin");
      if (rank === 1) say("rank 1: σ₂ = 0, the circle is flattened onto a segment; u₂ and v₂ are any unit vectors completing the bases.", "warn");
      else if (rank === 0) say("The zero matrix: every σ is 0 (rank 0); any U and V work.", "warn");
      return { singular_values: s, U: asMat(U), V: asMat(V), rank, condition: rank === 2 ? s[0] / s[1] : null };
    };
  },
});
