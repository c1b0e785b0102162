/**
 * Wires the pieces together for one page: document store, protocol, views, banner and
 * transport. `startApp` is the only function here that reads `window`/`document`/`location`
 * state; the modules it wires stay testable on their own (what the banner says:
 * status_banner.js; the page's own busy wait: send_times.js; reloads: reload.js).
 */

import { DocumentStore } from "./document.js";
import { EditQueue } from "./edits.js";
import { ClientProtocol, MessageTooLarge, PROTOCOL_VERSION } from "./protocol.js";
import { reloadForFreshSession, reloadWhenBack } from "./reload.js";
import { SendTimes } from "./send_times.js";
import { HALTED, statusBanner } from "./status_banner.js";
import { Transport, resolveWebSocketUrl } from "./transport.js";
import { Banner } from "./views/banner.js";
import { BusyIndicator, serverBusy } from "./views/busy.js";
import { saveDownload } from "./views/file_download.js";
import { ViewManager } from "./views/registry.js";

/** Query args as sent in `hello`: name -> list of values (repeated names are kept). */
export function queryArgs(search) {
  const args = {};
  for (const [key, value] of new URLSearchParams(search)) (args[key] ??= []).push(value);
  return args;
}

/** The page location as sent in `hello` (PROTOCOL.md §4). */
export function pageLocation(loc) {
  return { pathname: loc.pathname, search: loc.search, hash: loc.hash, href: loc.href };
}

/** Toast levels of the `notify` command; anything else shows as "info". */
const NOTIFY_LEVELS = ["info", "success", "warning", "error"];

/** `{text, kind, ms}` for `banner.toast` from a `notify` command's data (`duration` in ms, 0 = stay). */
export function notifyToast(data) {
  const kind = NOTIFY_LEVELS.includes(data.level) ? data.level : "info";
  const ms = typeof data.duration === "number" && Number.isFinite(data.duration) && data.duration >= 0 ? data.duration : 3000;
  return { text: data.message == null ? "" : String(data.message), kind, ms };
}

