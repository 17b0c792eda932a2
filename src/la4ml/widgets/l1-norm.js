// L1 Norm: the taxicab length and the diamond of vectors sharing it.
import * as K from "./kit.js";

export default K.widget({
  name: "l1-norm",
  title: "L1 norm",
  keys: ["v"],
  help: "Drag v: walk along the grid, |x| + |y| blocks.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, label: "the vector v, its taxicab path and the L1 ball through its tip" });
    track(P.handle({ name: "v", label: "tip of v", cls: "c1", get: () => get("v"), set: (p) => set({ v: p }) }));
    track(K.matrixInput(controls, { name: "v", rows: 2, cols: 1, get: () => get("v"), set: (v) => set({ v }) }));
    K.presets(controls, [
      { label: "On an axis", state: { v: [3, 0] }, title: "L1 = L2 on the axes" },
      { label: "Diagonal", state: { v: [2, 2] }, title: "the biggest gap between L1 and L2" },
      { label: "Unit", state: { v: [0.5, -0.5] } },
      { label: "Zero", state: { v: [0, 0] } },
    ], set);
    outputs([
      { key: "l1", label: "‖v‖₁ = |x| + |y|" },
      { key: "abs", label: "(|x|, |y|)", kind: "vec" },
    ]);
    return ({ v }) => {
      const r = Math.abs(v[0]) + Math.abs(v[1]);
      P.clear();
      if (r > 0) P.poly([[r, 0], [0, r], [-r, 0], [0, -r]], "c1");
      P.poly([[1, 0], [0, 1], [-1, 0], [0, -1]], "muted");
      P.line([0, 0], [v[0], 0], "c2", { "stroke-width": 3 });
      P.line([v[0], 0], v, "c3", { "stroke-width": 3 });
      P.arrow([0, 0], v, "c1", `‖v‖₁ = ${K.fmt(r)}`);
      if (r === 0) say("The zero vector: the only vector with ‖v‖₁ = 0.");
      return { l1: r, abs: [Math.abs(v[0]), Math.abs(v[1])] };
    };
  },
});
