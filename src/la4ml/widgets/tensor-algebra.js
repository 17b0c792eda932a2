// Tensor Algebra: NumPy/PyTorch broadcasting, shape by shape.
import * as K from "./kit.js";

const MAXD = 3, MAXN = 4;

/** NumPy's rule: align shapes on the right; each pair of sizes must match or contain a 1. */
function broadcast(sa, sb) {
  const n = Math.max(sa.length, sb.length);
  const pa = [...Array(n - sa.length).fill(1), ...sa], pb = [...Array(n - sb.length).fill(1), ...sb];
  const out = [];
  for (let i = 0; i < n; i++) {
    if (pa[i] === pb[i] || pb[i] === 1) out.push(pa[i]);
    else if (pa[i] === 1) out.push(pb[i]);
    else {
      return {
        error: `cannot broadcast: axis ${i - n} has size ${pa[i]} in a and ${pb[i]} in b, and neither is 1 `
          + `(NumPy: operands could not be broadcast together with shapes (${sa.join(",")}${sa.length === 1 ? "," : ""}) (${sb.join(",")}${sb.length === 1 ? "," : ""}))`,
        pa, pb,
      };
    }
  }
  return { shape: out, pa, pb };
}

const prod = (s) => s.reduce((a, b) => a * b, 1);
/** Entry of arange(prod(shape)).reshape(shape) at a (padded, broadcast) index. */
function entry(shape, padded, idx) {
  const off = idx.length - shape.length;
  let flat = 0;
  for (let i = 0; i < shape.length; i++) {
    const j = padded[off + i] === 1 ? 0 : idx[off + i];
    flat = flat * shape[i] + j;
  }
  return flat;
}

function* indices(shape) {
  const idx = shape.map(() => 0);
  const n = prod(shape);
  for (let f = 0; f < n; f++) {
    yield idx.slice();
    for (let i = shape.length - 1; i >= 0; i--) { idx[i] += 1; if (idx[i] < shape[i]) break; idx[i] = 0; }
  }
}