/** Model ids that a refused client message touched, for error styling. */
function refusedModelIds(msg) {
  if (!msg) return [];
  if (msg.type === "event") return [msg.model];
  return (msg.ops ?? []).map((op) => /^\/models\/([^/]+)\//.exec(op.path ?? "")?.[1]).filter(Boolean).map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function nextFrame(fn) {
  // Hidden tabs get no animation frames; edits must still go out.
  if (document.visibilityState === "hidden") setTimeout(fn, 0);
  else requestAnimationFrame(fn);
}

/**
 * Start the client for `bootstrap` ({protocol, app, token, ws, max_message}, PROTOCOL.md §2)
 * in `root`.
 * Returns the wired parts, or null when the page speaks another protocol version.
 *
 * `host` adapts the client to a page that is not its own (a notebook output, notebook.js):
 *   chrome          the element for the banner, busy indicator and toasts (document.body)
 *   WebSocketImpl   the transport's socket class, with `bootstrap.ws` as its url
 *   embedded        true: no URL or title of its own (the hello's args and location are empty)
 *   onStatus(status, detail)  sees every connection status first; true means it handled it
 *   assetUrl(name)  a promise of the script URL of static bundle `name` ("vega.js"), where
 *                   the page cannot fetch it beside docsync.js (the views' `ctx.assetUrl`)
 *   views           view classes by type beyond docsync.js's own (ViewManager's `views`)
 */
export function startApp(bootstrap, root, host = {}) {
  const store = new DocumentStore();
  const chrome = host.chrome ?? document.body;
  const banner = new Banner(chrome);
  if (bootstrap.protocol !== PROTOCOL_VERSION) {
    banner.show(`This page speaks docsync protocol ${bootstrap.protocol}; this client speaks ${PROTOCOL_VERSION}. Reload the page.`, { kind: "error" });
    return null;
  }
  const reload = () => location.reload();
  // Read at every connect: the URL may have changed since the page loaded (Location).
  const protocol = new ClientProtocol({
    token: bootstrap.token,
    args: host.embedded ? {} : () => queryArgs(location.search),
    location: host.embedded ? {} : () => pageLocation(location),
    maxMessage: Number.isFinite(bootstrap.max_message) ? bootstrap.max_message : Infinity,
  });

  // The busy indicator shows while the oldest unacknowledged message has waited too long,
  // or while the server says its session is busy (the `busy` command, views/busy.js).
  const busy = new BusyIndicator(chrome);
  const sendTimes = new SendTimes({ busy, outbox: () => protocol.outbox, now: () => performance.now() });
  const send = (msg) => {
    sendTimes.queued(msg.cseq);
    transport.send(msg);
    sendTimes.update();
  };

  // `[id, name, value]` edits as one `patch` message, each applied optimistically first.
  const sendEdits = (triples) => {
    const ops = [];
    const before = []; // [id, name, value shown before the edit], to undo a refused send
    for (const [id, name, value] of triples) {
      try {
        const shown = store.model(id)?.props?.[name];
        const { op, changes } = store.setProp(id, name, value);
        ops.push(op);
        before.push([id, name, shown]);
        views.apply(changes);
      } catch (err) {
        console.warn(`docsync: dropped edit of ${id}.${name}`, err);
      }
    }
    if (ops.length === 0) return;
    const undo = () => {
      for (const [id, name, shown] of before.reverse()) views.apply(store.setProp(id, name, shown).changes);
    };
    queue(() => protocol.patch(ops), before.map(([id]) => id), undo);
  };

  // A message over the server's frame limit (bootstrap `max_message`) is not sent: it
  // would close the connection (1009) and be resent after every reconnect. The page says
  // so and shows the values it showed before, as after a refusal (PROTOCOL.md §5).
  const queue = (make, ids, undo = () => {}) => {
    let msg;
    try {
      msg = make();
    } catch (err) {
      if (!(err instanceof MessageTooLarge)) throw err;
      undo();
      banner.toast(err.message, { kind: "error" });
      views.flagError(ids);
      return;
    }
    send(msg);
  };

  const edits = new EditQueue({ schedule: nextFrame, flush: sendEdits });

  // The session's page settings (views/page_settings.js) and a way for views to toast.
  const page = { toast: (text, options) => banner.toast(text, options) };
  const showStatus = statusBanner({
    banner,
    page,
    reload,
    freshSession: (onLoop) => reloadForFreshSession({ storage: () => sessionStorage, now: Date.now, reload, onLoop }),
    whenBack: (onGone) => reloadWhenBack({ url: location.href, reload, onGone }),
  });

  const views = new ViewManager({
    root,
    store,
    page,
    assetUrl: host.assetUrl,
    views: host.views,
    onEdit: (id, name, value) => edits.set(id, name, value),
    onEvent: (id, name, data) => {
      edits.flush();
      queue(() => protocol.event(id, name, data), [id]);
    },
    // A form's submit: earlier edits go first, then the form's edits in one message.
    onCommit: (triples) => {
      edits.flush();
      sendEdits(triples);
    },
  });

  const applyChanges = (changes) => {
    views.apply(changes);
    if (!host.embedded && changes.title && typeof store.doc.title === "string") document.title = store.doc.title;
  };

  const onEvent = (event) => {
    sendTimes.update(); // the protocol dropped what this message acknowledged
    switch (event.type) {
      case "snapshot":
        // Commands before it are forgotten; a session still busy says so again after it.
        busy.setServerBusy(false);
        applyChanges(store.replace(event.doc));
        break;
      case "patch":
        applyChanges(store.apply(event.ops));
        break;
      case "error":
        // PROTOCOL.md §5: a corrective patch follows and restores the server's values.
        banner.toast(event.message || `The server refused a change (${event.code}).`);
        views.flagError(refusedModelIds(event.refused));
        break;
      case "command":
        runCommand(event);
        break;
      default:
        break;
    }
  };

  const runCommand = ({ name, data }) => {
    if (name === "reload") {
      transport.expectRestart();
      banner.show("The server is restarting…", { kind: "info" });
    } else if (name === "notify") {
      const { text, kind, ms } = notifyToast(data);
      banner.toast(text, { kind, ms });
    } else if (name === "busy" && serverBusy(data) !== null) {
      busy.setServerBusy(serverBusy(data));
    } else if (name === "open_url" && typeof data.url === "string") {
      window.open(data.url, typeof data.target === "string" ? data.target : "_blank");
    } else if (name === "download") {
      if (!saveDownload(data)) console.warn("docsync: a download command without a file", data);
    } else {
      console.warn(`docsync: unknown command ${JSON.stringify(name)}`, data);
    }
  };

  const setState = (state) => {
    root.dataset.docsyncState = state;
  };

  const onStatus = (status, detail) => {
    if (host.onStatus?.(status, detail)) return;
    setState(status === "restored" ? "open" : status);
    root.classList.toggle("docsync-disconnected", !["open", "restored", "connecting"].includes(status));
    // A session that is gone for good takes no more input: edits would be lost silently.
    const halted = HALTED.includes(status);
    root.inert = halted;
    if (halted) busy.setServerBusy(false); // no word will come from that session again
    showStatus(status, detail);
    // Focus was in the page, which just became inert: move it to the banner's action.
    if (halted && (document.activeElement === document.body || root.contains(document.activeElement))) banner.focusAction();
  };

  const transport = new Transport({
    url: host.WebSocketImpl ? bootstrap.ws : resolveWebSocketUrl(bootstrap.ws, location.href),
    WebSocketImpl: host.WebSocketImpl,
    protocol,
    onEvent,
    onStatus,
  });
  transport.start();
  return { store, protocol, transport, views, banner };
}
