/**
 * `FileDownload`: a native button. A click sends a "click" event; the server answers this
 * page alone with a "download" command (PROTOCOL.md §4), data `{filename, mime_type, data}`
 * (`data` base64), or, for a large file, `{filename, mime_type, url}` (a URL relative to
 * the page, good for one request: docsync/runtime/download.py), which `saveDownload`
 * saves. The file is no document state: nothing of it stays in the document after the save.
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
 * The link of a "download" command that names its file by URL: `{ filename, href }` with
 * `href` resolved against `base` (the page's URL), or null when `data.url` is not text or
 * not an http(s) URL of the page's own origin.
 */
export function downloadLink(data, base) {
  if (typeof data?.url !== "string") return null;
  let href;
  try {
    href = new URL(data.url, base);
  } catch {
    return null;
  }
  if (!["http:", "https:"].includes(href.protocol) || href.origin !== new URL(base).origin) return null;
  const filename = typeof data.filename === "string" && data.filename ? data.filename : "download";
  return { filename, href: href.href };
}

function clickLink(href, filename) {
  const link = h("a", { href, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Save a "download" command's file through a hidden link, as a user's click on a download
 * link would: to its URL, or to a Blob URL of its bytes. Returns false (and saves nothing)
 * when `data` holds no file.
 */
export function saveDownload(data) {
  const link = downloadLink(data, location.href);
  if (link !== null) {
    clickLink(link.href, link.filename);
    return true;
  }
  const file = downloadFile(data);
  if (file === null) return false;
  const url = URL.createObjectURL(new Blob([file.bytes], { type: file.type }));
  clickLink(url, file.filename);
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
