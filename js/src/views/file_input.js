/**
 * `FileInput`: a native file input with a label. The chosen file goes to the server as one
 * `event` named "upload" with `{filename, mime_type, data}` (`data` base64; see
 * docsync/widgets/files.py for why an event). A file over `max_size` or outside `accept` is not
 * sent: the page says why, next to the input (role alert).
 */

import { ControlView, h } from "./base.js";

/** `size` bytes for people, as the server says it: "812 bytes", "12.3 KiB", "4.0 MiB". */
export function formatSize(size) {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Whether a file matches an HTML `accept` list (".csv,image/*,text/plain"; "" accepts all). */
export function accepts(accept, filename, mimeType) {
  const tokens = String(accept ?? "").split(",").map((t) => t.trim().toLowerCase()).filter(Boolean);
  if (tokens.length === 0) return true;
  const name = filename.toLowerCase();
  const mime = mimeType.toLowerCase();
  return tokens.some((t) => (t.startsWith(".") ? name.endsWith(t) : t.endsWith("/*") ? mime.startsWith(t.slice(0, -1)) : mime === t));
}

/** Why `file` ({name, size, type}) may not be uploaded, or null when it may. */
export function uploadProblem(file, { accept = "", maxSize = Infinity } = {}) {
  if (file.size > maxSize) return `${file.name} is ${formatSize(file.size)}; the limit is ${formatSize(maxSize)}.`;
  if (!accepts(accept, file.name, file.type)) return `${file.name} is not one of the accepted types: ${accept}.`;
  return null;
}

export class FileInputView extends ControlView {
  createControl() {
    const input = h("input", { type: "file" });
    input.addEventListener("change", () => this._upload(input.files?.[0]));
    return input;
  }

  createElement() {
    const el = super.createElement();
    this.note = h("div", { className: "docsync-file-note" });
    this.error = h("div", { className: "docsync-file-error", role: "alert" });
    el.append(this.note, this.error);
    return el;
  }

  _upload(file) {
    this.error.textContent = "";
    if (!file) return;
    const problem = uploadProblem(file, { accept: this.accept, maxSize: this.maxSize });
    if (problem) {
      this.error.textContent = problem;
      this.control.value = "";
      return;
    }
    const reader = new FileReader();
    reader.addEventListener("load", () => {
      const url = String(reader.result);
      const data = url.slice(url.indexOf(",") + 1);
      this.ctx.event(this.id, "upload", { filename: file.name, mime_type: file.type, data });
    });
    reader.addEventListener("error", () => {
      this.error.textContent = `${file.name} could not be read.`;
    });
    reader.readAsDataURL(file);
  }

  /** The server refused the upload (its message shows as a toast): clear the choice. */
  flagError(ms) {
    super.flagError(ms);
    this.control.value = "";
  }

  render(props, has) {
    this.renderLabel(props, has);
    if (has("accept")) {
      this.accept = typeof props.accept === "string" ? props.accept : "";
      this.control.accept = this.accept;
    }
    if (has("max_size")) this.maxSize = Number.isFinite(props.max_size) ? props.max_size : Infinity;
    if (has("filename")) this.note.textContent = props.filename ? `Uploaded ${props.filename}` : "";
  }
}
