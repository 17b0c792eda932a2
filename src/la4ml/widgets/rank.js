// Rank: how many independent columns a 2x3 matrix has, and the tolerance that decides it.
import * as K from "./kit.js";

export default K.widget({
  name: "rank",
  title: "Rank (of a 2 × 3 matrix)",
  keys: ["matrix", "tol"],
  help: "Drag the three columns; the rank counts the singular values above the tolerance.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 50, label: "the three columns of A and the space they span" });
    const B = K.plane(figure, { xmin: 0, xmax: 16, ymin: -5.6, ymax: 1.2, unit: 25, grid: false, label: "the singular values on a log scale, with the tolerance line" });
    const LY = 2.5; // one unit of height per 2.5 decades
    const names = ["a₁", "a₂", "a₃"], cls = ["c1", "c2", "c4"];
    for (let j = 0; j < 3; j++) {
      track(P.handle({
        name: `col${j + 1}`, label: `column ${j + 1} of A`, cls: cls[j],
        get: () => K.col(get("matrix"), j),
        set: (p) => set({ matrix: get("matrix").map((row, i) => row.map((x, k) => (k === j ? p[i] : x))) }),
      }));
    }
    track(K.matrixInput(controls, { name: "A", rows: 2, cols: 3, get: () => get("matrix"), set: (M) => set({ matrix: M }) }));
    track(K.slider(controls, {
      label: "log₁₀ tol", min: -12, max: 0, step: 1,
      get: () => Math.round(Math.log10(get("tol"))), set: (k) => set({ tol: 10 ** k }),
      format: (k) => `tol = 1e${k}`,
    }));
    K.presets(controls, [
      { label: "Rank 2", state: { matrix: [[1, 2, 1], [0, 1, 2]], tol: 1e-10 } },
      { label: "Rank 1", state: { matrix: [[1, 2, -1], [0.5, 1, -0.5]], tol: 1e-10 }, title: "all columns on one line" },
      { label: "Nearly rank 1", state: { matrix: [[1, 2, 3], [1, 2, 3.01]], tol: 1e-10 }, title: "numerically rank 2, effectively rank 1" },
      { label: "…with tol 1e-2", state: { matrix: [[1, 2, 3], [1, 2, 3.01]], tol: 0.01 } },
      { label: "Zero", state: { matrix: [[0, 0, 0], [0, 0, 0]], tol: 1e-10 }, title: "rank 0" },
    ], set);
    outputs([
      { key: "singular_values", label: "σ₁, σ₂", kind: "vec", digits: 4 },
      { key: "rank", label: "rank (σ > tol)" },
      { key: "nullity", label: "nullity = 3 − rank" },
    ]);
    return ({ matrix, tol }) => {
      const s = K.svals2x3(matrix);
      const r = s.filter((x) => x > tol).length;
      const cols = [0, 1, 2].map((j) => K.col(matrix, j));
      P.clear();
      const [x0, x1, y0, y1] = P.bounds;
      if (r === 2) P.poly([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], "c3 plane-fill");
      else if (r === 1) {
        // the dominant direction: the left singular vector of the largest σ
        const [p, q, t] = [K.dot(matrix[0], matrix[0]), K.dot(matrix[0], matrix[1]), K.dot(matrix[1], matrix[1])];
        const { vectors: [u1] } = K.eigh2([[p, q], [q, t]]);
        P.fullLine([0, 0], u1, "c3 span-line");
      } else P.dotAt([0, 0], "c3", 6);
      cols.forEach((c, j) => P.arrow([0, 0], c, cls[j], names[j]));
      // bars: log10 σ, compressed vertically
      B.clear();
      const lg = (x) => Math.max(-13, Math.log10(Math.max(x, 1e-300))) / LY;
      for (let k = 0; k >= -12; k -= 3) { B.line([2.2, k / LY], [15.8, k / LY], "muted dashed"); B.text([1.1, k / LY], `1e${k}`, "caption"); }
      s.forEach((x, i) => {
        const x0 = 4 + 6 * i, top = lg(x);
        B.poly([[x0, -13 / LY], [x0 + 3, -13 / LY], [x0 + 3, top], [x0, top]], x > tol ? "c3" : "bad");
        B.text([x0 + 1.5, Math.min(top + 0.45, 0.9)], `σ${i ? "₂" : "₁"} = ${x === 0 ? "0" : x.toPrecision(3)}`, `lbl ${x > tol ? "c3" : "bad"}`);
      });
      B.line([2.2, lg(tol)], [16, lg(tol)], "bad");
      B.text([14.8, lg(tol) + 0.3], "tol", "lbl bad");
      if (r < 2 && s[1] > 0 && s[1] <= tol && s[1] > 1e-12 * Math.max(1, s[0])) say(`σ₂ = ${s[1].toPrecision(3)} is below the tolerance: numerically rank 2, effectively rank ${r}.`);
      if (r === 1) say("The columns all lie on one line: rank 1, a 2-dimensional null space.");
      if (r === 0) say("The zero matrix: rank 0, every vector of ℝ³ is in the null space.", "warn");
      return { singular_values: s, rank: r, nullity: 3 - r };
    };
  },
});
