/**
 * `FileDownload`: a native button. A click sends a "click" event; the server answers this
 * page alone with a "download" command (PROTOCOL.md §4), data `{filename, mime_type, data}`
 * (`data` base64), which `saveDownload` saves. The file is no document state: nothing of
 * it stays in the document after the save.
 */

import { BaseView, h } from "./base.js";
import { setButtonType } from "./button.js";

/** The text of the button: `label`, else "Download <filename>". */
export function downloadLabel(props) {
  if (props.label) return String(props.label);
  return props.filename ? `Download ${props.filename}` : "Download";
}

/**
 * The file of a "download" command's data: `{ filename, type, bytes }` (`bytes` a
 * Uint8Array), or null when `data.data` is not base64 text. A missing filename is
 * "download" and a missing type "application/octet-stream".
 */
export function downloadFile(data) {
  if (typeof data?.data !== "string") return null;
  let binary;
  try {
    binary = atob(data.data);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const filename = typeof data.filename === "string" && data.filename ? data.filename : "download";
  const type = typeof data.mime_type === "string" && data.mime_type ? data.mime_type : "application/octet-stream";
  return { filename, type, bytes };
}

/**
 * Save a "download" command's file through a hidden link to a Blob URL, as a user's
 * click on a download link would. Returns false (and saves nothing) when `data` holds
 * no file.
 */
export function saveDownload(data) {
  const file = downloadFile(data);
  if (file === null) return false;
  const url = URL.createObjectURL(new Blob([file.bytes], { type: file.type }));
  const link = h("a", { href: url, download: file.filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; free it once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return true;
}

export class FileDownloadView extends BaseView {
  createElement() {
    const button = h("button", { type: "button", className: "docsync-button" });
    button.addEventListener("click", () => this.ctx.event(this.id, "click", {}));
    return button;
  }

  render(props, has) {
    if (has("label") || has("filename")) this.el.textContent = downloadLabel(props);
    if (has("disabled")) this.el.disabled = Boolean(props.disabled);
    if (has("button_type")) setButtonType(this.el, props.button_type);
  }
}
