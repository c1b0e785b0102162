/** View bundle `views-table.js`: data tables (the Tabulator view loads tabulator.js in turn). */

import { DataFrameView } from "../views/dataframe.js";
import { TabulatorView } from "../views/tabulator.js";

export const VIEWS = { DataFrame: DataFrameView, Tabulator: TabulatorView };
