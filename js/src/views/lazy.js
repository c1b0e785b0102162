/**
 * Views that are not in docsync.js: model type -> the view bundle (`views-NAME.js` beside
 * docsync.js, built from src/chunks/NAME.js) whose `VIEWS` holds its view class. A page
 * fetches a view bundle the first time it shows one of its types, so pages without tables,
 * charts, chat or the rarer widgets download none of their code. The notebook bundle
 * imports every chunk and needs none of this (notebook.js).
 *
 * Every type listed here must be in its chunk's `VIEWS`, and nowhere else (a node test
 * checks both directions).
 */

import { bundleSource, loadBundle } from "./bundle.js";

const CHUNK_TYPES = {
  table: ["DataFrame", "Tabulator"],
  plot: ["Vega", "Plotly", "Bokeh", "HoloViews"],
  chat: ["ChatMessage", "ChatFeed", "ChatInterface", "ChatAreaInput"],
  media: ["Video", "Audio", "PDF"],
  layout: ["Tabs", "Card", "Accordion", "FlexBox", "GridBox", "GridSpec"],
  page: ["Page", "FastListTemplate", "BootstrapTemplate", "MaterialTemplate", "VanillaTemplate"],
  widgets: ["IntRangeSlider", "RangeSlider", "DatePicker", "ColorPicker", "FileInput", "Switch",
    "StaticText", "DiscreteSlider", "EditableIntSlider", "EditableFloatSlider", "DateSlider",
    "DateRangeSlider", "DatetimePicker", "TimePicker", "AutocompleteInput", "MultiChoice",
    "CheckButtonGroup", "RadioBoxGroup", "MenuButton", "Player", "DiscretePlayer", "LiteralInput"],
  editor: ["JSONEditor"],
};

/** Model type -> chunk name. */
export const LAZY_VIEWS = Object.freeze(Object.fromEntries(
  Object.entries(CHUNK_TYPES).flatMap(([chunk, types]) => types.map((type) => [type, chunk]))));

/** The global a view bundle publishes its `VIEWS` as: `views-table.js` -> `docsyncViewsTable`. */
export function chunkGlobal(chunk) {
  return `docsyncViews${chunk[0].toUpperCase()}${chunk.slice(1)}`;
}

/** A promise of chunk `chunk`'s `{type: ViewClass}`, fetched once per page (views/bundle.js). */
export function loadChunk(ctx, chunk) {
  const global = chunkGlobal(chunk);
  return loadBundle({ key: global, global }, bundleSource(ctx, `views-${chunk}.js`));
}
