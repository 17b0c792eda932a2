// la4ml widget mount script for the static site.
//
// Finds every <div class="la4ml-widget" data-widget="NAME" data-state='{...}'>
// the `{widget}` directive wrote, loads ./NAME.js next to this file and calls its
// render({model, el}) with a small in-page model that honours anywidget's
// contract (get / set / save_changes / on / off / send), so the same module
// runs here and in Jupyter.

const base = new URL(".", import.meta.url);

class LocalModel {
  constructor(state) {
    this._state = { ...state };
    this._handlers = new Map();
  }
  get(key) { return this._state[key]; }
  set(key, value) {
    const old = this._state[key];
    if (JSON.stringify(old) === JSON.stringify(value)) return;
    this._state[key] = value;
    this._emit(`change:${key}`, value);
    this._emit("change", value);
  }
  save_changes() { /* nothing to sync to: the page is the only host */ }
  on(event, fn) {
    if (!this._handlers.has(event)) this._handlers.set(event, new Set());
    this._handlers.get(event).add(fn);
  }
  off(event, fn) {
    if (!event) { this._handlers.clear(); return; }
    if (!fn) { this._handlers.delete(event); return; }
    this._handlers.get(event)?.delete(fn);
  }
  send() { /* custom messages have no Python side in the site */ }
  _emit(event, value) {
    for (const fn of [...(this._handlers.get(event) || [])]) fn(this, value);
  }
}

async function mount(el) {
  if (el.dataset.mounted) return;
  el.dataset.mounted = "pending";
  const name = el.dataset.widget;
  try {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad widget name ${name}`);
    const state = JSON.parse(el.dataset.state || "{}");
    const mod = await import(new URL(`${name}.js`, base).href);
    const host = document.createElement("div");
    host.className = "la4ml-widget-host";
    el.querySelector(".la4ml-widget-fallback")?.remove();
    el.prepend(host);
    const model = new LocalModel(state);
    el.la4mlModel = model; // handy in the console: el.la4mlModel.get("matrix")
    await mod.default.render({ model, el: host });
    el.dataset.mounted = "ready";
  } catch (err) {
    el.dataset.mounted = "error";
    const msg = document.createElement("p");
    msg.className = "la4ml-widget-error";
    msg.textContent = `This interactive figure (${name}) could not start: ${err.message}`;
    el.append(msg);
    throw err;
  }
}

function mountAll(root = document) {
  return Promise.all([...root.querySelectorAll(".la4ml-widget[data-widget]")].map(mount));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => mountAll());
else mountAll();

export { LocalModel, mountAll };
