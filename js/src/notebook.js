/**
 * Entry point of the notebook bundle: the ES module anywidget loads as a docsync widget's
 * `_esm` (docsync/notebook/view.py). Each rendered view of the widget runs the page's own
 * client (`startApp` in app.js: protocol, patch, document store, views, banner) inside the
 * output, over the comm transport (comm_transport.js) instead of a WebSocket.
 *
 * Each view is its own session: the first uses the widget's `token` (as a page uses the one
 * it embeds, PROTOCOL.md §2). When that session cannot be had (it is live in another view:
 * 4409; it expired while no view showed it: 4404), the view asks the kernel for a fresh
 * token and starts a client of its own, as a browser tab reloads for a fresh page. When the
 * kernel itself is gone (restarted), the view says so and takes no more input.
 *
 * A notebook has no server URL for the Vega bundle (docsync/static/vega.js), and the bundle
 * is too big for every widget's state: the first Vega pane of the page asks its kernel for
 * the text over the comm and runs it from a Blob URL (views/vega.js loads it once per page).
 */

import { startApp } from "./app.js";
import { CommLink } from "./comm_transport.js";
import { scopedCss } from "./notebook_css.js";
import { PROTOCOL_VERSION } from "./protocol.js";
import { h } from "./views/base.js";
import { VIEWS as CHAT } from "./chunks/chat.js";
import { VIEWS as EDITOR } from "./chunks/editor.js";
import { VIEWS as LAYOUT } from "./chunks/layout.js";
import { VIEWS as MEDIA } from "./chunks/media.js";
import { VIEWS as PAGE } from "./chunks/page.js";
import { VIEWS as PLOT } from "./chunks/plot.js";
import { VIEWS as TABLE } from "./chunks/table.js";
import { VIEWS as WIDGETS } from "./chunks/widgets.js";
import mainCss from "../../docsync/static/docsync.css";
import chatCss from "./chunks/chat.css";
import editorCss from "./chunks/editor.css";
import mediaCss from "./chunks/media.css";
import pageChunkCss from "./chunks/page.css";
import widgetsCss from "./chunks/widgets.css";

/** The output (banner, views, toasts) and the element its views render into. */
const SCOPE = { scope: ".docsync-notebook-output", root: ".docsync-notebook" };
/** Every view bundle's views, built in: an output has no URL to fetch them from, and each
 * would be one more round trip to the kernel. */
const VIEWS = Object.freeze({ ...CHAT, ...EDITOR, ...LAYOUT, ...MEDIA, ...PAGE, ...PLOT, ...TABLE, ...WIDGETS });
/** docsync.css, then the view bundles' styles, as a page that has fetched them all has. */
const pageCss = [mainCss, pageChunkCss, chatCss, widgetsCss, mediaCss, editorCss].join("\n");
/** Without a session by then, the view shows the widget's static snapshot (no kernel). */
const SNAPSHOT_AFTER_MS = 1500;
/** Fresh sessions a view may start in a row before it gives up and says so. */
const MAX_FRESH_SESSIONS = 3;

/** A promise of a Blob URL of the static bundle `name`, its text sent by the kernel. */
function assetUrl(link, name) {
  return link.requestAsset(name).then((text) => URL.createObjectURL(new Blob([text], { type: "text/javascript" })));
}

/** docsync.css scoped to notebook outputs, added once per document. */
function addStylesheet(doc) {
  if (doc.querySelector("style[data-docsync-notebook]")) return;
  const parsed = new CSSStyleSheet();
  parsed.replaceSync(pageCss);
  const style = doc.createElement("style");
  style.dataset.docsyncNotebook = "";
  style.textContent = `${scopedCss(parsed.cssRules, SCOPE)}\n${SCOPE.root}{padding:4px 0;background:transparent}`;
  doc.head.append(style);
}

/** One rendered view of a docsync widget. */
class NotebookOutput {
  constructor(model, el) {
    this.model = model;
    this.link = new CommLink(model);
    this.container = h("div", { className: "docsync-notebook-output" });
    // JupyterLab's shortcuts would take the keys our controls need (arrows on a slider):
    // Lumino skips its key bindings for an event whose target carries this attribute.
    this.container.addEventListener("focusin", (event) => event.target.setAttribute?.("data-lm-suppress-shortcuts", "true"));
    el.append(this.container);
    this.client = null;
    this.root = null;
    this.freshSessions = 0;
    this.stopped = false;
  }

  /** Connect with the widget's token. */
  start() {
    addStylesheet(this.container.ownerDocument);
    this._client(this.model.get("token"));
    // A notebook opened without its kernel, or an HTML export, renders the widget from its
    // saved state: no comm answers. Show what the output looked like (the first document
    // replaces it, see ViewManager.renderRoots).
    this._snapshotTimer = setTimeout(() => {
      const html = this.model.get("snapshot");
      if (typeof html === "string" && html && this.client.protocol.lastSeq === null && !this.stopped) {
        this.root.innerHTML = html;
      }
    }, SNAPSHOT_AFTER_MS);
  }

  /** The view was removed: close its connection (its session expires unless shown again). */
  stop() {
    this.stopped = true;
    clearTimeout(this._snapshotTimer);
    this.client?.transport.stop();
    this.link.dispose();
    this.container.remove();
  }

  /** A client of the session `token` names, in place of the one before. */
  _client(token) {
    this.client?.transport.stop();
    this.root = h("div", { className: "docsync-notebook" });
    this.container.replaceChildren(this.root);
    this.client = startApp({ protocol: PROTOCOL_VERSION, token, ws: "comm:" }, this.root, {
      chrome: this.container,
      WebSocketImpl: this.link.socketClass(),
      embedded: true,
      onStatus: (status) => this._onStatus(status),
      assetUrl: (name) => assetUrl(this.link, name),
      views: VIEWS,
    });
  }

  /** PROTOCOL.md §6, §8: a session that is gone (4404) or live in another view (4409, the
   * page's "reload") is replaced by a fresh one; other statuses are the page's. */
  _onStatus(status) {
    if (status === "open") this.freshSessions = 0;
    if (status !== "expired" && status !== "reload") return false;
    if (this.link.alive && this.freshSessions < MAX_FRESH_SESSIONS) {
      this.freshSessions += 1;
      this.link.requestToken().then((fresh) => {
        if (this.stopped) return;
        if (fresh) this._client(fresh);
        else this._gone();
      });
    } else {
      this._gone();
    }
    return true;
  }

  _gone() {
    const root = this.root;
    root.dataset.docsyncState = "expired";
    root.classList.add("docsync-disconnected");
    root.inert = true;
    const why = this.link.alive ? "its session has ended" : "the kernel restarted or stopped";
    this.client.banner.show(`Disconnected: ${why}, so this output is no longer live. Run the cell again to show it.`, { kind: "error" });
  }
}

/** anywidget's entry: render one view; the returned function is called when it is removed. */
function render({ model, el }) {
  const output = new NotebookOutput(model, el);
  output.start();
  return () => output.stop();
}

export default { render };
