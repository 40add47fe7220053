import PDFDocument, { type DocumentOptions } from "pdfkit";
import type { FontKind } from "./bidi.ts";
import { loadFonts } from "./fonts.ts";
import type { VerticalMetrics } from "./typeset.ts";

/** A pdfkit document with the platform's fonts registered, and the way to get its bytes. */
export interface StartedPdf {
  doc: PDFDocument;
  /** The regular weights' metrics, which lines are spaced by (typeset.ts). */
  metrics: Record<FontKind, VerticalMetrics>;
  /** Ends the document and resolves to the whole file. */
  finish(): Promise<Buffer>;
}

/**
 * Opens a PDF 1.7 document that shows its title and names the platform as creator, with the four
 * font files (fonts.ts) registered under the names typeset.ts's `fontName` gives.
 */
export function startPdf(options: DocumentOptions): StartedPdf {
  const files = loadFonts();
  const doc = new PDFDocument({
    pdfVersion: "1.7",
    displayTitle: true,
    ...options,
    info: { ...options.info, Creator: "WSIS Platform" },
  });
  // Listen before anything is drawn: pdfkit streams pages out as they are written.
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  for (const [name, font] of Object.entries(files)) doc.registerFont(name, font.data);
  return {
    doc,
    metrics: { base: files["base-regular"].metrics, arabic: files["arabic-regular"].metrics },
    async finish() {
      doc.end();
      await finished;
      return Buffer.concat(chunks);
    },
  };
}
