// Pure logic of the chat views (their DOM is tested in Chromium: tests/browser/test_chat.py),
// and a streamed reply's appends going through the document store.

import assert from "node:assert/strict";
import { test } from "node:test";

import { DocumentStore } from "../src/document.js";
import { sendsOnKey } from "../src/views/chat_area_input.js";
import { isFollowing } from "../src/views/chat_feed.js";
import { textUpdate } from "../src/views/chat_message.js";

test("streamed text: new pieces are appended while the shown ones are a prefix", () => {
  assert.deepEqual(textUpdate(["He"], ["He", "llo"]), { reset: false, add: ["llo"] });
  assert.deepEqual(textUpdate(["He", "llo"], ["He", "llo"]), { reset: false, add: [] });
  assert.deepEqual(textUpdate([], ["a"]), { reset: false, add: ["a"] });
});

test("streamed text: anything else is drawn again from the start", () => {
  assert.deepEqual(textUpdate(null, ["a", "b"]), { reset: true, add: ["a", "b"] });
  assert.deepEqual(textUpdate(["x"], ["a", "b"]), { reset: true, add: ["a", "b"] });
  assert.deepEqual(textUpdate(["a", "b", "c"], ["a", "b"]), { reset: true, add: ["a", "b"] });
  assert.deepEqual(textUpdate(["a"], ["a", 3]), { reset: false, add: [""] });
  assert.deepEqual(textUpdate(["a"], null), { reset: true, add: [] });
});

test("Enter sends, Shift+Enter and composing do not; without enter_sends, Ctrl/Cmd+Enter does", () => {
  const key = (extra) => ({ key: "Enter", shiftKey: false, ctrlKey: false, metaKey: false, isComposing: false, ...extra });
  assert.equal(sendsOnKey(key({}), true), true);
  assert.equal(sendsOnKey(key({ shiftKey: true }), true), false);
  assert.equal(sendsOnKey(key({ isComposing: true }), true), false);
  assert.equal(sendsOnKey(key({ key: "a" }), true), false);
  assert.equal(sendsOnKey(key({}), false), false);
  assert.equal(sendsOnKey(key({ ctrlKey: true }), false), true);
  assert.equal(sendsOnKey(key({ metaKey: true }), false), true);
});

test("the log follows new messages only while scrolled near its end", () => {
  assert.equal(isFollowing({ scrollHeight: 1000, scrollTop: 700, clientHeight: 300 }, 200), true);
  assert.equal(isFollowing({ scrollHeight: 1000, scrollTop: 550, clientHeight: 300 }, 200), true);
  assert.equal(isFollowing({ scrollHeight: 1000, scrollTop: 400, clientHeight: 300 }, 200), false);
  assert.equal(isFollowing({ scrollHeight: 1000, scrollTop: 699, clientHeight: 300 }, 0), false);
});

test("appends to a message's text reach the store as the text prop changing, prefix kept", () => {
  const store = new DocumentStore({
    title: "",
    roots: ["m1"],
    models: { m1: { type: "ChatMessage", props: { user: "Bot", text: ["He"], html: "", streaming: true } } },
  });
  let shown = ["He"];
  for (const piece of ["llo", ",", " world"]) {
    const changes = store.apply([{ op: "add", path: "/models/m1/props/text/-", value: piece }]);
    assert.deepEqual([...changes.changed.get("m1")], ["text"]);
    const { reset, add } = textUpdate(shown, store.model("m1").props.text);
    assert.equal(reset, false);
    assert.deepEqual(add, [piece]);
    shown = [...shown, ...add];
  }
  const done = store.apply([
    { op: "replace", path: "/models/m1/props/streaming", value: false },
    { op: "replace", path: "/models/m1/props/text", value: null },
    { op: "replace", path: "/models/m1/props/html", value: "<p>Hello, world</p>\n" },
  ]);
  assert.deepEqual([...done.changed.get("m1")].sort(), ["html", "streaming", "text"]);
});
