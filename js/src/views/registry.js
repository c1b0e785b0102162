/**
 * Model type -> view class, and the `ViewManager` that keeps one view per rendered model
 * and turns the document store's `Changes` (document.js) into view updates. The views of
 * the types in views/lazy.js are in separate view bundles, fetched when first needed.
 */

import { ButtonView } from "./button.js";
import { CheckboxView } from "./checkbox.js";
import { HTMLView } from "./html.js";
import { FormView } from "./form.js";
import { LocationView } from "./location.js";
import { MarkdownView } from "./markdown.js";
import { PageSettingsView } from "./page_settings.js";
import { ParamFunctionView } from "./param_function.js";
import { ListView } from "./list.js";
import { SelectView } from "./select.js";
import { SliderView } from "./slider.js";
import { StoreView } from "./store.js";
import { StrView } from "./str.js";
import { TextInputView } from "./text_input.js";
import { UnknownView } from "./unknown.js";
import { AlertView } from "./alert.js";
import { DividerView } from "./divider.js";
import { ImageView } from "./image.js";
import { JSONView } from "./json.js";
import { SpacerView } from "./spacer.js";
import { CheckboxGroupView } from "./checkbox_group.js";
import { FileDownloadView } from "./file_download.js";
import { LoadingSpinnerView } from "./loading_spinner.js";
import { MultiSelectView } from "./multi_select.js";
import { NumberInputView } from "./number_input.js";
import { NumberView } from "./number.js";
import { ProgressView } from "./progress.js";
import { RadioButtonGroupView } from "./radio_group.js";
import { TextAreaInputView } from "./text_area.js";
import { ToggleView } from "./toggle.js";
import { h } from "./base.js";
import { LAZY_VIEWS, loadChunk } from "./lazy.js";

/** The view class for each model type in docsync.js (PROTOCOL.md §3: the Python class
 * name); views/lazy.js names the others. */
export const VIEW_TYPES = Object.freeze({
  Column: ListView,
  Row: ListView,
  WidgetBox: ListView,
  ParamFunction: ParamFunctionView,
  ParamMethod: ParamFunctionView,
  Param: ParamFunctionView,
  ReactiveExpr: ParamFunctionView,
  Markdown: MarkdownView,
  HTML: HTMLView,
  Str: StrView,
  Spacer: SpacerView,
  HSpacer: SpacerView,
  VSpacer: SpacerView,
  Divider: DividerView,
  Alert: AlertView,
  JSON: JSONView,
  Image: ImageView,
  PNG: ImageView,
  JPG: ImageView,
  GIF: ImageView,
  SVG: ImageView,
  WebP: ImageView,
  Matplotlib: ImageView,
  IntSlider: SliderView,
  FloatSlider: SliderView,
  TextInput: TextInputView,
  Select: SelectView,
  Checkbox: CheckboxView,
  Button: ButtonView,
  Toggle: ToggleView,
  PasswordInput: TextInputView,
  TextAreaInput: TextAreaInputView,
  IntInput: NumberInputView,
  FloatInput: NumberInputView,
  MultiSelect: MultiSelectView,
  RadioButtonGroup: RadioButtonGroupView,
  CheckboxGroup: CheckboxGroupView,
  FileDownload: FileDownloadView,
  Number: NumberView,
  Progress: ProgressView,
  LoadingSpinner: LoadingSpinnerView,
  Location: LocationView,
  Form: FormView,
  Store: StoreView,
  PageSettings: PageSettingsView,
});

export class ViewManager {
  /**
   * @param {object} options
   * @param {HTMLElement} options.root  the element the document's roots render into
   * @param {DocumentStore} options.store
   * @param {(id, name, value) => void} options.onEdit
   * @param {(id, name, data) => void} options.onEvent
   * @param {(edits: Array<[string, string, unknown]>) => void} [options.onCommit]  send
   *   these edits now, in one `patch` message (a form's submit)
   * @param {(name: string) => Promise<string>} [options.assetUrl]  the views' `ctx.assetUrl`
   * @param {object} [options.page]  the views' `ctx.page`: one object per page, shared by
   *   every view (views/page_settings.js writes the session's page settings into it)
   * @param {object} [options.views]  view classes by type beyond `VIEW_TYPES`, used as they
   *   are (the notebook bundle gives every chunk's); a type in neither but in `LAZY_VIEWS`
   *   gets its view bundle fetched, with a placeholder shown meanwhile
   */
  constructor({ root, store, onEdit, onEvent, onCommit, assetUrl, page = {}, views = {} }) {
    this.root = root;
    this.store = store;
    this.views = new Map();
    // Own copy: view bundles, once fetched, add their types to it.
    this.types = { ...views, ...VIEW_TYPES };
    this.ctx = this._context({
      edit: onEdit,
      event: onEvent,
      commit: onCommit ?? ((edits) => edits.forEach(([id, name, value]) => onEdit(id, name, value))),
      page,
      ...(assetUrl ? { assetUrl } : {}),
    });
  }

