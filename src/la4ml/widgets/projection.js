// Projection: p = (aᵀb / aᵀa) a, with the error e = b − p perpendicular to a.
import * as K from "./kit.js";

export default K.widget({
  name: "projection",
  title: "Projection onto a line",
  keys: ["a", "b"],
  help: "Drag a (the line) and b (the point); p is the closest point to b on the line.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, label: "the line through a, the vector b, its projection p and the error e" });
    track(P.handle({ name: "a", label: "tip of a", cls: "c1", get: () => get("a"), set: (p) => set({ a: p }) }));
    track(P.handle({ name: "b", label: "tip of b", cls: "c2", get: () => get("b"), set: (p) => set({ b: p }) }));
    track(K.matrixInput(controls, { name: "a", rows: 2, cols: 1, get: () => get("a"), set: (a) => set({ a }) }));
    track(K.matrixInput(controls, { name: "b", rows: 2, cols: 1, get: () => get("b"), set: (b) => set({ b }) }));
    K.presets(controls, [
      { label: "b on the line", state: { a: [2, 1], b: [4, 2] }, title: "e = 0" },
      { label: "b ⟂ a", state: { a: [2, 1], b: [-1, 2] }, title: "p = 0" },
      { label: "x-axis", state: { a: [1, 0], b: [3, 2] } },
      { label: "Zero a", state: { a: [0, 0], b: [1, 2] }, title: "no line to project on" },
    ], set);
    outputs([
      { key: "coef", label: "aᵀb / aᵀa", none: "undefined (a = 0)" },
      { key: "p", label: "p", kind: "vec", none: "undefined (a = 0)" },
      { key: "e", label: "e = b − p", kind: "vec", none: "undefined (a = 0)" },
      { key: "e_dot_a", label: "e·a", none: "undefined (a = 0)" },
      { key: "P", label: "P = aaᵀ/aᵀa", kind: "mat", none: "undefined (a = 0)" },
    ]);
    return ({ a, b }) => {
      const aa = K.dot(a, a);
      P.clear();
      if (aa === 0) {
        P.arrow([0, 0], b, "c2", "b");
        P.arrow([0, 0], a, "c1", "a");
        say("a is the zero vector: it spans no line, so there is nothing to project onto.", "warn");
        return { coef: null, p: null, e: null, e_dot_a: null, P: null };
      }
      const coef = K.dot(a, b) / aa;
      const p = K.scale(coef, a), e = K.sub(b, p);
      P.fullLine([0, 0], a, "c1 span-line");
      P.arrow([0, 0], b, "c2", "b");
      P.arrow([0, 0], a, "c1", "a");
      P.arrow([0, 0], p, "c3", "p");
      P.arrow(p, b, "c4 ghost", "e");
      if (K.norm(e) > 1e-9 && K.norm(p) > 1e-9) P.rightAngle(p, K.scale(-1, p), e, 0.3, "c4");
      const Pm = [[a[0] * a[0] / aa, a[0] * a[1] / aa], [a[1] * a[0] / aa, a[1] * a[1] / aa]];
      if (K.norm(e) <= 1e-12 * Math.max(1, K.norm(b))) say("b already lies on the line: p = b and e = 0.");
      return { coef, p, e, e_dot_a: K.dot(e, a), P: Pm };
    };
  },
});
