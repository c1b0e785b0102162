/**
 * Entry of the separate Vega bundle (`docsync/static/vega.js`, ~860 KiB): vega, vega-lite and
 * vega-embed. It is large, so the main bundle loads it with a <script> only when a page
 * shows a `Vega` pane (views/vega.js); it publishes `globalThis.docsyncVega = {embed}`.
 */

import embed from "vega-embed";

globalThis.docsyncVega = Object.freeze({ embed });
