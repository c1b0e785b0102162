/**
 * `DatetimePicker`: a native `datetime-local` input (a `date` input with `enable_time`
 * false), with a label; `start`/`end` bound it, `enable_seconds` sets its step.
 * Client-writable: `value`, ISO 8601 "YYYY-MM-DDTHH:MM[:SS]" (midnight for a date-only
 * picker), or null when cleared, sent on `change`.
 *
 * `TimePicker`: a native `time` input; `seconds` sets its step. Client-writable: `value`,
 * "HH:MM" or "HH:MM:SS", or null when cleared, sent on `change`.
 */

import { ControlView, h } from "./base.js";

/** The text a `datetime-local` (or, `dateOnly`, a `date`) input shows for an ISO value. */
export function pickerText(value, { dateOnly = false, seconds = true } = {}) {
  if (typeof value !== "string") return "";
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?)?/.exec(value);
  if (!m) return "";
  if (dateOnly) return m[1];
  return `${m[1]}T${m[2] ?? "00:00"}${seconds ? (m[3] ?? ":00") : ""}`;
}

/** The text a `time` input shows for an ISO time ("13:45:30.5" → "13:45:30"). */
export function timeText(value, { seconds = false } = {}) {
  const m = typeof value === "string" ? /^(\d{2}:\d{2})(:\d{2})?/.exec(value) : null;
  if (!m) return "";
  return seconds ? `${m[1]}${m[2] ?? ":00"}` : m[1];
}

export class DatetimePickerView extends ControlView {
  createControl() {
    const input = h("input", { type: "datetime-local" });
    input.addEventListener("change", () => {
      if (input.value === "") this.ctx.edit(this.id, "value", null);
      else this.ctx.edit(this.id, "value", input.type === "date" ? `${input.value}T00:00:00` : input.value);
    });
    return input;
  }

  render(props, has) {
    this.renderLabel(props, has);
    const input = this.control;
    const options = { dateOnly: props.enable_time === false, seconds: props.enable_seconds !== false };
    if (has("enable_time")) input.type = options.dateOnly ? "date" : "datetime-local";
    if (has("enable_seconds") || has("enable_time")) input.step = options.dateOnly ? "1" : options.seconds ? "1" : "60";
    const bound = (attr, v) => (typeof v === "string" ? input.setAttribute(attr, pickerText(v, options)) : input.removeAttribute(attr));
    if (has("start") || has("enable_time") || has("enable_seconds")) bound("min", props.start);
    if (has("end") || has("enable_time") || has("enable_seconds")) bound("max", props.end);
    if (has("value") || has("enable_time") || has("enable_seconds")) {
      const text = pickerText(props.value, options);
      if (input.value !== text) input.value = text;
    }
  }
}

export class TimePickerView extends ControlView {
  createControl() {
    const input = h("input", { type: "time" });
    input.addEventListener("change", () => this.ctx.edit(this.id, "value", input.value === "" ? null : input.value));
    return input;
  }

  render(props, has) {
    this.renderLabel(props, has);
    const input = this.control;
    const options = { seconds: props.seconds === true };
    if (has("seconds")) input.step = options.seconds ? "1" : "60";
    const bound = (attr, v) => (typeof v === "string" ? input.setAttribute(attr, timeText(v, options)) : input.removeAttribute(attr));
    if (has("start") || has("seconds")) bound("min", props.start);
    if (has("end") || has("seconds")) bound("max", props.end);
    if (has("value") || has("seconds")) {
      const text = timeText(props.value, options);
      if (input.value !== text) input.value = text;
    }
  }
}