export default K.widget({
  name: "tensor-algebra",
  title: "Tensor broadcasting",
  keys: ["a_shape", "b_shape"],
  help: "Set the shapes of a = arange(...) and b = 10·arange(...); see which pairs broadcast and what a + b looks like.",
  build({ figure, controls, get, set, track, outputs, say }) {
    const P = K.plane(figure, { xmin: 0, xmax: 14, ymin: 1.8, ymax: 17.1, unit: 26, grid: false, label: "the tensors a, b and a + b drawn as grids of cells; stretched copies are dashed" });
    const editor = (key, name) => {
      const box = K.h("div", { class: "la4ml-w-field" }, K.h("span", { class: "la4ml-w-name" }, `${name}.shape =`));
      const dims = K.h("div", { class: "la4ml-w-matrix", role: "group", "aria-label": `shape of ${name}` });
      const add = K.h("button", { type: "button", class: "la4ml-w-button", "aria-label": `add an axis to ${name}` }, "+ axis");
      const del = K.h("button", { type: "button", class: "la4ml-w-button", "aria-label": `remove the first axis of ${name}` }, "− axis");
      add.addEventListener("click", () => { const s = get(key); if (s.length < MAXD) set({ [key]: [1, ...s] }); });
      del.addEventListener("click", () => { const s = get(key); if (s.length > 1) set({ [key]: s.slice(1) }); });
      box.append(dims, add, del);
      controls.append(box);
      let inputs = [];
      return {
        refresh() {
          const s = get(key);
          if (inputs.length !== s.length) {
            dims.replaceChildren();
            dims.style.setProperty("--cols", s.length);
            inputs = s.map((_, i) => {
              const inp = K.h("input", { type: "number", min: 1, max: MAXN, step: 1, class: "la4ml-w-num", "aria-label": `${name} axis ${i} size`, "data-entry": `${i}` });
              inp.addEventListener("input", () => {
                const x = parseInt(inp.value, 10);
                if (!Number.isFinite(x) || x < 1 || x > MAXN) return;
                const t = get(key); t[i] = x; set({ [key]: t });
              });
              dims.append(inp);
              return inp;
            });
          }
          s.forEach((x, i) => { if (parseInt(inputs[i].value, 10) !== x) inputs[i].value = String(x); });
          add.disabled = s.length >= MAXD;
          del.disabled = s.length <= 1;
        },
      };
    };
    track(editor("a_shape", "a"));
    track(editor("b_shape", "b"));
    K.presets(controls, [
      { label: "(3,1) + (1,4)", state: { a_shape: [3, 1], b_shape: [1, 4] }, title: "an outer sum" },
      { label: "(2,3) + (3,)", state: { a_shape: [2, 3], b_shape: [3] }, title: "a row added to every row" },
      { label: "(3,) + (4,)", state: { a_shape: [3], b_shape: [4] }, title: "incompatible" },
      { label: "(2,1,4) + (3,1)", state: { a_shape: [2, 1, 4], b_shape: [3, 1] } },
      { label: "(2,3) + (2,1)", state: { a_shape: [2, 3], b_shape: [2, 1] }, title: "a column added to every column" },
    ], set);
    outputs([
      { key: "result_shape", label: "(a + b).shape", kind: "shape", none: "error" },
      { key: "numel", label: "numel", none: "—" },
      { key: "total", label: "(a + b).sum()", none: "—" },
      { key: "error", label: "error", kind: "text", none: "none" },
    ]);
    // draw one tensor (padded to nd axes) with its top-left cell at (x, top); copies along broadcast
    // axes are dashed. a and b sit side by side, a + b below them: each gets half the width.
    const C = 1.25, TOP = 15, BOTTOM = 7.2;
    const drawT = (x, top, shape, padded, label, valueAt, stretched) => {
      const nd = padded.length;
      const rows = nd >= 2 ? padded[nd - 2] : 1, cols = padded[nd - 1];
      const slices = nd === 3 ? padded[0] : 1;
      for (let s = slices - 1; s >= 0; s--) {
        const ox = x + s * 0.5, oy = top + s * 0.5;
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) {
            const idx = nd === 3 ? [s, i, j] : nd === 2 ? [i, j] : [j];
            const isCopy = stretched(idx);
            const x0 = ox + j * C, y0 = oy - (i + 1) * C;
            P.poly([[x0, y0], [x0 + C, y0], [x0 + C, y0 + C], [x0, y0 + C]], isCopy ? "cell stretched" : "cell", {});
            if (s === 0) P.text([x0 + C / 2, y0 + C / 2], String(valueAt(idx)), "cell-text");
          }
        }
      }
      P.text([x + 2.2, top + (slices - 1) * 0.5 + 0.5], label, "caption");
    };
    return ({ a_shape: sa, b_shape: sb }) => {
      const r = broadcast(sa, sb);
      P.clear();
      if (r.error) {
        say("These shapes do not broadcast: see the error.", "warn");
        const pa = sa, pb = sb;
        drawT(0.3, TOP, sa, pa, `a ${K.fmtVec(sa).replace(/\)$/, sa.length === 1 ? ",)" : ")")}`, (idx) => entry(sa, pa, idx), () => false);
        drawT(7.3, TOP, sb, pb, `b ${K.fmtVec(sb).replace(/\)$/, sb.length === 1 ? ",)" : ")")}`, (idx) => 10 * entry(sb, pb, idx), () => false);
        P.text([5.2, 5], "✗ no a + b", "lbl bad");
        return { result_shape: null, error: r.error, numel: null, total: null };
      }
      const out = r.shape;
      let total = 0;
      for (const idx of indices(out)) total += entry(sa, r.pa, idx) + 10 * entry(sb, r.pb, idx);
      const nd = out.length;
      const stretchedIn = (pad) => (idx) => idx.some((v, i) => pad[nd - idx.length + i] === 1 && out[nd - idx.length + i] > 1 && v > 0);
      // show a and b already stretched to the result's shape: original cells solid, copies dashed
      drawT(0.3, TOP, sa, out, "a", (idx) => entry(sa, r.pa, idx), stretchedIn(r.pa));
      drawT(7.3, TOP, sb, out, "b", (idx) => 10 * entry(sb, r.pb, idx), stretchedIn(r.pb));
      drawT(3.8, BOTTOM, out, out, "a + b", (idx) => entry(sa, r.pa, idx) + 10 * entry(sb, r.pb, idx), () => false);
      say(`Missing leading axes count as size 1, and size-1 axes stretch (the dashed copies): a + b has shape (${out.join(", ")}${nd === 1 ? "," : ""}).`);
      return { result_shape: out, error: null, numel: prod(out), total };
    };
  },
});