  /**
   * A view context over `base` (see base.js). `derive(overrides)` makes the context of a
   * subtree: the views created through its `child` get the overridden functions (a form
   * gives its fields an `edit` that it holds back until submit).
   */
  _context(base) {
    const ctx = {
      ...base,
      child: (ref) => this._child(ref, ctx),
      derive: (overrides) => this._context({ ...base, ...overrides }),
    };
    return ctx;
  }

  /** Render the roots from scratch (after the first snapshot). */
  renderRoots() {
    this.root.replaceChildren(...this.store.doc.roots.map((id) => this._child({ ref: id })));
  }

  /** Update the page after the store reported `changes`. */
  apply(changes) {
    const added = new Set(changes.added);
    // A model whose type changed under the same id: swap its view in place.
    for (const id of changes.removed) {
      const old = this.views.get(id);
      if (!old || !added.has(id)) continue;
      this.views.delete(id);
      const replacement = this._child({ ref: id }, old.ctx);
      if (old.el.isConnected) old.el.replaceWith(replacement);
    }
    for (const [id, names] of changes.changed) {
      const view = this.views.get(id);
      const model = this.store.model(id);
      if (view && model) {
        view.update(model.props, names);
        view.ctx.changed?.(id, names);
      }
    }
    if (changes.roots) this.renderRoots();
    for (const id of changes.removed) {
      if (added.has(id)) continue;
      this.views.get(id)?.destroy();
      this.views.delete(id);
    }
  }

  /** Mark the views of these model ids as refused by the server (PROTOCOL.md §5). */
  flagError(ids) {
    for (const id of ids) this.views.get(id)?.flagError();
  }

  _child(ref, ctx = this.ctx) {
    const id = ref && typeof ref === "object" ? ref.ref : undefined;
    const existing = this.views.get(id);
    if (existing) return existing.el;
    const model = this.store.model(id);
    if (!model) return h("div", { className: "docsync-unknown", textContent: `missing model ${String(id)}` });
    if (!Object.hasOwn(this.types, model.type) && Object.hasOwn(LAZY_VIEWS, model.type)) {
      return this._pending(id, ctx, LAZY_VIEWS[model.type]);
    }
    const ViewClass = Object.hasOwn(this.types, model.type) ? this.types[model.type] : UnknownView;
    let view;
    try {
      view = new ViewClass(ctx, id, model);
    } catch (err) {
      // A view must never take the page down with it.
      console.error(`docsync: cannot render ${model.type} ${id}`, err);
      view = new UnknownView(ctx, id, { type: model.type, props: {} });
    }
    this.views.set(id, view);
    return view.el;
  }

  /**
   * A placeholder for model `id` while its view bundle `chunk` loads; then the real view,
   * made from the model as it is by then, takes the placeholder's place (in the page and in
   * `views`). Changes that arrive meanwhile need no replay: the view starts from them. A
   * placeholder destroyed or replaced meanwhile is dropped. A bundle that cannot be loaded
   * is said in the placeholder; a later model of its types tries again.
   */
  _pending(id, ctx, chunk) {
    const el = h("div", { className: "docsync-pending", "aria-busy": "true" });
    const pending = { el, ctx, gone: false, update() {}, flagError() {}, destroy() { this.gone = true; } };
    this.views.set(id, pending);
    loadChunk(ctx, chunk).then(
      (classes) => {
        Object.assign(this.types, classes);
        if (pending.gone || this.views.get(id) !== pending) return;
        this.views.delete(id);
        const real = this._child({ ref: id }, ctx);
        if (el.parentNode) el.replaceWith(real);
      },
      (err) => {
        console.error(`docsync: cannot load view bundle views-${chunk}.js`, err);
        el.removeAttribute("aria-busy");
        el.replaceChildren(h("div", { className: "docsync-unknown", role: "alert", textContent: `Cannot show this ${this.store.model(id)?.type ?? "component"}: ${err.message}` }));
      },
    );
    return el;
  }
}
