/** Pure helpers of the widget and indicator views (docsync/widgets.py's twins where they exist). */

import assert from "node:assert/strict";
import { test } from "node:test";

import { BUSY_DELAY_MS, busyState } from "../src/views/busy.js";
import { hexColor } from "../src/views/color_picker.js";
import { downloadFile, downloadLabel, downloadLink } from "../src/views/file_download.js";
import { accepts, formatSize, uploadProblem } from "../src/views/file_input.js";
import { selectEntries } from "../src/views/select.js";

test("sizes read as the server words them", () => {
  assert.equal(formatSize(812), "812 bytes");
  assert.equal(formatSize(12600), "12.3 KiB");
  assert.equal(formatSize(4 * 1024 * 1024), "4.0 MiB");
});

test("accept lists match by extension or MIME type, like the server's check", () => {
  assert.ok(accepts("", "x.bin", ""));
  assert.ok(accepts(".csv, .TSV", "DATA.tsv", ""));
  assert.ok(accepts("image/*", "photo", "image/png"));
  assert.ok(accepts("text/plain", "notes", "TEXT/PLAIN"));
  assert.ok(!accepts("image/*", "notes.txt", "text/plain"));
  assert.ok(!accepts(".csv", "notes.txt", "text/csv-ish"));
});

test("a file over the limit or of another type is not uploaded, and the page says why", () => {
  const file = { name: "big.csv", size: 2048, type: "text/csv" };
  assert.equal(uploadProblem(file, { maxSize: 1024 }), "big.csv is 2.0 KiB; the limit is 1.0 KiB.");
  assert.equal(uploadProblem(file, { accept: "image/*" }), "big.csv is not one of the accepted types: image/*.");
  assert.equal(uploadProblem(file, { accept: ".csv", maxSize: 2048 }), null);
  assert.equal(uploadProblem(file), null);
});

test("the page is busy once its oldest unacknowledged message has waited the delay", () => {
  assert.deepEqual(busyState(null, 5000), { busy: false, recheckAt: null });
  assert.deepEqual(busyState(1000, 1000 + BUSY_DELAY_MS - 1), { busy: false, recheckAt: 1000 + BUSY_DELAY_MS });
  assert.deepEqual(busyState(1000, 1000 + BUSY_DELAY_MS), { busy: true, recheckAt: null });
  assert.deepEqual(busyState(1000, 1030, 20), { busy: true, recheckAt: null });
});

test("colours show as #rrggbb", () => {
  assert.equal(hexColor("#A1B2C3"), "#a1b2c3");
  assert.equal(hexColor("#abc"), "#aabbcc");
  assert.equal(hexColor("abcdef"), "#abcdef");
  assert.equal(hexColor("red"), "#000000");
  assert.equal(hexColor(null), "#000000");
});

test("a download button reads its label, else the file it downloads", () => {
  assert.equal(downloadLabel({ label: "Get it", filename: "a.csv" }), "Get it");
  assert.equal(downloadLabel({ label: null, filename: "a.csv" }), "Download a.csv");
  assert.equal(downloadLabel({}), "Download");
});

test("a download command's data decodes to the file's exact bytes, name and type", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const file = downloadFile({ filename: "all.bin", mime_type: "application/x-test",
                              data: Buffer.from(all).toString("base64") });
  assert.deepEqual(file, { filename: "all.bin", type: "application/x-test", bytes: all });
  const bare = downloadFile({ data: "aGk=" });
  assert.deepEqual(bare, { filename: "download", type: "application/octet-stream",
                           bytes: new Uint8Array([104, 105]) });
  assert.equal(downloadFile({ data: "" }).bytes.length, 0);
});

test("a download command with a URL links to it, resolved against the page", () => {
  const page = "http://127.0.0.1:5006/group/app";
  const url = "_docsync/download/abc?session=s1";
  assert.deepEqual(downloadLink({ filename: "big.bin", url }, page),
                   { filename: "big.bin", href: "http://127.0.0.1:5006/group/_docsync/download/abc?session=s1" });
  assert.equal(downloadLink({ url }, page).filename, "download");
  for (const data of [{}, null, { url: 3 }, { url: "javascript:alert(1)" },
                      { url: "https://elsewhere.example/file" }, { data: "aGk=" }]) {
    assert.equal(downloadLink(data, page), null, JSON.stringify(data));
  }
});

test("a download command without base64 data holds no file", () => {
  for (const data of [{}, null, undefined, { data: 3 }, { data: "not base64!" }]) {
    assert.equal(downloadFile(data), null, JSON.stringify(data));
  }
});

test("a Select shows its options, or titled groups, with the disabled ones marked", () => {
  assert.deepEqual(selectEntries({ options: ["a", "b"], disabled_options: ["b"] }), [
    { group: null, items: [{ label: "a", value: "a", disabled: false }, { label: "b", value: "b", disabled: true }] },
  ]);
  assert.deepEqual(selectEntries({ options: { One: 1 }, groups: null, disabled_options: [] }), [
    { group: null, items: [{ label: "One", value: 1, disabled: false }] },
  ]);
  assert.deepEqual(selectEntries({ options: [], groups: { Fruit: ["apple"], Veg: { Leek: "leek" } }, disabled_options: ["leek"] }), [
    { group: "Fruit", items: [{ label: "apple", value: "apple", disabled: false }] },
    { group: "Veg", items: [{ label: "Leek", value: "leek", disabled: true }] },
  ]);
  assert.deepEqual(selectEntries({ options: [2, { k: 1 }] }), [
    { group: null, items: [{ label: "2", value: 2, disabled: false }, { label: '{"k":1}', value: { k: 1 }, disabled: false }] },
  ]);
});
