/**
 * `Player`: buttons that play `value` from `start` to `end` on a timer (one `step` every
 * `interval` ms), a slider named "<name> frame", and (with `show_loop_controls`) a
 * `radiogroup` of loop policies, all in a `group` named by the label. Every part is a
 * native control, so Tab reaches it and Enter, Space or the arrow keys operate it.
 * The page runs the timer. Client-writable: `value` (each frame), `direction` (1
 * forwards, -1 backwards, 0 paused) and `loop_policy`.
 *
 * `DiscretePlayer` is the same view over positions 0..`end` of its options, with
 * `labels`: the label of each position, shown and given as the slider's value text.
 */

import { h, readout } from "./base.js";
import { GroupView, choice } from "./group.js";

const POLICIES = ["once", "loop", "reflect"];

/**
 * The frame after `value` when playing in `direction`: `{value, direction}`. At an end,
 * "once" stops there (direction 0), "loop" jumps to the other end, "reflect" turns back.
 */
export function nextFrame(value, { start, end, step, direction, policy }) {
  const next = value + direction * step;
  if (next >= start && next <= end) return { value: next, direction };
  if (policy === "loop") return { value: direction > 0 ? start : end, direction };
  if (policy === "reflect") {
    const back = value - direction * step;
    return back >= start && back <= end ? { value: back, direction: -direction } : { value, direction: 0 };
  }
  return { value: direction > 0 ? end : start, direction: 0 };
}

export class PlayerView extends GroupView {
  createGroup() {
    const button = (label, text, onClick) => {
      const b = h("button", { type: "button", className: "docsync-button docsync-player-button", textContent: text });
      b.setAttribute("aria-label", label);
      b.addEventListener("click", onClick);
      return b;
    };
    this.state = { value: 0, start: 0, end: 10, step: 1, direction: 0, policy: "once", interval: 500 };
    this.buttons = [
      button("First", "«", () => this._jump(this.state.start)),
      button("Step back", "‹", () => this._jump(this.state.value - this.state.step)),
      button("Play backwards", "◀", () => this._play(-1)),
      button("Pause", "||", () => this._play(0)),
      button("Play", "▶", () => this._play(1)),
      button("Step forward", "›", () => this._jump(this.state.value + this.state.step)),
      button("Last", "»", () => this._jump(this.state.end)),
    ];
    this.slider = h("input", { type: "range" });
    this.slider.addEventListener("input", () => this._jump(this.slider.valueAsNumber));
    this.loops = POLICIES.map((policy) => {
      const input = h("input", { type: "radio", value: policy });
      input.addEventListener("change", () => {
        if (!input.checked) return;
        this.state.policy = policy;
        this.ctx.edit(this.id, "loop_policy", policy);
      });
      return input;
    });
    this.loopGroup = h("div", { className: "docsync-choices docsync-inline", role: "radiogroup" });
    this.value = readout();
    return h("div", { className: "docsync-player-box" },
      h("div", { className: "docsync-player-buttons" }, ...this.buttons), this.slider, this.value, this.loopGroup);
  }

  destroy() {
    clearInterval(this.timer);
    super.destroy();
  }

  _show() {
    const { value, direction } = this.state;
    if (this.slider.valueAsNumber !== value) this.slider.value = String(value);
    const text = this.labels ? String(this.labels[value] ?? "") : String(value);
    this.value.textContent = text;
    if (this.labels) this.slider.setAttribute("aria-valuetext", text);
    else this.slider.removeAttribute("aria-valuetext");
    this.buttons[2].setAttribute("aria-pressed", String(direction < 0));
    this.buttons[4].setAttribute("aria-pressed", String(direction > 0));
  }

  /** Show frame `value` (clamped to the ends) and pause. */
  _jump(value) {
    const v = Math.min(Math.max(Math.round(value), this.state.start), this.state.end);
    this._play(0);
    if (v !== this.state.value) {
      this.state.value = v;
      this.ctx.edit(this.id, "value", v);
    }
    this._show();
  }

  _play(direction) {
    if (direction !== this.state.direction) {
      this.state.direction = direction;
      this.ctx.edit(this.id, "direction", direction);
    }
    this._restart();
    this._show();
  }

  _restart() {
    clearInterval(this.timer);
    this.timer = null;
    if (this.state.direction === 0) return;
    this.timer = setInterval(() => {
      const { value, direction } = nextFrame(this.state.value, this.state);
      if (value !== this.state.value) {
        this.state.value = value;
        this.ctx.edit(this.id, "value", value);
      }
      if (direction !== this.state.direction) this._play(direction);
      this._show();
    }, this.state.interval);
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("name")) {
      const name = props.name || this.type;
      this.slider.setAttribute("aria-label", `${name} frame`);
      this.loopGroup.setAttribute("aria-label", `${name} loop`);
      this.loops.forEach((input, i) => {
        input.name = `${this.label.id}-loop`;
        input.id = `${this.label.id}-loop-${i}`;
      });
      this.loopGroup.replaceChildren(...this.loops.map((input, i) => choice(input, POLICIES[i][0].toUpperCase() + POLICIES[i].slice(1))));
    }
    if (has("disabled")) for (const c of [...this.buttons, this.slider, ...this.loops]) c.disabled = Boolean(props.disabled);
    const s = this.state;
    if (has("labels")) this.labels = Array.isArray(props.labels) ? props.labels : null;
    if (has("start")) s.start = Number(props.start ?? 0);
    if (has("end")) s.end = Number(props.end ?? 10);
    if (has("step")) s.step = Math.max(1, Number(props.step ?? 1));
    if (has("value")) s.value = Number(props.value ?? s.start);
    if (has("loop_policy")) s.policy = POLICIES.includes(props.loop_policy) ? props.loop_policy : "once";
    if (has("interval")) s.interval = Math.max(10, Number(props.interval ?? 500));
    if (has("start")) this.slider.min = String(s.start);
    if (has("end")) this.slider.max = String(s.end);
    if (has("step")) this.slider.step = String(s.step);
    if (has("show_value")) this.value.hidden = props.show_value !== true;
    if (has("show_loop_controls")) this.loopGroup.hidden = props.show_loop_controls === false;
    this.loops.forEach((input, i) => {
      input.checked = POLICIES[i] === s.policy;
    });
    if (has("direction") || has("interval")) {
      s.direction = [-1, 0, 1].includes(props.direction) ? props.direction : 0;
      this._restart();
    }
    this._show();
  }
}
