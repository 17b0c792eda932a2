// Subspaces: the four fundamental subspaces of a 2x2 matrix, from its SVD.
import * as K from "./kit.js";

export default K.widget({
  name: "subspaces",
  title: "The four fundamental subspaces",
  keys: ["matrix"],
  help: "Drag the columns of A (right). Left: the input plane, split into row space and null space. Right: the output plane, column space and left null space.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const D = K.plane(figure, { extent: 4, unit: 40, label: "input plane: the row space of A and its null space, perpendicular" });
    const C = K.plane(figure, { extent: 4, unit: 40, label: "output plane: the column space of A and its left null space, perpendicular, with the columns of A" });
    K.columnHandles(C, track, get, set);
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    K.presets(controls, [
      { label: "Rank 1", state: { matrix: [[1, 2], [2, 4]] } },
      { label: "Rank 1 (non-symmetric)", state: { matrix: [[1, 1], [2, 2]] } },
      { label: "Full rank", state: { matrix: [[2, 1], [1, 3]] } },
      { label: "Zero", state: { matrix: [[0, 0], [0, 0]] }, title: "rank 0: everything is null space" },
    ], set);
    outputs([
      { key: "rank", label: "rank r" },
      { key: "col_space", label: "column space C(A) (dim r)", kind: "vecs", none: "{0}" },
      { key: "left_null_space", label: "left null space N(Aᵀ) (dim 2 − r)", kind: "vecs", none: "{0}" },
      { key: "row_space", label: "row space C(Aᵀ) (dim r)", kind: "vecs", none: "{0}" },
      { key: "null_space", label: "null space N(A) (dim 2 − r)", kind: "vecs", none: "{0}" },
    ]);
    return ({ matrix }) => {
      const { s, U, V } = K.svd2(matrix);
      const tol = 1e-9 * Math.max(1, s[0]);
      const r = s.filter((x) => x > tol).length;
      const colS = U.slice(0, r), leftN = U.slice(r), rowS = V.slice(0, r), nullS = V.slice(r);
      const [x0, x1, y0, y1] = D.bounds;
      const full = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
      const show = (P, basis, cls, name) => {
        if (basis.length === 2) P.poly(full, `${cls} plane-fill`);
        else if (basis.length === 1) { P.fullLine([0, 0], basis[0], `${cls} span-line`); P.label(K.scale(3, basis[0]), name, cls, 6, -6); }
      };
      D.clear();
      show(D, rowS, "c1", "row space");
      show(D, nullS, "c2", "null space");
      D.arrow([0, 0], matrix[0], "c1 thin", "row 1");
      D.arrow([0, 0], matrix[1], "c1 thin", "row 2");
      if (r === 1) D.rightAngle([0, 0], rowS[0], nullS[0], 0.3, "muted");
      C.clear();
      show(C, colS, "c3", "column space");
      show(C, leftN, "c4", "left null space");
      if (r === 1) C.rightAngle([0, 0], colS[0], leftN[0], 0.3, "muted");
      C.arrow([0, 0], K.col(matrix, 0), "c1", "a₁");
      C.arrow([0, 0], K.col(matrix, 1), "c2", "a₂");
      if (r === 2) say("Rank 2: the column space and the row space are the whole plane; both null spaces are {0}.");
      else if (r === 1) say("Rank 1: every subspace is a line, and each null space is perpendicular to its partner: N(A) ⟂ row space, N(Aᵀ) ⟂ column space.");
      else say("Rank 0, the zero matrix: the column and row spaces are {0}; both null spaces are the whole plane.", "warn");
      return { rank: r, col_space: colS, null_space: nullS, row_space: rowS, left_null_space: leftN };
    };
  },
});
