// Inverse: drag the columns of A; A⁻¹ undoes A, and x = A⁻¹b solves Ax = b.
import * as K from "./kit.js";

export default K.widget({
  name: "inverse",
  title: "Matrix inverse",
  keys: ["matrix", "b"],
  help: "Drag the columns a₁, a₂ of A and the target b.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, label: "the grid transformed by A, its columns, a target b and the solution x" });
    const A = () => get("matrix");
    track(P.handle({ name: "a1", label: "column 1 of A", cls: "c1", get: () => K.col(A(), 0), set: (p) => set({ matrix: K.withCol(A(), 0, p) }) }));
    track(P.handle({ name: "a2", label: "column 2 of A", cls: "c2", get: () => K.col(A(), 1), set: (p) => set({ matrix: K.withCol(A(), 1, p) }) }));
    track(P.handle({ name: "b", label: "target b", cls: "c4", get: () => get("b"), set: (p) => set({ b: p }) }));
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, get: A, set: (M) => set({ matrix: M }) }));
    track(K.matrixInput(controls, { name: "b", rows: 2, cols: 1, get: () => get("b"), set: (b) => set({ b }) }));
    K.presets(controls, [
      { label: "Singular", state: { matrix: [[1, 2], [0.5, 1]] }, title: "dependent columns: no inverse" },
      { label: "Rotation", state: { matrix: [[0, -1], [1, 0]] }, title: "A⁻¹ = Aᵀ" },
      { label: "Shear", state: { matrix: [[1, 1], [0, 1]] } },
      { label: "Scale", state: { matrix: [[2, 0], [0, 0.5]] } },
      { label: "Nearly singular", state: { matrix: [[1, 1], [1, 1.1]] } },
      { label: "Zero", state: { matrix: [[0, 0], [0, 0]] } },
    ], set);
    outputs([
      { key: "det", label: "det A" },
      { key: "inverse", label: "A⁻¹", kind: "mat", none: "none" },
      { key: "x", label: "x = A⁻¹b", kind: "vec", none: "none" },
      { key: "invertible", label: "invertible", kind: "bool" },
    ]);
    return ({ matrix, b }) => {
      const d = K.det2(matrix);
      const Ai = K.inv2(matrix);
      const a1 = K.col(matrix, 0), a2 = K.col(matrix, 1);
      P.clear();
      P.gridImage(matrix, "c3");
      P.poly([[0, 0], a1, K.add(a1, a2), a2], Ai ? "c3" : "bad");
      P.arrow([0, 0], a1, "c1", "a₁");
      P.arrow([0, 0], a2, "c2", "a₂");
      P.arrow([0, 0], b, "c4", "b");
      let x = null;
      if (Ai) {
        x = K.matvec(Ai, b);
        const p1 = K.scale(x[0], a1);
        P.arrow([0, 0], p1, "c1 ghost");
        P.arrow(p1, b, "c2 ghost");
        P.label(b, `x = ${K.fmtVec(x)}`, "c4", 8, 16);
      } else {
        say("No inverse, det = 0: A flattens the plane onto a line (or a point), so it cannot be undone.", "warn");
      }
      return { det: d, inverse: Ai, x, invertible: Ai !== null };
    };
  },
});
