// QR Decomposition: Gram–Schmidt on the columns of A gives A = QR.
import * as K from "./kit.js";

export default K.widget({
  name: "qr-decomposition",
  title: "QR decomposition (Gram–Schmidt)",
  keys: ["matrix"],
  help: "Drag the columns a₁, a₂: q₁ is a₁ made unit length; q₂ is what is left of a₂ after removing its part along q₁.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 50, label: "the columns a₁, a₂, the projection of a₂ on q₁, the residual and the orthonormal q₁, q₂" });
    K.columnHandles(P, track, get, set);
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    K.presets(controls, [
      { label: "General", state: { matrix: [[3, 1], [1, 2]] } },
      { label: "Nearly dependent", state: { matrix: [[2, 2], [1, 1.1]] }, title: "a small R₂₂: trouble for classical Gram–Schmidt" },
      { label: "Dependent", state: { matrix: [[2, 1], [1, 0.5]] }, title: "R₂₂ = 0" },
      { label: "Already orthogonal", state: { matrix: [[2, -1], [1, 2]] } },
      { label: "Zero a₁", state: { matrix: [[0, 1], [0, 2]] } },
    ], set);
    outputs([
      { key: "Q", label: "Q = [q₁ q₂]", kind: "mat" },
      { key: "R", label: "R", kind: "mat" },
      { key: "orthogonality_error", label: "‖QᵀQ − I‖", digits: 2 },
    ]);
    return ({ matrix }) => {
      const a1 = K.col(matrix, 0), a2 = K.col(matrix, 1);
      const tol = 1e-12 * K.magnitude(matrix);
      const r11 = K.norm(a1);
      let q1;
      if (r11 > tol) q1 = K.scale(1 / r11, a1);
      else { q1 = [1, 0]; say("a₁ = 0 (a zero column): q₁ can be any unit vector — we take e₁ — and R₁₁ = 0.", "warn"); }
      const r12 = K.dot(q1, a2);
      const res = K.sub(a2, K.scale(r12, q1));
      let r22 = K.norm(res), q2;
      if (r22 > tol) q2 = K.scale(1 / r22, res);
      else {
        r22 = 0;
        q2 = [-q1[1], q1[0]];
        if (r11 > tol) say("The columns are dependent: nothing of a₂ is left after removing its q₁ part, so R₂₂ = 0 and q₂ is any unit vector ⟂ q₁.", "warn");
      }
      const Q = [[q1[0], q2[0]], [q1[1], q2[1]]];
      const R = [[r11, r12], [0, r22]];
      const QtQ = K.matmul(K.transpose(Q), Q);
      const err = Math.hypot(QtQ[0][0] - 1, QtQ[0][1], QtQ[1][0], QtQ[1][1] - 1);
      P.clear();
      P.circle([0, 0], 1, "muted");
      const p = K.scale(r12, q1);
      P.fullLine([0, 0], q1, "c1 axis-line");
      P.line(a2, p, "muted dashed");
      P.arrow([0, 0], p, "c2 ghost", "(q₁·a₂)q₁");
      P.arrow(p, a2, "c4 ghost");
      P.arrow([0, 0], a1, "c1", "a₁");
      P.arrow([0, 0], a2, "c2", "a₂");
      P.arrow([0, 0], q1, "c3", "q₁");
      P.arrow([0, 0], q2, "c3", "q₂");
      return { Q, R, orthogonality_error: err };
    };
  },
});
