// Cross Product: u × v is perpendicular to u and v, as long as their parallelogram's area.
import * as K from "./kit.js";

export default K.widget({
  name: "cross-product",
  title: "Cross product (3D)",
  keys: ["u", "v"],
  help: "Drag u and v in their horizontal planes; arrow keys move x and y, Page Up/Down moves z. Turn the view with the slider.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { extent: 5, grid: false, label: "u, v and u × v in 3D, with the parallelogram they span" });
    let az = (-35 * Math.PI) / 180;
    const el = (22 * Math.PI) / 180;
    const proj = (p) => {
      const xr = p[0] * Math.cos(az) - p[1] * Math.sin(az);
      const yr = p[0] * Math.sin(az) + p[1] * Math.cos(az);
      return [xr, p[2] * Math.cos(el) + yr * Math.sin(el)];
    };
    // screen point → (x, y) on the horizontal plane at height z
    const unproj = (s, z) => {
      const xr = s[0], yr = (s[1] - z * Math.cos(el)) / Math.sin(el);
      return [xr * Math.cos(az) + yr * Math.sin(az), -xr * Math.sin(az) + yr * Math.cos(az)];
    };
    const lim = (x) => Math.max(-9, Math.min(9, x));
    const mk = (key, cls) => track(P.handle({
      name: key, label: `tip of ${key} (3D)`, cls, step: 0.001,
      get: () => proj(get(key)),
      set: (s) => {
        const p = get(key);
        const [x, y] = unproj(s, p[2]);
        set({ [key]: [K.snap(lim(x)), K.snap(lim(y)), p[2]] });
      },
      keys: (e) => {
        const p = get(key), d = e.shiftKey ? 1 : 0.1;
        const m = { ArrowLeft: [0, -d], ArrowRight: [0, d], ArrowUp: [1, d], ArrowDown: [1, -d], PageUp: [2, d], PageDown: [2, -d] }[e.key];
        if (!m) return false;
        p[m[0]] = K.snap(p[m[0]] + m[1]);
        set({ [key]: p });
        return true;
      },
    }));
    const hs = [mk("u", "c1"), mk("v", "c2")];
    track(K.matrixInput(controls, { name: "u", rows: 3, cols: 1, get: () => get("u"), set: (u) => set({ u }) }));
    track(K.matrixInput(controls, { name: "v", rows: 3, cols: 1, get: () => get("v"), set: (v) => set({ v }) }));
    let redraw = () => {};
    const view = K.slider(controls, {
      label: "view", min: -180, max: 180, step: 5,
      get: () => Math.round((az * 180) / Math.PI),
      set: (deg) => { az = (deg * Math.PI) / 180; redraw(); },
      format: (x) => `${x}°`,
    });
    track(view);
    K.presets(controls, [
      { label: "x̂ × ŷ = ẑ", state: { u: [1, 0, 0], v: [0, 1, 0] } },
      { label: "Swap: v × u", state: null, title: "anticommutative: u × v = −(v × u)" },
      { label: "Parallel", state: { u: [1, 1, 0], v: [2, 2, 0] }, title: "u × v = 0" },
      { label: "Tilted", state: { u: [2, 0, 1], v: [0, 2, 1] } },
    ], (st) => (st ? set(st) : set({ u: get("v"), v: get("u") })));
    outputs([
      { key: "cross", label: "u × v", kind: "vec" },
      { key: "area", label: "‖u × v‖ (area)" },
      { key: "dot_u", label: "u·(u × v)" },
      { key: "dot_v", label: "v·(u × v)" },
    ]);
    const compute = ({ u, v }) => {
      const c = K.cross(u, v);
      P.clear();
      const O = [0, 0];
      for (const [axis, name] of [[[4, 0, 0], "x"], [[0, 4, 0], "y"], [[0, 0, 4], "z"]]) {
        P.line(proj(K.scale(-1, axis)), proj(axis), "muted dashed");
        P.label(proj(axis), name, "muted", 4, -4);
      }
      P.poly([O, proj(u), proj(K.add(u, v)), proj(v)], "c3");
      // drop lines from the tips to the floor, to read their height
      for (const [w, cls] of [[u, "c1"], [v, "c2"], [c, "c3"]]) P.line(proj(w), proj([w[0], w[1], 0]), `${cls} dashed`);
      P.arrow(O, proj(u), "c1", "u");
      P.arrow(O, proj(v), "c2", "v");
      P.arrow(O, proj(c), "c4", "u × v");
      if (K.isZero(c, 1e-12)) say("u × v = 0: u and v are parallel (or one is zero), so they span no area.", "warn");
      return { cross: c, area: K.norm(c), dot_u: K.dot(u, c), dot_v: K.dot(v, c) };
    };
    let last = null;
    redraw = () => {
      if (!last) return;
      compute(last);
      for (const hd of hs) hd.place();
      view.refresh();
    };
    return (st) => { last = st; return compute(st); };
  },
});
