/** View bundle `views-plot.js`: charts (each loads its plotting library in turn). */

import { BokehView } from "../views/bokeh.js";
import { PlotlyView } from "../views/plotly.js";
import { VegaView } from "../views/vega.js";

export const VIEWS = { Vega: VegaView, Plotly: PlotlyView, Bokeh: BokehView, HoloViews: BokehView };
