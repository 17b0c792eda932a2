import * as K from "./kit.js";
// STUB
export default { render({ model, el }) { el.append(K.h("p", {}, "todo")); } };
