/**
 * Entry of the separate Plotly bundle (`docsync/static/plotly.js`, ~4.7 MiB): the full
 * minified plotly.js (every trace type) and docsync's chart around it (plotly_chart.js).
 * It is large, so the main bundle loads it with a <script> only when a page shows a
 * `Plotly` pane (views/plotly.js); it publishes `globalThis.docsyncPlotly`.
 */

import Plotly from "plotly.js-dist-min";

import { PlotlyChart } from "./plotly_chart.js";

globalThis.docsyncPlotly = Object.freeze({ Plotly, PlotlyChart });
