/**
 * `Video` / `Audio`: the browser's own `<video>` / `<audio>` player with its controls
 * (keyboard-operable, named by the pane type). The server's `src`, `autoplay`, `loop`
 * are applied; `paused`, `time` (seconds), `volume` (0–100, or null to leave the
 * browser's) and `muted` are synced both ways: the page sends them as the user plays,
 * pauses, seeks or turns the volume, `time` at most every `throttle` ms while playing.
 * A value equal to the last one known is not sent again, so applying the server's
 * values does not echo them back.
 */

import { BaseView, h } from "./base.js";

/** Whether a `timeupdate` at `now` (ms) should send `time`, given the last send. */
export function timeDue(now, lastSent, throttleMs) {
  return lastSent === null || now - lastSent >= throttleMs;
}

export class MediaView extends BaseView {
  createElement() {
    const el = h(this.type === "Audio" ? "audio" : "video", { controls: true, preload: "metadata", className: "docsync-media" });
    el.setAttribute("aria-label", this.type);
    this.known = { paused: true, time: 0, volume: null, muted: false };
    this.lastTimeSent = null;
    const send = (name, value) => {
      if (this.known[name] === value) return;
      this.known[name] = value;
      this.ctx.edit(this.id, name, value);
    };
    el.addEventListener("play", () => send("paused", false));
    el.addEventListener("pause", () => {
      send("paused", true);
      send("time", el.currentTime);
    });
    el.addEventListener("seeked", () => send("time", el.currentTime));
    el.addEventListener("timeupdate", () => {
      const now = performance.now();
      if (el.paused || !timeDue(now, this.lastTimeSent, this.throttle ?? 250)) return;
      this.lastTimeSent = now;
      send("time", el.currentTime);
    });
    el.addEventListener("volumechange", () => {
      send("volume", Math.round(el.volume * 100));
      send("muted", el.muted);
    });
    return el;
  }

  render(props, has) {
    const el = this.el;
    if (has("src")) {
      if (typeof props.src === "string" && props.src) el.src = props.src;
      else el.removeAttribute("src");
    }
    if (has("autoplay")) el.autoplay = Boolean(props.autoplay);
    if (has("loop")) el.loop = Boolean(props.loop);
    if (has("throttle")) this.throttle = Number.isFinite(props.throttle) ? props.throttle : 250;
    if (has("muted")) {
      this.known.muted = Boolean(props.muted);
      el.muted = this.known.muted;
    }
    if (has("volume") && Number.isFinite(props.volume)) {
      this.known.volume = props.volume;
      el.volume = Math.min(Math.max(props.volume / 100, 0), 1);
    }
    if (has("time") && Number.isFinite(props.time)) {
      this.known.time = props.time;
      // A small difference is the player moving on; only a real seek moves it.
      if (Math.abs(el.currentTime - props.time) > 0.5) el.currentTime = props.time;
    }
    if (has("paused")) {
      this.known.paused = props.paused !== false;
      if (this.known.paused && !el.paused) el.pause();
      else if (!this.known.paused && el.paused) {
        // The browser may refuse to play (no user gesture yet): tell the server.
        el.play()?.catch?.(() => {
          this.known.paused = true;
          this.ctx.edit(this.id, "paused", true);
        });
      }
    }
  }
}
