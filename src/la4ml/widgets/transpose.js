// Transpose: the rows of A are the columns of Aᵀ.
import * as K from "./kit.js";

export default K.widget({
  name: "transpose",
  title: "Transpose",
  keys: ["matrix"],
  help: "Drag the columns of A; the dashed arrows are its rows, the columns of Aᵀ.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 50, label: "the columns of A and the columns of its transpose, with both parallelograms" });
    K.columnHandles(P, track, get, set);
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    K.presets(controls, [
      { label: "Symmetric", state: { matrix: [[2, 1], [1, 3]] }, title: "Aᵀ = A" },
      { label: "Shear", state: { matrix: [[1, 1.5], [0, 1]] } },
      { label: "Rotation", state: { matrix: [[0.6, -0.8], [0.8, 0.6]] }, title: "Aᵀ = A⁻¹" },
      { label: "Rank 1", state: { matrix: [[1, 2], [0.5, 1]] } },
    ], set);
    outputs([
      { key: "transpose", label: "Aᵀ", kind: "mat" },
      { key: "symmetric", label: "symmetric (A = Aᵀ)", kind: "bool" },
      { key: "det", label: "det A" },
      { key: "det_T", label: "det Aᵀ" },
    ]);
    return ({ matrix }) => {
      const T = K.transpose(matrix);
      const sq = (M) => [[0, 0], K.col(M, 0), K.add(K.col(M, 0), K.col(M, 1)), K.col(M, 1)];
      P.clear();
      P.poly(sq(matrix), "c3");
      P.path(sq(T), "c4 dashed", true);
      P.arrow([0, 0], K.col(T, 0), "c4 ghost", "r₁");
      P.arrow([0, 0], K.col(T, 1), "c4 ghost", "r₂");
      P.arrow([0, 0], K.col(matrix, 0), "c1", "a₁");
      P.arrow([0, 0], K.col(matrix, 1), "c2", "a₂");
      const sym = matrix[0][1] === matrix[1][0];
      if (sym) say("A is symmetric: its rows and columns coincide, Aᵀ = A.");
      else say("The two parallelograms differ in shape but have the same area: det Aᵀ = det A.");
      return { transpose: T, symmetric: sym, det: K.det2(matrix), det_T: K.det2(T) };
    };
  },
});
