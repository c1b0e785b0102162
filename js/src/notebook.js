/**
 * Entry point of the notebook bundle: the ES module anywidget loads as a docsync widget's
 * `_esm` (docsync/notebook/view.py). Each rendered view of the widget is one docsync
 * client, made of the same modules as a served page (protocol, patch, document store,
 * views), over the comm transport (comm_transport.js) instead of a WebSocket.
 *
 * Each view is its own session: the first uses the widget's `token` (as a page uses the one
 * it embeds, PROTOCOL.md §2). When that session cannot be had (it is live in another view:
 * 4409; it expired while no view showed it: 4404), the view asks the kernel for a fresh
 * token and starts a session of its own, as a browser tab reloads for a fresh page. When
 * the kernel itself is gone (restarted), the view says so and takes no more input.
 */

import { notifyToast } from "./app.js";
import { CommLink } from "./comm_transport.js";
import { DocumentStore } from "./document.js";
import { EditQueue } from "./edits.js";
import { scopedCss } from "./notebook_css.js";
import { ClientProtocol } from "./protocol.js";
import { Transport } from "./transport.js";
import { Banner } from "./views/banner.js";
import { h } from "./views/base.js";
import { ViewManager } from "./views/registry.js";
import pageCss from "../../docsync/static/docsync.css";

/** The output (banner, views, toasts) and the element its views render into. */
const SCOPE = { scope: ".docsync-notebook-output", root: ".docsync-notebook" };
/** Without a session by then, the view shows the widget's static snapshot (no kernel). */
const SNAPSHOT_AFTER_MS = 1500;
/** Fresh sessions a view may start in a row before it gives up and says so. */
const MAX_FRESH_SESSIONS = 3;

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

function nextFrame(fn) {
  if (document.visibilityState === "hidden") setTimeout(fn, 0);
  else requestAnimationFrame(fn);
}

