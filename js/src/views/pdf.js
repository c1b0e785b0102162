/**
 * `PDF`: the document in an `<iframe>` (the browser's PDF viewer, titled "PDF"), opened
 * at `start_page`, with a link "Open the PDF" for browsers without a viewer. A `data:`
 * URL from the server becomes a `blob:` URL first: browsers refuse large `data:` URLs in
 * frames and links.
 */

import { BaseView, h } from "./base.js";

/** The bytes and type of a base64 `data:` URL, or null for any other URL. */
export function decodeDataUrl(url) {
  const m = typeof url === "string" ? /^data:([^;,]+);base64,(.*)$/s.exec(url) : null;
  if (!m) return null;
  try {
    const text = atob(m[2]);
    return { type: m[1], bytes: Uint8Array.from(text, (c) => c.charCodeAt(0)) };
  } catch {
    return null;
  }
}

export class PDFView extends BaseView {
  createElement() {
    // Lazy: a PDF viewer is heavy to start, so one in a hidden tab waits until shown.
    this.frame = h("iframe", { className: "docsync-pdf-frame", title: "PDF", loading: "lazy" });
    this.link = h("a", { className: "docsync-pdf-link", textContent: "Open the PDF", target: "_blank", rel: "noopener" });
    return h("div", { className: "docsync-pdf" }, this.frame, this.link);
  }

  destroy() {
    if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
    super.destroy();
  }

  render(props, has) {
    if (has("src")) {
      if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
      this.blobUrl = null;
      const data = decodeDataUrl(props.src);
      if (data) this.blobUrl = URL.createObjectURL(new Blob([data.bytes], { type: data.type }));
      this.url = this.blobUrl ?? (typeof props.src === "string" ? props.src : "");
    }
    if (has("src") || has("start_page")) {
      const page = Number.isInteger(props.start_page) && props.start_page > 1 ? `#page=${props.start_page}` : "";
      if (this.url) {
        this.frame.src = this.url + page;
        this.link.href = this.url;
      } else {
        this.frame.removeAttribute("src");
        this.link.removeAttribute("href");
      }
      this.link.hidden = !this.url;
    }
  }
}
