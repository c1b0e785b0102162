/**
 * The modules of docsync.js that view bundles (src/chunks/) use: docsync.js publishes them
 * as `globalThis.docsyncShared`, keyed by their path under src/, and build.mjs makes the
 * view bundles read them from there instead of bundling a second copy.
 */

import * as patch from "./patch.js";
import * as base from "./views/base.js";
import * as bundle from "./views/bundle.js";
import * as button from "./views/button.js";
import * as checkbox from "./views/checkbox.js";
import * as checkbox_group from "./views/checkbox_group.js";
import * as group from "./views/group.js";
import * as list from "./views/list.js";
import * as select from "./views/select.js";
import * as slider from "./views/slider.js";
import * as text_input from "./views/text_input.js";

export const SHARED = Object.freeze({
  "patch.js": patch,
  "views/base.js": base,
  "views/bundle.js": bundle,
  "views/button.js": button,
  "views/checkbox.js": checkbox,
  "views/checkbox_group.js": checkbox_group,
  "views/group.js": group,
  "views/list.js": list,
  "views/select.js": select,
  "views/slider.js": slider,
  "views/text_input.js": text_input,
});
