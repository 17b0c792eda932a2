// L2 Norm: Pythagoras in a vector.
import * as K from "./kit.js";

export default K.widget({
  name: "l2-norm",
  title: "L2 norm",
  keys: ["v"],
  help: "Drag v: its length is the hypotenuse √(x² + y²).",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, label: "the vector v, its right triangle, the circle through its tip and the unit vector" });
    track(P.handle({ name: "v", label: "tip of v", cls: "c1", get: () => get("v"), set: (p) => set({ v: p }) }));
    track(K.matrixInput(controls, { name: "v", rows: 2, cols: 1, get: () => get("v"), set: (v) => set({ v }) }));
    K.presets(controls, [
      { label: "3-4-5", state: { v: [3, 4] } },
      { label: "Unit", state: { v: [0.6, -0.8] } },
      { label: "On an axis", state: { v: [-4, 0] } },
      { label: "Zero", state: { v: [0, 0] }, title: "no direction" },
    ], set);
    outputs([
      { key: "l2", label: "‖v‖₂" },
      { key: "squared", label: "‖v‖₂² = x² + y²" },
      { key: "unit", label: "v / ‖v‖₂", kind: "vec", none: "undefined (v = 0)" },
    ]);
    return ({ v }) => {
      const n = K.norm(v);
      const unit = n === 0 ? null : K.scale(1 / n, v);
      P.clear();
      P.circle([0, 0], 1, "muted");
      if (n > 0) P.circle([0, 0], n, "c1 filled");
      P.line([0, 0], [v[0], 0], "c2", { "stroke-width": 2.5 });
      P.line([v[0], 0], v, "c3", { "stroke-width": 2.5 });
      if (v[0] !== 0 && v[1] !== 0) P.rightAngle([v[0], 0], [-v[0], 0], [0, v[1]], 0.3, "muted");
      P.arrow([0, 0], v, "c1", `‖v‖ = ${K.fmt(n)}`);
      if (unit) P.arrow([0, 0], unit, "c4");
      if (n === 0) say("The zero vector has length 0 and no direction: v/‖v‖ is undefined.", "warn");
      return { l2: n, squared: K.dot(v, v), unit };
    };
  },
});
