// Vector Subtraction: u − v points from the tip of v to the tip of u.
import * as K from "./kit.js";

export default K.widget({
  name: "vector-subtraction",
  title: "Vector subtraction",
  keys: ["u", "v"],
  help: "Drag the tips of u and v; u − v runs from v's tip to u's tip.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, label: "u, v, and u − v drawn from the tip of v to the tip of u and from the origin" });
    track(P.handle({ name: "u", label: "tip of u", cls: "c1", get: () => get("u"), set: (p) => set({ u: p }) }));
    track(P.handle({ name: "v", label: "tip of v", cls: "c2", get: () => get("v"), set: (p) => set({ v: p }) }));
    track(K.matrixInput(controls, { name: "u", rows: 2, cols: 1, get: () => get("u"), set: (u) => set({ u }) }));
    track(K.matrixInput(controls, { name: "v", rows: 2, cols: 1, get: () => get("v"), set: (v) => set({ v }) }));
    K.presets(controls, [
      { label: "Equal", state: { u: [2, 1], v: [2, 1] }, title: "u = v: the difference is the zero vector" },
      { label: "Opposite", state: { u: [2, 1], v: [-2, -1] } },
      { label: "Zero v", state: { u: [3, 2], v: [0, 0] } },
      { label: "Same length", state: { u: [3, 0], v: [0, 3] } },
    ], set);
    outputs([
      { key: "diff", label: "u − v", kind: "vec" },
      { key: "distance", label: "distance ‖u − v‖" },
    ]);
    return ({ u, v }) => {
      const d = K.sub(u, v);
      P.clear();
      P.arrow([0, 0], d, "c3 ghost", "u − v (from 0)");
      P.arrow([0, 0], u, "c1", "u");
      P.arrow([0, 0], v, "c2", "v");
      P.arrow(v, u, "c3");
      P.label(K.scale(0.5, K.add(u, v)), `‖u − v‖ = ${K.fmt(K.norm(d))}`, "c3", 8, 16);
      if (K.isZero(d)) say("u = v, so u − v is the zero vector: the distance is zero.");
      return { diff: d, distance: K.norm(d) };
    };
  },
});
