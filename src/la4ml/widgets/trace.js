// Trace: the sum of the diagonal equals the sum of the eigenvalues.
import * as K from "./kit.js";

export default K.widget({
  name: "trace",
  title: "Trace",
  keys: ["matrix"],
  help: "Drag the columns of A. The diagonal entries (thick) add up to the same number as the eigenvalues.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 50, label: "the columns of A with the diagonal entries a₁₁ and a₂₂ highlighted" });
    const N = K.plane(figure, { xmin: -8, xmax: 8, ymin: -2, ymax: 2, unit: 25, grid: false, label: "a number line: a₁₁ + a₂₂ and λ₁ + λ₂ end at the same point, the trace" });
    K.columnHandles(P, track, get, set);
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    K.presets(controls, [
      { label: "Triangular", state: { matrix: [[2, 1], [0, 3]] }, title: "the eigenvalues are the diagonal" },
      { label: "Rotation", state: { matrix: [[0, -1], [1, 0]] }, title: "trace 0, eigenvalues ±i" },
      { label: "Traceless", state: { matrix: [[1, 2], [3, -1]] } },
      { label: "Projection", state: { matrix: [[0.5, 0.5], [0.5, 0.5]] }, title: "trace = rank = 1" },
    ], set);
    outputs([
      { key: "trace", label: "tr A = a₁₁ + a₂₂" },
      { key: "eigenvalues", label: "λ₁, λ₂", kind: "eigs" },
      { key: "eig_sum", label: "λ₁ + λ₂", kind: "complex" },
      { key: "det", label: "det A = λ₁λ₂" },
    ]);
    return ({ matrix }) => {
      const a = matrix[0][0], d = matrix[1][1], tr = a + d;
      const pairs = K.eigPairs(matrix);
      const sum = [pairs[0][0] + pairs[1][0], pairs[0][1] + pairs[1][1]];
      P.clear();
      P.gridImage(matrix, "c3");
      P.line([0, 0], [a, 0], "c1", { "stroke-width": 6, "stroke-opacity": 0.5 });
      P.line([0, 0], [0, d], "c2", { "stroke-width": 6, "stroke-opacity": 0.5 });
      P.line(K.col(matrix, 0), [a, 0], "c1 dashed");
      P.line(K.col(matrix, 1), [0, d], "c2 dashed");
      P.arrow([0, 0], K.col(matrix, 0), "c1", "a₁");
      P.arrow([0, 0], K.col(matrix, 1), "c2", "a₂");
      // number line: the diagonal entries laid end to end (top), the eigenvalues (bottom)
      N.clear();
      N.line([-8, 0], [8, 0], "muted");
      for (let k = -6; k <= 6; k += 2) { N.line([k, -0.12], [k, 0.12], "muted"); N.text([k, -0.45], K.fmt(k), "caption"); }
      N.arrow([0, 1.1], [a, 1.1], "c1", null);
      N.arrow([a, 1.1], [tr, 1.1], "c2", null);
      N.text([-6.3, 1.1], "a₁₁ + a₂₂", "caption");
      N.arrow([0, -1.1], [pairs[0][0], -1.1], "c4", null);
      N.arrow([pairs[0][0], -1.1], [tr, -1.1], "c3", null);
      N.text([-6.3, -1.1], pairs[0][1] === 0 ? "λ₁ + λ₂" : "Re λ₁ + Re λ₂", "caption");
      if (pairs[0][1] !== 0) say("The eigenvalues are complex conjugates: their imaginary parts cancel, so the trace is still their sum.");
      N.line([tr, -1.6], [tr, 1.6], "bad dashed");
      N.text([tr, 1.75], `tr = ${K.fmt(tr)}`, "lbl bad");
      return { trace: tr, eigenvalues: pairs, eig_sum: sum, det: K.det2(matrix) };
    };
  },
});
