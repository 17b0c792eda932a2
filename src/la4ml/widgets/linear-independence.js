// Linear Independence: add vectors until one is a combination of the others.
import * as K from "./kit.js";

const MAX = 3;
const EXTRA = [[-1, 1.5], [1.5, -1], [0.5, 0.5]];

/** A unit c ≠ 0 with Σ cᵢ vᵢ = 0, or null when the vectors are independent. */
function relation(V, rank) {
  const k = V.length;
  if (rank === k) return null;
  const unit = (c) => { const n = K.norm(c); return c.map((x) => x / n); };
  const tol = 1e-12 * K.magnitude(V);
  const nz = V.findIndex((v) => !K.isZero(v, tol));
  if (nz < 0) return unit(V.map((_, i) => (i === 0 ? 1 : 0)));          // all zero: 1·v₁ = 0
  if (k === 3 && rank === 2) {
    const xs = V.map((v) => v[0]), ys = V.map((v) => v[1]);
    return unit(K.cross(xs, ys));                                        // null vector of the 2x3 [v₁ v₂ v₃]
  }
  // rank 1: every vector is a multiple t·v_nz of the first nonzero one; pair it with another
  const j = nz === 0 ? 1 : 0;
  if (j >= k) return unit([1]);                                          // k = 1: v₁ = 0 handled above
  const t = K.dot(V[j], V[nz]) / K.dot(V[nz], V[nz]);
  const c = V.map(() => 0);
  c[nz] = t; c[j] = -1;
  return unit(c);
}

export default K.widget({
  name: "linear-independence",
  title: "Linear independence",
  keys: ["vectors"],
  help: "Drag the vectors, add or remove one. Dependent means some cᵢ, not all zero, give Σ cᵢvᵢ = 0.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 4, unit: 50, label: "the vectors and the space they span" });
    const cls = ["c1", "c2", "c4"];
    for (let i = 0; i < MAX; i++) {
      track(P.handle({
        name: `v${i + 1}`, label: `tip of v${i + 1}`, cls: cls[i],
        get: () => get("vectors")[i] || null,
        set: (p) => { const V = get("vectors"); V[i] = p; set({ vectors: V }); },
      }));
    }
    for (let i = 0; i < MAX; i++) {
      track(K.matrixInput(controls, {
        name: `v${"₁₂₃"[i]}`, rows: 2, cols: 1,
        get: () => get("vectors")[i],
        set: (p) => { const V = get("vectors"); V[i] = p; set({ vectors: V }); },
      }));
    }
    const addB = K.button(controls, "Add a vector", () => {
      const V = get("vectors");
      if (V.length < MAX) set({ vectors: [...V, EXTRA[V.length % EXTRA.length]] });
    });
    const delB = K.button(controls, "Remove the last", () => {
      const V = get("vectors");
      if (V.length > 1) set({ vectors: V.slice(0, -1) });
    });
    track({ refresh() { const k = get("vectors").length; addB.disabled = k >= MAX; delB.disabled = k <= 1; } });
    K.presets(controls, [
      { label: "Independent pair", state: { vectors: [[2, 1], [1, 2]] } },
      { label: "Collinear pair", state: { vectors: [[2, 1], [-1, -0.5]] } },
      { label: "Three in the plane", state: { vectors: [[2, 0], [0, 1], [1, 1]] }, title: "always dependent in ℝ²" },
      { label: "With a zero vector", state: { vectors: [[0, 0], [1, 2]] } },
      { label: "One vector", state: { vectors: [[1, 1]] } },
    ], set);
    outputs([
      { key: "rank", label: "rank [v₁ … vₖ]" },
      { key: "independent", label: "independent", kind: "bool" },
      { key: "gram_det", label: "det of the Gram matrix VVᵀ" },
      { key: "relation", label: "c with Σ cᵢvᵢ = 0", kind: "vec", none: "only c = 0" },
    ]);
    return ({ vectors: V }) => {
      const k = V.length;
      const G = V.map((a) => V.map((b) => K.dot(a, b)));
      const gdet = k === 1 ? G[0][0] : k === 2 ? K.det2(G)
        : G[0][0] * (G[1][1] * G[2][2] - G[1][2] * G[2][1]) - G[0][1] * (G[1][0] * G[2][2] - G[1][2] * G[2][0]) + G[0][2] * (G[1][0] * G[2][1] - G[1][1] * G[2][0]);
      // rank from the singular values of the 2 x k matrix [v₁ … vₖ]
      const M2 = [V.map((v) => v[0]), V.map((v) => v[1])];
      const s = k === 1 ? [K.norm(V[0]), 0] : K.svals2x3(M2.map((row) => [...row, 0, 0].slice(0, 3)));
      const tol = 1e-9 * Math.max(1, s[0]);
      const rank = s.filter((x) => x > tol).length;
      const c = relation(V, rank);
      P.clear();
      const [x0, x1, y0, y1] = P.bounds;
      if (rank === 2) P.poly([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], "c3 plane-fill");
      else if (rank === 1) P.fullLine([0, 0], V.find((v) => K.norm(v) > tol), "c3 span-line");
      V.forEach((v, i) => P.arrow([0, 0], v, cls[i], `v${"₁₂₃"[i]}`));
      if (rank === k) say(k === 2 ? "Independent: neither vector is a multiple of the other; they form a basis of ℝ²." : "Independent.");
      else if (k === 3 && rank === 2) say("Three vectors in ℝ² are always dependent: the third is a combination of the other two.", "warn");
      else if (V.some((v) => K.isZero(v))) say("A set containing the zero vector is always dependent.", "warn");
      else say("Dependent: the vectors lie on one line (the Gram determinant is 0).", "warn");
      return { rank, independent: rank === k, gram_det: gdet, relation: c };
    };
  },
});
