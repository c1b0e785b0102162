/** View bundle `views-editor.js`: the JSONEditor widget's tree and text editor. */

import { JSONEditorView } from "../views/json_editor.js";

export const VIEWS = { JSONEditor: JSONEditorView };
