/**
 * Coalescing of user edits: while a slider is dragged or a field typed into, only the
 * latest value of each property is kept, and all of them go out together at most once per
 * scheduled tick (an animation frame in the browser), never after a fixed debounce.
 */

export class EditQueue {
  /**
   * @param {object} options
   * @param {(fn: () => void) => void} options.schedule  run `fn` at the next tick
   * @param {(edits: Array<[string, string, unknown]>) => void} options.flush  receives
   *   `[modelId, propName, value]` triples in first-edit order
   */
  constructor({ schedule, flush }) {
    this.schedule = schedule;
    this.onFlush = flush;
    this.pending = new Map();
    this.scheduled = false;
  }

  /** Record that the user set `id.name` to `value`. */
  set(id, name, value) {
    this.pending.set(JSON.stringify([id, name]), [id, name, value]);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Send what is pending now (before an event, so that messages keep the user's order). */
  flush() {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const edits = [...this.pending.values()];
    this.pending.clear();
    this.onFlush(edits);
  }
}
