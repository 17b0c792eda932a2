// Determinant: the signed area of the parallelogram spanned by the columns.
import * as K from "./kit.js";

export default K.widget({
  name: "determinant",
  title: "Determinant",
  keys: ["matrix"],
  help: "Drag the columns of A; the unit square becomes the parallelogram, of area |det A|.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 50, label: "the unit square and its image, the parallelogram spanned by the columns of A" });
    K.columnHandles(P, track, get, set);
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    K.presets(controls, [
      { label: "Singular", state: { matrix: [[2, 1], [1, 0.5]] }, title: "det = 0" },
      { label: "Reflection", state: { matrix: [[0, 1], [1, 0]] }, title: "det = −1: orientation flips" },
      { label: "Shear", state: { matrix: [[1, 1.5], [0, 1]] }, title: "det = 1: area kept" },
      { label: "Scale", state: { matrix: [[2, 0], [0, 1.5]] } },
      { label: "Zero column", state: { matrix: [[0, 1], [0, 2]] } },
    ], set);
    outputs([
      { key: "det", label: "det A = ad − bc" },
      { key: "area", label: "area |det A|" },
      { key: "orientation", label: "orientation", kind: "text" },
    ]);
    return ({ matrix }) => {
      const d = K.det2(matrix);
      const a1 = K.col(matrix, 0), a2 = K.col(matrix, 1);
      const singular = Math.abs(d) <= 1e-9 * K.magnitude(matrix) ** 2;
      const orientation = singular ? "collapsed" : d > 0 ? "preserved" : "flipped";
      P.clear();
      P.path([[0, 0], [1, 0], [1, 1], [0, 1]], "muted dashed", true);
      P.poly([[0, 0], a1, K.add(a1, a2), a2], singular ? "bad" : d > 0 ? "c3" : "c2");
      P.label(K.scale(0.5, K.add(a1, a2)), `det = ${K.fmt(d)}`, singular ? "bad" : "c3", -20, 4);
      P.arrow([0, 0], a1, "c1", "a₁");
      P.arrow([0, 0], a2, "c2", "a₂");
      if (singular) say("det = 0: the columns are dependent, the parallelogram is flat, and A has no inverse.", "warn");
      else if (d < 0) say("det < 0: going from a₁ to a₂ turns clockwise — A flips the plane over.");
      return { det: d, area: Math.abs(d), orientation };
    };
  },
});
