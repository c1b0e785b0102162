/** View bundle `views-media.js`: Video, Audio and PDF panes. */

import { MediaView } from "../views/media.js";
import { PDFView } from "../views/pdf.js";

export const VIEWS = { Video: MediaView, Audio: MediaView, PDF: PDFView };
