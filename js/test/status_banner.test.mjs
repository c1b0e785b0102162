/** What the banner says for each connection status (js/src/status_banner.js). */

import assert from "node:assert/strict";
import { test } from "node:test";

import { HALTED, statusBanner } from "../src/status_banner.js";

/** A banner that records what it was told, with toasts that record their removal. */
function fakeBanner() {
  const calls = [];
  return {
    calls,
    show: (text, options) => calls.push(["show", text, options]),
    hide: () => calls.push(["hide"]),
    toast: (text, options) => {
      const toast = { text, options, removed: false, remove: () => { toast.removed = true; } };
      calls.push(["toast", text, options]);
      return toast;
    },
  };
}

function wired(page = {}) {
  const banner = fakeBanner();
  const done = [];
  const show = statusBanner({
    banner,
    page,
    reload: () => done.push("reload"),
    freshSession: (onLoop) => done.push(["fresh", onLoop]),
    whenBack: (onGone) => done.push(["back", onGone]),
  });
  return { banner, done, show };
}

test("open hides the banner; restored says so briefly; reconnecting counts attempts", () => {
  const { banner, show } = wired();
  show("open");
  show("reconnecting", { attempt: 3 });
  show("restored");
  assert.deepEqual(banner.calls, [
    ["hide"],
    ["show", "Reconnecting… (attempt 3)", { kind: "warning" }],
    ["show", "Connection restored", { kind: "ok", hideAfterMs: 2000 }],
  ]);
});

test("expired and taken-over offer a reload; forbidden shows the server's reason", () => {
  const { banner, done, show } = wired();
  show("expired");
  show("taken-over");
  show("forbidden", { message: "Origin not allowed" });
  show("forbidden", {});
  assert.deepEqual(banner.calls.map(([, text, options]) => [text, options.kind, options.action?.label]), [
    ["Session expired. Reload the page to start a new session.", "error", "Reload"],
    ["This session was opened in another window.", "error", "Reload"],
    ["Origin not allowed", "error", undefined],
    ["The server refused the connection.", "error", undefined],
  ]);
  banner.calls[0][2].action.onClick();
  assert.deepEqual(done, ["reload"]);
});

test("reload asks for a fresh session, and says so when that would loop", () => {
  const { banner, done, show } = wired();
  show("reload");
  assert.equal(banner.calls.length, 0);
  const [[kind, onLoop]] = done;
  assert.equal(kind, "fresh");
  onLoop();
  assert.deepEqual(banner.calls.map(([, text, options]) => [text, options.action?.label]), [["This session is open in another tab.", "Reload"]]);
});

test("login reloads at once; restarting waits for the server, and says when it is gone", () => {
  const { banner, done, show } = wired();
  show("login");
  assert.deepEqual(done, ["reload"]);
  show("restarting");
  const [, [kind, onGone]] = done;
  assert.equal(kind, "back");
  onGone();
  assert.deepEqual(banner.calls.map(([, text]) => text), [
    "Your login has ended. Taking you to the login page…",
    "The server is restarting…",
    "The server did not come back.",
  ]);
});

test("disconnect_notification: one toast from the drop until the connection is back", () => {
  const page = { disconnectNotification: "Connection lost" };
  const { banner, show } = wired(page);
  show("reconnecting", { attempt: 1 });
  show("reconnecting", { attempt: 2 });
  const toasts = banner.calls.filter(([what]) => what === "toast");
  assert.deepEqual(toasts, [["toast", "Connection lost", { kind: "error", ms: 0 }]]);
  show("restored");
  show("reconnecting", { attempt: 1 });
  assert.equal(banner.calls.filter(([what]) => what === "toast").length, 2, "a new drop, a new toast");
  show("expired"); // halted: the toast goes, the banner says why
  assert.equal(banner.calls.filter(([what]) => what === "toast").length, 2);
});

test("the toast is removed when the connection is back or halted", () => {
  const page = { disconnectNotification: "Connection lost" };
  const removed = [];
  for (const end of ["open", "restored", ...HALTED]) {
    const banner = fakeBanner();
    const toasts = [];
    const original = banner.toast;
    banner.toast = (...args) => { const t = original(...args); toasts.push(t); return t; };
    const show = statusBanner({ banner, page, reload() {}, freshSession() {}, whenBack() {} });
    show("reconnecting", { attempt: 1 });
    show(end, {});
    removed.push([end, toasts[0].removed]);
  }
  assert.ok(removed.every(([, gone]) => gone), JSON.stringify(removed));
});

test("no disconnect toast without the setting, and none while only connecting", () => {
  const { banner, show } = wired({});
  show("reconnecting", { attempt: 1 });
  assert.equal(banner.calls.filter(([what]) => what === "toast").length, 0);
  const withSetting = wired({ disconnectNotification: "Lost" });
  withSetting.show("connecting");
  assert.equal(withSetting.banner.calls.length, 0);
});