/** Model ids that a refused client message touched, for error styling. */
function refusedModelIds(msg) {
  if (!msg) return [];
  if (msg.type === "event") return [msg.model];
  return (msg.ops ?? []).map((op) => /^\/models\/([^/]+)\//.exec(op.path ?? "")?.[1]).filter(Boolean);
}

/** One rendered view of a docsync widget. */
class NotebookOutput {
  constructor(model, el) {
    this.model = model;
    this.link = new CommLink(model);
    this.store = new DocumentStore();
    this.container = h("div", { className: "docsync-notebook-output" });
    // JupyterLab's shortcuts would take the keys our controls need (arrows on a slider):
    // Lumino skips its key bindings for an event whose target carries this attribute.
    this.container.addEventListener("focusin", (event) => event.target.setAttribute?.("data-lm-suppress-shortcuts", "true"));
    this.root = h("div", { className: "docsync-notebook" });
    this.container.append(this.root);
    el.append(this.container);
    this.banner = new Banner(this.container);
    this.protocol = null;
    this.transport = null;
    this.freshSessions = 0;
    this.stopped = false;

    const sendEdits = (triples) => {
      const ops = [];
      for (const [id, name, value] of triples) {
        try {
          const { op, changes } = this.store.setProp(id, name, value);
          ops.push(op);
          this.views.apply(changes);
        } catch (err) {
          console.warn(`docsync: dropped edit of ${id}.${name}`, err);
        }
      }
      if (ops.length > 0) this._send(this.protocol.patch(ops));
    };
    this.edits = new EditQueue({ schedule: nextFrame, flush: sendEdits });
    this.views = new ViewManager({
      root: this.root,
      store: this.store,
      onEdit: (id, name, value) => this.edits.set(id, name, value),
      onEvent: (id, name, data) => {
        this.edits.flush();
        this._send(this.protocol.event(id, name, data));
      },
      onCommit: (triples) => {
        this.edits.flush();
        sendEdits(triples);
      },
    });
  }

  /** Connect with the widget's token. */
  start() {
    addStylesheet(this.root.ownerDocument);
    this._connect(this.model.get("token"));
    // A notebook opened without its kernel, or an HTML export, renders the widget from its
    // saved state: no comm answers. Show what the output looked like (the first document
    // replaces it, see ViewManager.renderRoots).
    this._snapshotTimer = setTimeout(() => {
      const html = this.model.get("snapshot");
      if (typeof html === "string" && html && this.protocol.lastSeq === null && !this.stopped) {
        this.root.innerHTML = html;
      }
    }, SNAPSHOT_AFTER_MS);
  }

  /** The view was removed: close its connection (its session expires unless shown again). */
  stop() {
    this.stopped = true;
    clearTimeout(this._snapshotTimer);
    this.transport?.stop();
    this.link.dispose();
    this.container.remove();
  }

  _send(msg) {
    this.transport?.send(msg);
  }

  _connect(token) {
    this.transport?.stop();
    // A new session: its messages are numbered afresh, and nothing of the old one is resent.
    this.protocol = new ClientProtocol({ token, args: {}, location: {} });
    this.transport = new Transport({
      url: "comm:",
      protocol: this.protocol,
      WebSocketImpl: this.link.socketClass(),
      onEvent: (event) => this._onEvent(event),
      onStatus: (status, detail) => this._onStatus(status, detail),
    });
    this.transport.start();
  }

  async _freshSession() {
    this.freshSessions += 1;
    const token = this.freshSessions <= MAX_FRESH_SESSIONS ? await this.link.requestToken() : null;
    if (this.stopped) return;
    if (token) this._connect(token);
    else this._gone();
  }

  _gone() {
    this._setState("expired");
    this.root.inert = true;
    const why = this.link.alive ? "its session has ended" : "the kernel restarted or stopped";
    this.banner.show(`Disconnected: ${why}, so this output is no longer live. Run the cell again to show it.`, { kind: "error" });
  }

  _setState(state) {
    this.root.dataset.docsyncState = state;
    this.root.classList.toggle("docsync-disconnected", !["open", "connecting"].includes(state));
  }

  _onEvent(event) {
    switch (event.type) {
      case "welcome":
        if (!event.resumed) this.freshSessions = 0;
        break;
      case "snapshot":
        this.views.apply(this.store.replace(event.doc));
        break;
      case "patch":
        this.views.apply(this.store.apply(event.ops));
        break;
      case "error":
        // PROTOCOL.md §5: a corrective patch follows and restores the kernel's values.
        this.banner.toast(event.message || `The kernel refused a change (${event.code}).`);
        this.views.flagError(refusedModelIds(event.refused));
        break;
      case "command":
        this._command(event);
        break;
      default:
        break;
    }
  }

  _command({ name, data }) {
    if (name === "notify") {
      const { text, kind, ms } = notifyToast(data);
      this.banner.toast(text, { kind, ms });
    } else if (name === "open_url" && typeof data.url === "string") {
      window.open(data.url, typeof data.target === "string" ? data.target : "_blank");
    } else {
      console.warn(`docsync: unknown command ${JSON.stringify(name)}`, data);
    }
  }

  _onStatus(status, detail) {
    switch (status) {
      case "connecting":
        this._setState("connecting");
        break;
      case "open":
      case "restored":
        this._setState("open");
        this.root.inert = false;
        this.banner.hide();
        break;
      case "reconnecting":
        this._setState("reconnecting");
        this.banner.show(`Reconnecting to the kernel… (attempt ${detail.attempt})`, { kind: "warning" });
        break;
      case "expired":
      case "reload":
        // PROTOCOL.md §6, §8: this session is gone (4404) or live in another view (4409).
        if (this.link.alive) this._freshSession();
        else this._gone();
        break;
      default:
        // "taken-over", "forbidden", "restarting": nothing this view can do by itself.
        this._setState(status);
        this.root.inert = true;
        this.banner.show(detail?.message || detail?.reason || "This output is no longer live. Run the cell again to show it.", { kind: "error" });
        break;
    }
  }
}

/** anywidget's entry: render one view; the returned function is called when it is removed. */
function render({ model, el }) {
  const output = new NotebookOutput(model, el);
  output.start();
  return () => output.stop();
}

export default { render };
