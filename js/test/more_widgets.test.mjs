/** Pure helpers of issue 14's widget and media views. */

import assert from "node:assert/strict";
import { test } from "node:test";

import { suggestions } from "../src/views/autocomplete.js";
import { dayNumber, isoDay } from "../src/views/date_slider.js";
import { discreteStops } from "../src/views/discrete_slider.js";
import { timeDue } from "../src/views/media.js";
import { menuItems } from "../src/views/menu_button.js";
import { optionByLabel } from "../src/views/multi_choice.js";
import { decodeDataUrl } from "../src/views/pdf.js";
import { nextFrame } from "../src/views/player.js";
import { pickerText, timeText } from "../src/views/time_pickers.js";
import { LAZY_VIEWS } from "../src/views/lazy.js";
import { VIEW_TYPES } from "../src/views/registry.js";

test("every new model type has a view", () => {
  for (const type of ["Switch", "StaticText", "RangeSlider", "DiscreteSlider", "EditableIntSlider",
    "EditableFloatSlider", "DateSlider", "DateRangeSlider", "DatetimePicker", "TimePicker",
    "AutocompleteInput", "MultiChoice", "CheckButtonGroup", "RadioBoxGroup", "MenuButton", "Player",
    "LiteralInput", "Video", "Audio", "PDF"]) {
    assert.ok(Object.hasOwn(VIEW_TYPES, type) || Object.hasOwn(LAZY_VIEWS, type), type);
  }
});

test("suggestions follow the strategy, the case rule and the minimum length", () => {
  const options = ["Biology", "Chemistry", "Bioinformatics", "Microbiology"];
  assert.deepEqual(suggestions(options, "Bio"), ["Biology", "Bioinformatics"]);
  assert.deepEqual(suggestions(options, "bio"), []);
  assert.deepEqual(suggestions(options, "bio", { caseSensitive: false }), ["Biology", "Bioinformatics"]);
  assert.deepEqual(suggestions(options, "bio", { strategy: "includes", caseSensitive: false }),
    ["Biology", "Bioinformatics", "Microbiology"]);
  assert.deepEqual(suggestions(options, "B"), []);
  assert.deepEqual(suggestions(options, "C", { minCharacters: 1 }), ["Chemistry"]);
});

test("days are counted in UTC and read back as ISO dates", () => {
  assert.equal(dayNumber("1970-01-02"), 1);
  assert.equal(dayNumber("2024-03-01T00:00:00"), dayNumber("2024-03-01"));
  assert.equal(dayNumber("2024-03-01") - dayNumber("2024-02-28"), 2);
  assert.equal(isoDay(dayNumber("2024-02-29")), "2024-02-29");
  assert.ok(Number.isNaN(dayNumber("March")));
  assert.ok(Number.isNaN(dayNumber(null)));
});

test("a discrete slider's stops are its options' labels and values", () => {
  assert.deepEqual(discreteStops([1, "b"]), [["1", 1], ["b", "b"]]);
  assert.deepEqual(discreteStops({ Low: 1, High: 10 }), [["Low", 1], ["High", 10]]);
  assert.deepEqual(discreteStops(null), []);
});

test("pickers show the server's ISO text in the input's own form", () => {
  assert.equal(pickerText("2024-05-01T13:45:00"), "2024-05-01T13:45:00");
  assert.equal(pickerText("2024-05-01T13:45:00", { seconds: false }), "2024-05-01T13:45");
  assert.equal(pickerText("2024-05-01T13:45:00", { dateOnly: true }), "2024-05-01");
  assert.equal(pickerText(null), "");
  assert.equal(timeText("13:45:30.500"), "13:45");
  assert.equal(timeText("13:45", { seconds: true }), "13:45:00");
  assert.equal(timeText(3), "");
});

test("a menu's items read as labels with their indices; separators stay null", () => {
  assert.deepEqual(menuItems(["Open", null, ["Save as", "save"]]),
    [{ label: "Open", index: 0 }, null, { label: "Save as", index: 2 }]);
  assert.deepEqual(menuItems(undefined), []);
});

test("a tag is found by its label, exactly first, then ignoring case", () => {
  const pairs = [["Apple", 1], ["apple", 2], ["Pear", 3]];
  assert.deepEqual(optionByLabel(pairs, "apple"), ["apple", 2]);
  assert.deepEqual(optionByLabel(pairs, " PEAR "), ["Pear", 3]);
  assert.equal(optionByLabel(pairs, "Plum"), undefined);
});

test("the player steps, and at an end stops, loops or turns back", () => {
  const rule = { start: 0, end: 4, step: 2, direction: 1 };
  assert.deepEqual(nextFrame(0, { ...rule, policy: "once" }), { value: 2, direction: 1 });
  assert.deepEqual(nextFrame(4, { ...rule, policy: "once" }), { value: 4, direction: 0 });
  assert.deepEqual(nextFrame(4, { ...rule, policy: "loop" }), { value: 0, direction: 1 });
  assert.deepEqual(nextFrame(4, { ...rule, policy: "reflect" }), { value: 2, direction: -1 });
  assert.deepEqual(nextFrame(0, { ...rule, direction: -1, policy: "loop" }), { value: 4, direction: -1 });
  assert.deepEqual(nextFrame(0, { ...rule, end: 0, policy: "reflect" }), { value: 0, direction: 0 });
});

test("media time is sent at most once per throttle period", () => {
  assert.ok(timeDue(1000, null, 250));
  assert.ok(!timeDue(1100, 1000, 250));
  assert.ok(timeDue(1250, 1000, 250));
});

test("a base64 data: URL decodes to its exact bytes and type; other URLs do not", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const url = `data:application/pdf;base64,${Buffer.from(all).toString("base64")}`;
  assert.deepEqual(decodeDataUrl(url), { type: "application/pdf", bytes: all });
  assert.equal(decodeDataUrl("https://example.org/a.pdf"), null);
  assert.equal(decodeDataUrl("data:application/pdf;base64,%%%"), null);
});
