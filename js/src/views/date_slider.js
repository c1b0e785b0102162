/**
 * `DateSlider` / `DateRangeSlider`: native range inputs over day numbers (days since
 * 1970-01-01, UTC), `step` days apart, each handle reading its ISO date to assistive
 * technology. Client-writable: `value` (an ISO date, or a [lower, upper] pair of them),
 * sent while dragging, and `value_throttled`, sent when the user lets go.
 */

import { ControlView, h } from "./base.js";
import { RangeSliderView } from "./range_slider.js";

const DAY_MS = 86400000;

/** The day number of an ISO date or date-time ("2024-12-31", "2024-12-31T00:00:00"), or NaN. */
export function dayNumber(iso) {
  const m = typeof iso === "string" ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : NaN;
}

/** The ISO date ("2024-12-31") of a day number. */
export function isoDay(n) {
  return new Date(Math.round(n) * DAY_MS).toISOString().slice(0, 10);
}

export class DateSliderView extends ControlView {
  createControl() {
    const input = h("input", { type: "range" });
    input.addEventListener("input", () => {
      const day = isoDay(input.valueAsNumber);
      this._show(day);
      this.ctx.edit(this.id, "value", day);
    });
    input.addEventListener("change", () => this.ctx.edit(this.id, "value_throttled", isoDay(input.valueAsNumber)));
    return input;
  }

  get hasReadout() {
    return true;
  }

  _show(day) {
    this.readout.textContent = day;
    this.control.setAttribute("aria-valuetext", day);
  }

  render(props, has) {
    this.renderLabel(props, has);
    const input = this.control;
    // Bounds first: the browser clamps `value` to them.
    if (has("start")) input.min = String(dayNumber(props.start));
    if (has("end")) input.max = String(dayNumber(props.end));
    if (has("step")) input.step = String(props.step ?? 1);
    if (has("value") || has("start") || has("end") || has("step")) {
      const day = dayNumber(props.value);
      if (Number.isFinite(day) && input.valueAsNumber !== day) input.value = String(day);
      this._show(typeof props.value === "string" ? props.value.slice(0, 10) : "");
    }
  }
}

export class DateRangeSliderView extends RangeSliderView {
  toTrack(value) {
    return dayNumber(value);
  }

  fromTrack(position) {
    return isoDay(position);
  }
}
