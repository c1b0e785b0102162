/**
 * `IntRangeSlider` / `RangeSlider`: two native range inputs over one track, in a group
 * named by the label; each handle is keyboard-operable and named "<name> lower" /
 * "<name> upper". Client-writable: `value` ([lower, upper]; whole numbers for
 * IntRangeSlider), sent while dragging, and `value_throttled`, sent when the user lets
 * go (`value` only then too with `pn.config.throttled`). A handle cannot pass the other.
 * Subclasses map other values onto the track by overriding `toTrack`, `fromTrack` and
 * `valueText`.
 */

import { h } from "./base.js";
import { GroupView } from "./group.js";

export class RangeSliderView extends GroupView {
  createGroup() {
    this.fill = h("div", { className: "docsync-range-fill" });
    this.lower = h("input", { type: "range" });
    this.upper = h("input", { type: "range" });
    for (const [input, other, isLower] of [[this.lower, this.upper, true], [this.upper, this.lower, false]]) {
      input.addEventListener("input", () => {
        if (isLower ? input.valueAsNumber > other.valueAsNumber : input.valueAsNumber < other.valueAsNumber) input.value = other.value;
        this._showValue();
        if (!this.ctx.page?.throttled) this.ctx.edit(this.id, "value", this._pair());
      });
      input.addEventListener("change", () => {
        // pn.config.throttled: `value` too only now, when the user lets go.
        if (this.ctx.page?.throttled) this.ctx.edit(this.id, "value", this._pair());
        this.ctx.edit(this.id, "value_throttled", this._pair());
      });
    }
    return h("div", { className: "docsync-range" }, this.fill, this.lower, this.upper);
  }

  get hasReadout() {
    return true;
  }

  /** A value (an end of the prop `value`, `start` or `end`) as a position on the track. */
  toTrack(value) {
    return Number(value);
  }

  /** A position on the track as the value sent to the server. */
  fromTrack(position) {
    return this.type === "IntRangeSlider" ? Math.round(position) : position;
  }

  /** How the readout shows a sent value. */
  valueText(value) {
    return String(value);
  }

  _pair() {
    return [this.fromTrack(this.lower.valueAsNumber), this.fromTrack(this.upper.valueAsNumber)];
  }

  _showValue() {
    const [lo, hi] = [this.lower.valueAsNumber, this.upper.valueAsNumber];
    const [loText, hiText] = [this.valueText(this.fromTrack(lo)), this.valueText(this.fromTrack(hi))];
    this.readout.textContent = `${loText} – ${hiText}`;
    // What assistive technology reads for each handle: the value, not the track position.
    this.lower.setAttribute("aria-valuetext", loText);
    this.upper.setAttribute("aria-valuetext", hiText);
    const min = Number(this.lower.min);
    const span = Number(this.lower.max) - min;
    const at = (v) => (span > 0 ? ((v - min) / span) * 100 : 0);
    this.fill.style.left = `${at(lo)}%`;
    this.fill.style.right = `${100 - at(hi)}%`;
    // The upper handle lies on top; at the top end only the lower one can move, so raise it.
    this.lower.style.zIndex = lo >= min + span ? "1" : "";
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("name")) {
      const name = props.name || this.type;
      this.lower.setAttribute("aria-label", `${name} lower`);
      this.upper.setAttribute("aria-label", `${name} upper`);
    }
    if (has("disabled")) this.lower.disabled = this.upper.disabled = Boolean(props.disabled);
    // Bounds first: the browser clamps `value` to them.
    for (const input of [this.lower, this.upper]) {
      if (has("start")) input.min = String(this.toTrack(props.start ?? 0));
      if (has("end")) input.max = String(this.toTrack(props.end ?? 100));
      if (has("step")) input.step = props.step == null ? "any" : String(props.step);
    }
    if (has("value") || has("start") || has("end") || has("step")) {
      const [lo, hi] = (Array.isArray(props.value) ? props.value : [props.start, props.end]).map((v) => this.toTrack(v));
      if (this.lower.valueAsNumber !== lo) this.lower.value = String(lo);
      if (this.upper.valueAsNumber !== hi) this.upper.value = String(hi);
      this._showValue();
    }
  }
}
