// Trace: the sum of the diagonal equals the sum of the eigenvalues.
import * as K from "./kit.js";

export default K.widget({
  name: "trace",
  title: "Trace",
  keys: ["matrix"],
  help: "Drag the columns of A. The diagonal entries (thick) add up to the same number as the eigenvalues.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 50, label: "the columns of A with the diagonal entries a₁₁ and a₂₂ highlighted" });
    const N = K.plane(figure, { xmin: -8, xmax: 8, ymin: -1.6, ymax: 1.6, unit: 25, grid: false, label: "a number line: a₁₁ + a₂₂ and λ₁ + λ₂ end at the same point, the trace" });
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
      // number line
      N.clear();
      N.line([-8, 0], [8, 0], "muted");
      for (let k = -8; k <= 8; k += 2) { N.line([k, -0.12], [k, 0.12], "muted"); if (k) N.label([k, 0], K.fmt(k), "muted", -4, 14); }
      N.arrow([0, 0.6], [a, 0.6], "c1", null);
      N.arrow([a, 0.6], [tr, 0.6], "c2", null);
      N.label([-7.9, 0.6], "a₁₁ + a₂₂", "muted", 0, 4);
      if (pairs[0][1] === 0) {
        N.arrow([0, -0.6], [pairs[0][0], -0.6], "c4", null);
        N.arrow([pairs[0][0], -0.6], [tr, -0.6], "c3", null);
        N.label([-7.9, -0.6], "λ₁ + λ₂", "muted", 0, 4);
      } else {
        N.arrow([0, -0.6], [pairs[0][0], -0.6], "c4", null);
        N.arrow([pairs[0][0], -0.6], [tr, -0.6], "c3", null);
        N.label([-7.9, -0.6], "Re λ₁ + Re λ₂", "muted", 0, 4);
        say("The eigenvalues are complex conjugates: their imaginary parts cancel, so the trace is still their sum.");
      }
      N.line([tr, -1.2], [tr, 1.2], "bad dashed");
      N.label([tr, 1.2], `tr = ${K.fmt(tr)}`, "bad", 4, 12);
      return { trace: tr, eigenvalues: pairs, eig_sum: sum, det: K.det2(matrix) };
    };
  },
});
