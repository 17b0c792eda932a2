// Vector Addition: drag u and v; u + v is the diagonal of their parallelogram.
import * as K from "./kit.js";

export default K.widget({
  name: "vector-addition",
  title: "Vector addition",
  keys: ["u", "v"],
  help: "Drag the tips of u and v, or type their entries.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, label: "u, v and u + v drawn tip to tail" });
    track(P.handle({ name: "u", label: "tip of u", cls: "c1", get: () => get("u"), set: (p) => set({ u: p }) }));
    track(P.handle({ name: "v", label: "tip of v", cls: "c2", get: () => get("v"), set: (p) => set({ v: p }) }));
    track(K.matrixInput(controls, { name: "u", rows: 2, cols: 1, get: () => get("u"), set: (u) => set({ u }) }));
    track(K.matrixInput(controls, { name: "v", rows: 2, cols: 1, get: () => get("v"), set: (v) => set({ v }) }));
    K.presets(controls, [
      { label: "Opposite", state: { u: [2, 1], v: [-2, -1] }, title: "v = −u: the sum is the zero vector" },
      { label: "Parallel", state: { u: [1, 1], v: [2, 2] } },
      { label: "Orthogonal", state: { u: [3, 0], v: [0, 2] } },
      { label: "Zero v", state: { u: [2, 1], v: [0, 0] } },
    ], set);
    outputs([
      { key: "sum", label: "u + v", kind: "vec" },
      { key: "norm_u", label: "‖u‖" },
      { key: "norm_v", label: "‖v‖" },
      { key: "norm_sum", label: "‖u + v‖" },
    ]);
    return ({ u, v }) => {
      const w = K.add(u, v);
      P.clear();
      P.poly([[0, 0], u, w, v], "c3");
      P.arrow(u, w, "c2 ghost");
      P.arrow(v, w, "c1 ghost");
      P.arrow([0, 0], u, "c1", "u");
      P.arrow([0, 0], v, "c2", "v");
      P.arrow([0, 0], w, "c3", "u + v");
      if (K.isZero(w)) say("u + v is the zero vector: v = −u.");
      else if (K.isZero(u) || K.isZero(v)) say("Adding the zero vector changes nothing.");
      return { sum: w, norm_u: K.norm(u), norm_v: K.norm(v), norm_sum: K.norm(w) };
    };
  },
});
