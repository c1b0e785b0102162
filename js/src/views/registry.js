/**
 * Model type -> view class, and the `ViewManager` that keeps one view per rendered model
 * and turns the document store's `Changes` (document.js) into view updates.
 */

import { ButtonView } from "./button.js";
import { CheckboxView } from "./checkbox.js";
import { AccordionView } from "./accordion.js";
import { HTMLView } from "./html.js";
import { FormView } from "./form.js";
import { LocationView } from "./location.js";
import { MarkdownView } from "./markdown.js";
import { PageView } from "./page.js";
import { PageSettingsView } from "./page_settings.js";
import { ParamFunctionView } from "./param_function.js";
import { ListView } from "./list.js";
import { FlexBoxView } from "./flexbox.js";
import { SelectView } from "./select.js";
import { SliderView } from "./slider.js";
import { StoreView } from "./store.js";
import { StrView } from "./str.js";
import { TextInputView } from "./text_input.js";
import { UnknownView } from "./unknown.js";
import { AlertView } from "./alert.js";
import { CardView } from "./card.js";
import { DataFrameView } from "./dataframe.js";
import { DividerView } from "./divider.js";
import { GridBoxView } from "./gridbox.js";
import { GridSpecView } from "./gridspec.js";
import { ImageView } from "./image.js";
import { JSONView } from "./json.js";
import { SpacerView } from "./spacer.js";
import { TabsView } from "./tabs.js";
import { VegaView } from "./vega.js";
import { TabulatorView } from "./tabulator.js";
import { PlotlyView } from "./plotly.js";
import { BokehView } from "./bokeh.js";
import { CheckboxGroupView } from "./checkbox_group.js";
import { ColorPickerView } from "./color_picker.js";
import { DatePickerView } from "./date_picker.js";
import { FileDownloadView } from "./file_download.js";
import { FileInputView } from "./file_input.js";
import { LoadingSpinnerView } from "./loading_spinner.js";
import { MultiSelectView } from "./multi_select.js";
import { NumberInputView } from "./number_input.js";
import { NumberView } from "./number.js";
import { ProgressView } from "./progress.js";
import { RadioButtonGroupView } from "./radio_group.js";
import { RangeSliderView } from "./range_slider.js";
import { TextAreaInputView } from "./text_area.js";
import { ToggleView } from "./toggle.js";
import { ChatAreaInputView } from "./chat_area_input.js";
import { ChatFeedView } from "./chat_feed.js";
import { ChatInterfaceView } from "./chat_interface.js";
import { ChatMessageView } from "./chat_message.js";
import { AutocompleteInputView } from "./autocomplete.js";
import { CheckButtonGroupView } from "./check_button_group.js";
import { DateRangeSliderView, DateSliderView } from "./date_slider.js";
import { DiscreteSliderView } from "./discrete_slider.js";
import { EditableSliderView } from "./editable_slider.js";
import { LiteralInputView } from "./literal_input.js";
import { MediaView } from "./media.js";
import { MenuButtonView } from "./menu_button.js";
import { MultiChoiceView } from "./multi_choice.js";
import { PDFView } from "./pdf.js";
import { PlayerView } from "./player.js";
import { RadioBoxGroupView } from "./radio_box_group.js";
import { StaticTextView } from "./static_text.js";
import { SwitchView } from "./switch.js";
import { DatetimePickerView, TimePickerView } from "./time_pickers.js";
import { h } from "./base.js";

/** The view class for each model type (PROTOCOL.md §3: the Python class name). */
export const VIEW_TYPES = Object.freeze({
  Column: ListView,
  Row: ListView,
  WidgetBox: ListView,
  FlexBox: FlexBoxView,
  Accordion: AccordionView,
  ParamFunction: ParamFunctionView,
  ParamMethod: ParamFunctionView,
  Param: ParamFunctionView,
  ReactiveExpr: ParamFunctionView,
  Markdown: MarkdownView,
  HTML: HTMLView,
  Str: StrView,
  Tabs: TabsView,
  Card: CardView,
  GridBox: GridBoxView,
  GridSpec: GridSpecView,
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
  Vega: VegaView,
  Plotly: PlotlyView,
  Bokeh: BokehView,
  HoloViews: BokehView,
  DataFrame: DataFrameView,
  Tabulator: TabulatorView,
  IntSlider: SliderView,
  FloatSlider: SliderView,
  TextInput: TextInputView,
  Select: SelectView,
  Checkbox: CheckboxView,
  Button: ButtonView,
  Toggle: ToggleView,
  PasswordInput: TextInputView,
  TextAreaInput: TextAreaInputView,
  IntRangeSlider: RangeSliderView,
  IntInput: NumberInputView,
  FloatInput: NumberInputView,
  MultiSelect: MultiSelectView,
  RadioButtonGroup: RadioButtonGroupView,
  CheckboxGroup: CheckboxGroupView,
  DatePicker: DatePickerView,
  ColorPicker: ColorPickerView,
  FileInput: FileInputView,
  FileDownload: FileDownloadView,
  Number: NumberView,
  Progress: ProgressView,
  LoadingSpinner: LoadingSpinnerView,
  Switch: SwitchView,
  StaticText: StaticTextView,
  RangeSlider: RangeSliderView,
  DiscreteSlider: DiscreteSliderView,
  EditableIntSlider: EditableSliderView,
  EditableFloatSlider: EditableSliderView,
  DateSlider: DateSliderView,
  DateRangeSlider: DateRangeSliderView,
  DatetimePicker: DatetimePickerView,
  TimePicker: TimePickerView,
  AutocompleteInput: AutocompleteInputView,
  MultiChoice: MultiChoiceView,
  CheckButtonGroup: CheckButtonGroupView,
  RadioBoxGroup: RadioBoxGroupView,
  MenuButton: MenuButtonView,
  Player: PlayerView,
  LiteralInput: LiteralInputView,
  Video: MediaView,
  Audio: MediaView,
  PDF: PDFView,
  Location: LocationView,
  Form: FormView,
  Store: StoreView,
  Page: PageView,
  ChatMessage: ChatMessageView,
  ChatFeed: ChatFeedView,
  ChatInterface: ChatInterfaceView,
  ChatAreaInput: ChatAreaInputView,
  FastListTemplate: PageView,
  BootstrapTemplate: PageView,
  MaterialTemplate: PageView,
  VanillaTemplate: PageView,
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
   */
  constructor({ root, store, onEdit, onEvent, onCommit, assetUrl, page = {} }) {
    this.root = root;
    this.store = store;
    this.views = new Map();
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
    const ViewClass = Object.hasOwn(VIEW_TYPES, model.type) ? VIEW_TYPES[model.type] : UnknownView;
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
}
