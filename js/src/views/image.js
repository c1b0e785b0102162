/**
 * `Image`, `PNG`, `JPG`, `GIF`, `SVG`, `WebP` and `Matplotlib`: an `<img>` of `src` (a
 * data: URL the server made, or an http(s) URL), in a `<figure>` with an optional
 * `caption` and `link_url` (checked on the server). SVG shown through `<img>` runs no
 * script. The image fills a set `width`/`height`; with `fixed_aspect` it keeps its shape.
 */

import { BaseView, h } from "./base.js";

export class ImageView extends BaseView {
  createElement() {
    this.img = h("img", { className: "docsync-image-img", decoding: "async" });
    this.frame = h("div", { className: "docsync-image-frame" }, this.img);
    this.caption = h("figcaption", { className: "docsync-image-caption", hidden: true });
    return h("figure", {}, this.frame, this.caption);
  }

  render(props, has) {
    if (has("src")) {
      if (typeof props.src === "string" && props.src) this.img.src = props.src;
      else this.img.removeAttribute("src");
    }
    if (has("alt_text")) {
      const alt = typeof props.alt_text === "string" ? props.alt_text : "";
      this.img.alt = alt || (this.type === "Matplotlib" ? "Figure" : "");
    }
    if (has("caption")) {
      this.caption.textContent = typeof props.caption === "string" ? props.caption : "";
      this.caption.hidden = !this.caption.textContent;
    }
    if (has("link_url")) this._renderLink(props.link_url);
    if (has("width") || has("height") || has("sizing_mode")) {
      const stretch = typeof props.sizing_mode === "string" && props.sizing_mode !== "fixed";
      this.el.classList.toggle("docsync-image-sized", typeof props.width === "number" || typeof props.height === "number" || stretch);
    }
    if (has("fixed_aspect")) this.el.classList.toggle("docsync-image-stretch", props.fixed_aspect === false);
  }

  _renderLink(url) {
    const current = this.frame.firstElementChild;
    if (typeof url === "string" && url) {
      const link = current.tagName === "A" ? current : h("a", { rel: "noopener noreferrer" });
      link.href = url;
      link.append(this.img);
      if (link !== current) this.frame.replaceChildren(link);
    } else if (current.tagName === "A") {
      this.frame.replaceChildren(this.img);
    }
  }
}
