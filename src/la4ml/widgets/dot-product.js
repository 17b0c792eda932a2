// Dot Product: u·v = ‖u‖‖v‖cos θ, zero exactly at a right angle.
import * as K from "./kit.js";

export default K.widget({
  name: "dot-product",
  title: "Dot product",
  keys: ["u", "v"],
  help: "Turn v around u and watch u·v change sign at 90°.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, label: "u, v, the angle between them and the shadow of v on u" });
    track(P.handle({ name: "u", label: "tip of u", cls: "c1", get: () => get("u"), set: (p) => set({ u: p }) }));
    track(P.handle({ name: "v", label: "tip of v", cls: "c2", get: () => get("v"), set: (p) => set({ v: p }) }));
    track(K.matrixInput(controls, { name: "u", rows: 2, cols: 1, get: () => get("u"), set: (u) => set({ u }) }));
    track(K.matrixInput(controls, { name: "v", rows: 2, cols: 1, get: () => get("v"), set: (v) => set({ v }) }));
    K.presets(controls, [
      { label: "Orthogonal", state: { u: [3, 1], v: [-1, 3] }, title: "u·v = 0" },
      { label: "Parallel", state: { u: [2, 1], v: [4, 2] }, title: "cos θ = 1" },
      { label: "Opposite", state: { u: [2, 1], v: [-2, -1] }, title: "cos θ = −1" },
      { label: "Obtuse", state: { u: [3, 0], v: [-2, 2] } },
      { label: "Zero u", state: { u: [0, 0], v: [1, 2] }, title: "the angle is undefined" },
    ], set);
    outputs([
      { key: "dot", label: "u·v" },
      { key: "norm_u", label: "‖u‖" },
      { key: "norm_v", label: "‖v‖" },
      { key: "cos", label: "cos θ", none: "undefined (zero vector)" },
      { key: "angle_deg", label: "θ (degrees)", none: "undefined (zero vector)", digits: 1 },
      { key: "proj", label: "shadow of v on u", none: "undefined (zero vector)" },
    ]);
    return ({ u, v }) => {
      const d = K.dot(u, v), nu = K.norm(u), nv = K.norm(v);
      const zero = nu === 0 || nv === 0;
      const c = zero ? null : d / (nu * nv);
      const ang = zero ? null : (Math.acos(Math.min(1, Math.max(-1, c))) * 180) / Math.PI;
      const proj = nu === 0 ? null : d / nu;
      P.clear();
      if (nu > 0) {
        P.fullLine([0, 0], u, "c1 axis-line");
        const foot = K.scale(d / (nu * nu), u);
        P.line(v, foot, "muted dashed");
        P.arrow([0, 0], foot, `${d >= 0 ? "c3" : "bad"} thin`);
      }
      if (!zero) {
        const a0 = Math.atan2(u[1], u[0]);
        let a1 = Math.atan2(v[1], v[0]);
        let da = a1 - a0;
        while (da > Math.PI) da -= 2 * Math.PI;
        while (da < -Math.PI) da += 2 * Math.PI;
        if (Math.abs(Math.abs(da) - Math.PI / 2) < 1e-9) P.rightAngle([0, 0], u, v, 0.45, "c3");
        else {
          const r = 0.7, pts = [];
          for (let k = 0; k <= 24; k++) { const t = a0 + (da * k) / 24; pts.push([r * Math.cos(t), r * Math.sin(t)]); }
          P.path(pts, "c3");
        }
      }
      P.arrow([0, 0], u, "c1", "u");
      P.arrow([0, 0], v, "c2", "v");
      if (zero) say("A zero vector has no direction: the angle is undefined (u·v = 0 all the same).", "warn");
      else if (Math.abs(d) <= 1e-12 * Math.max(1, nu * nv)) say("u·v = 0: u and v are orthogonal (θ = 90°).");
      else say(d > 0 ? "u·v > 0: the angle is acute." : "u·v < 0: the angle is obtuse.");
      return { dot: d, norm_u: nu, norm_v: nv, cos: c, angle_deg: ang, proj };
    };
  },
});
