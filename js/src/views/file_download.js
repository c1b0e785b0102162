/**
 * `FileDownload`: a native button. A click sends a "click" event; the server answers with
 * the file in `data` (base64) and a higher `downloads` count, and the page then saves
 * `data` as `filename`. Only a rise of `downloads` after the first render saves a file.
 */

import { BaseView, h } from "./base.js";
import { setButtonType } from "./button.js";

/** The text of the button: `label`, else "Download <filename>". */
export function downloadLabel(props) {
  if (props.label) return String(props.label);
  return props.filename ? `Download ${props.filename}` : "Download";
}

export class FileDownloadView extends BaseView {
  createElement() {
    const button = h("button", { type: "button", className: "docsync-button" });
    button.addEventListener("click", () => this.ctx.event(this.id, "click", {}));
    this.downloads = null;
    return button;
  }

  _save(data, filename, mimeType) {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: mimeType || "application/octet-stream" }));
    const link = h("a", { href: url, download: filename || "download", hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started from the object URL; free it once the browser has read it.
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  render(props, has) {
    if (has("label") || has("filename")) this.el.textContent = downloadLabel(props);
    if (has("disabled")) this.el.disabled = Boolean(props.disabled);
    if (has("button_type")) setButtonType(this.el, props.button_type);
    if (has("downloads")) {
      const rose = this.downloads !== null && props.downloads > this.downloads;
      this.downloads = props.downloads;
      if (rose && typeof props.data === "string") this._save(props.data, props.filename, props.mime_type);
    }
  }
}
