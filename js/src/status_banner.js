/**
 * What the banner says for each connection status (transport.js's `onStatus`), and the
 * `disconnect_notification` toast (pn.config) from a drop until the connection is back.
 * DOM-free: the banner, the page settings and the reload actions are passed in.
 */

/** Connection states after which this page's session cannot come back (PROTOCOL.md §8). */
export const HALTED = ["expired", "taken-over", "forbidden", "restarting", "reload", "login"];

/**
 * Returns `show(status, detail)`, which updates `banner` (a views/banner.js Banner: show,
 * hide, toast) for `status`. `page.disconnectNotification` is read at each call (the page
 * settings may change it). `reload()` reloads the page; `freshSession(onLoop)` reloads for
 * a fresh session, or calls `onLoop()` when that would loop; `whenBack(onGone)` reloads
 * once a restarting server answers, or calls `onGone()` when it does not (reload.js).
 */
export function statusBanner({ banner, page, reload, freshSession, whenBack }) {
  let disconnectToast = null;
  const reloadAction = { label: "Reload", onClick: reload };
  return (status, detail = {}) => {
    if (["open", "restored"].includes(status) || HALTED.includes(status)) {
      disconnectToast?.remove();
      disconnectToast = null;
    } else if (status === "reconnecting" && page.disconnectNotification && !disconnectToast) {
      disconnectToast = banner.toast(page.disconnectNotification, { kind: "error", ms: 0 });
    }
    switch (status) {
      case "open":
        banner.hide();
        break;
      case "restored":
        banner.show("Connection restored", { kind: "ok", hideAfterMs: 2000 });
        break;
      case "reconnecting":
        banner.show(`Reconnecting… (attempt ${detail.attempt})`, { kind: "warning" });
        break;
      case "expired":
        banner.show("Session expired. Reload the page to start a new session.", { kind: "error", action: reloadAction });
        break;
      case "taken-over":
        banner.show("This session was opened in another window.", { kind: "error", action: reloadAction });
        break;
      case "forbidden":
        banner.show(detail.message || "The server refused the connection.", { kind: "error" });
        break;
      case "reload":
        freshSession(() => banner.show("This session is open in another tab.", { kind: "error", action: reloadAction }));
        break;
      case "login":
        banner.show("Your login has ended. Taking you to the login page…", { kind: "info" });
        reload();
        break;
      case "restarting":
        banner.show("The server is restarting…", { kind: "info" });
        whenBack(() => banner.show("The server did not come back.", { kind: "error", action: reloadAction }));
        break;
      default:
        break;
    }
  };
}
