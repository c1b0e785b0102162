/**
 * Entry point of the browser bundle: read the bootstrap object the page embeds
 * (PROTOCOL.md §2), find or create `#docsync-root`, and start the client.
 */

import { startApp } from "./app.js";
import { SHARED } from "./shared.js";

// For the view bundles fetched later (views/lazy.js, build.mjs).
globalThis.docsyncShared = SHARED;

function main() {
  const script = document.getElementById("docsync-bootstrap");
  if (!script) {
    console.error("docsync: no #docsync-bootstrap script on this page");
    return;
  }
  const bootstrap = JSON.parse(script.textContent);
  let root = document.getElementById("docsync-root");
  if (!root) {
    root = document.createElement("div");
    root.id = "docsync-root";
    document.body.append(root);
  }
  startApp(bootstrap, root);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
