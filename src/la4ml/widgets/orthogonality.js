// Orthogonality: perpendicular unit columns make QᵀQ = I.
import * as K from "./kit.js";

export default K.widget({
  name: "orthogonality",
  title: "Orthogonality",
  keys: ["u", "v"],
  help: "Make u and v perpendicular, then unit length: Q = [u v] becomes orthogonal.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 3, unit: 66, label: "the columns u and v of Q and the unit circle" });
    track(P.handle({ name: "u", label: "tip of u", cls: "c1", get: () => get("u"), set: (p) => set({ u: p }) }));
    track(P.handle({ name: "v", label: "tip of v", cls: "c2", get: () => get("v"), set: (p) => set({ v: p }) }));
    track(K.matrixInput(controls, { name: "u", rows: 2, cols: 1, get: () => get("u"), set: (u) => set({ u }) }));
    track(K.matrixInput(controls, { name: "v", rows: 2, cols: 1, get: () => get("v"), set: (v) => set({ v }) }));
    const c45 = Math.SQRT1_2;
    K.presets(controls, [
      { label: "Orthonormal (rotation)", state: { u: [c45, c45], v: [-c45, c45] } },
      { label: "Orthogonal, not unit", state: { u: [2, 1], v: [-1, 2] } },
      { label: "Not orthogonal", state: { u: [2, 0], v: [1, 1] } },
      { label: "Reflection", state: { u: [1, 0], v: [0, -1] } },
    ], set);
    K.button(controls, "Make v ⟂ u (Gram–Schmidt)", () => {
      const u = get("u"), v = get("v"), uu = K.dot(u, u);
      if (uu === 0) return;
      set({ v: K.sub(v, K.scale(K.dot(u, v) / uu, u)) });
    });
    K.button(controls, "Normalize both", () => {
      const u = get("u"), v = get("v");
      const nz = (w) => (K.norm(w) ? K.scale(1 / K.norm(w), w) : w);
      set({ u: nz(u), v: nz(v) });
    });
    outputs([
      { key: "dot", label: "u·v" },
      { key: "angle_deg", label: "θ (degrees)", none: "undefined", digits: 1 },
      { key: "gram", label: "QᵀQ", kind: "mat" },
      { key: "orthogonal", label: "orthogonal columns", kind: "bool" },
      { key: "orthonormal", label: "Q orthogonal (QᵀQ = I)", kind: "bool" },
    ]);
    return ({ u, v }) => {
      const d = K.dot(u, v), nu = K.norm(u), nv = K.norm(v);
      const orth = Math.abs(d) <= 1e-9 * Math.max(1, nu * nv);
      const orthonormal = orth && Math.abs(nu - 1) < 1e-9 && Math.abs(nv - 1) < 1e-9;
      const ang = nu && nv ? (Math.acos(Math.min(1, Math.max(-1, d / (nu * nv)))) * 180) / Math.PI : null;
      P.clear();
      P.circle([0, 0], 1, "muted");
      if (orth && nu && nv) P.rightAngle([0, 0], u, v, 0.25, "c3");
      P.arrow([0, 0], u, "c1", "u");
      P.arrow([0, 0], v, "c2", "v");
      if (!nu || !nv) say("A zero column: Q cannot be orthogonal, and the angle is undefined.", "warn");
      else if (orthonormal) say("Orthonormal columns: Qᵀ = Q⁻¹, lengths and angles are preserved.");
      else if (orth) say("Orthogonal but not unit length: QᵀQ is diagonal, not I.");
      return { dot: d, angle_deg: ang, gram: [[K.dot(u, u), d], [d, K.dot(v, v)]], orthogonal: orth, orthonormal };
    };
  },
});
