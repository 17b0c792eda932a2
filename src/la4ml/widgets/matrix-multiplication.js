// Matrix Multiplication: AB is "first B, then A"; BA is usually different.
import * as K from "./kit.js";

export default K.widget({
  name: "matrix-multiplication",
  title: "Matrix multiplication",
  keys: ["A", "B"],
  help: "Drag the columns of A and B. The green square is the unit square after B, then A.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, label: "the unit square transformed by B and then by A, with the columns of A, B and AB" });
    let showBA = false;
    K.columnHandles(P, track, get, set, { key: "B", of: "B" }).forEach((hd) => hd.el.classList.replace("c1", "c2"));
    const ha = K.columnHandles(P, track, get, set, { key: "A", of: "A" });
    ha.forEach((hd) => { hd.el.classList.remove("c2"); hd.el.classList.add("c1"); });
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 2, get: () => get("A"), set: (A) => set({ A }) }));
    track(K.matrixInput(controls, { name: "B", rows: 2, cols: 2, get: () => get("B"), set: (B) => set({ B }) }));
    let redraw = () => {};
    const toggle = K.button(controls, "Show BA too", () => {
      showBA = !showBA;
      toggle.setAttribute("aria-pressed", String(showBA));
      redraw();
    }, { "aria-pressed": "false" });
    K.presets(controls, [
      { label: "Shear · rotation", state: { A: [[1, 1], [0, 1]], B: [[0, -1], [1, 0]] } },
      { label: "Rotation · shear", state: { A: [[0, -1], [1, 0]], B: [[1, 1], [0, 1]] } },
      { label: "Diagonals commute", state: { A: [[2, 0], [0, 0.5]], B: [[1.5, 0], [0, 3]] } },
      { label: "Singular B", state: { A: [[1, 1], [0, 1]], B: [[1, 2], [0.5, 1]] }, title: "det AB = det A · det B = 0" },
      { label: "A = I", state: { A: [[1, 0], [0, 1]], B: [[2, 1], [1, 1]] } },
    ], set);
    outputs([
      { key: "AB", label: "AB", kind: "mat" },
      { key: "BA", label: "BA", kind: "mat" },
      { key: "commute", label: "AB = BA", kind: "bool" },
      { key: "det_AB", label: "det AB" },
    ]);
    let last = null;
    const compute = ({ A, B }) => {
      const AB = K.matmul(A, B), BA = K.matmul(B, A);
      const sq = (M) => [[0, 0], K.col(M, 0), K.add(K.col(M, 0), K.col(M, 1)), K.col(M, 1)];
      P.clear();
      P.poly(sq([[1, 0], [0, 1]]), "muted");
      P.poly(sq(B), "c2");
      P.poly(sq(AB), "c3");
      if (showBA) {
        P.path(sq(BA), "c4 dashed", true);
        P.label(K.add(K.col(BA, 0), K.col(BA, 1)), "BA", "c4");
      }
      P.arrow([0, 0], K.col(B, 0), "c2 thin", "b₁");
      P.arrow([0, 0], K.col(B, 1), "c2 thin", "b₂");
      P.arrow([0, 0], K.col(A, 0), "c1 thin", "a₁");
      P.arrow([0, 0], K.col(A, 1), "c1 thin", "a₂");
      P.arrow([0, 0], K.col(AB, 0), "c3", "Ab₁");
      P.arrow([0, 0], K.col(AB, 1), "c3", "Ab₂");
      const commute = AB.every((row, i) => row.every((x, j) => Math.abs(x - BA[i][j]) <= 1e-9));
      say(commute ? "Here AB = BA: these two matrices commute." : "AB ≠ BA: the order of the maps matters.");
      if (Math.abs(K.det2(AB)) <= 1e-12 * K.magnitude(AB) ** 2) say("det AB = det A · det B = 0: the product flattens the plane.", "warn");
      return { AB, BA, commute, det_AB: K.det2(AB) };
    };
    redraw = () => { if (last) compute(last); };
    return (st) => { last = st; return compute(st); };
  },
});
