import type PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { paragraphDirection } from "../../platform/pdf/bidi.ts";
import { startPdf } from "../../platform/pdf/document.ts";
import { type Block, Typesetter } from "../../platform/pdf/typeset.ts";

/**
 * A Forum badge as a one-page A6 PDF: the edition, the participant's name and organisation, and
 * a QR code carrying the badge token (badges.token.ts), with the token printed under it so the
 * door can type it when a camera fails. Text is laid out by the certificates' typesetter (fonts
 * chosen per run, Arabic shaped and bidi-ordered), so a name in any of the six UN languages'
 * scripts prints correctly; the QR code is drawn as vector squares (no raster image).
 */

export interface BadgeText {
  lang: string;
  documentTitle: string;
  edition: string;
  name: string;
  organisation: string;
  role: string;
  token: string;
  footer: string;
}

const PAGE = { width: 297.64, height: 419.53, margin: 20 } as const;
const TEXT = { left: PAGE.margin, width: PAGE.width - 2 * PAGE.margin } as const;
const QR_SIZE = 150;
const BLUE = "#005a9c";

/** pdfkit's `fill`, which the certificates' type declarations (certificates.pdfkit.d.ts) leave out. */
function fill(doc: PDFDocument, colour: string): void {
  (doc as unknown as { fill(colour: string): unknown }).fill(colour);
}
const INK = "#1a1a1a";

/** Draws the QR code of `text` as filled squares, `size` points wide, from (`x`, `y`). */
function drawQr(doc: PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 4; // the quiet zone the QR standard asks for, in modules
  const cell = size / (modules.size + 2 * quiet);
  fill(doc.rect(x, y, size, size), "#ffffff");
  for (let row = 0; row < modules.size; row += 1)
    for (let column = 0; column < modules.size; column += 1)
      if (modules.get(row, column))
        doc.rect(x + (column + quiet) * cell, y + (row + quiet) * cell, cell, cell);
  fill(doc, INK);
}

export async function renderBadgePdf(text: BadgeText): Promise<Buffer> {
  const { doc, metrics, finish } = startPdf({
    size: [PAGE.width, PAGE.height],
    margin: PAGE.margin,
    lang: text.lang,
    info: { Title: text.documentTitle, Author: "WSIS Forum", Subject: text.edition },
  });
  fill(doc.rect(0, 0, PAGE.width, 56), BLUE);

  const setter = new Typesetter(doc, metrics, paragraphDirection(text.lang), TEXT.left, TEXT.width);
  doc.fillColor("#ffffff");
  setter.block({ text: text.edition, weight: "bold", size: 15, minSize: 10, maxHeight: 40, gap: 0 }, 14, 52);
  const blocks: Array<[string, Block]> = [
    [INK, { text: text.name, weight: "bold", size: 22, minSize: 12, maxHeight: 62, gap: 0.3 }],
    [INK, { text: text.organisation, weight: "regular", size: 13, minSize: 9, maxHeight: 40, gap: 0.3 }],
    [BLUE, { text: text.role, weight: "bold", size: 12, minSize: 9, maxHeight: 20, gap: 0 }],
  ];
  let y = 70;
  for (const [colour, block] of blocks) {
    doc.fillColor(colour);
    y = setter.block(block, y, 200);
  }
  const qrTop = Math.max(y + 8, 200);
  drawQr(doc, text.token, (PAGE.width - QR_SIZE) / 2, qrTop, QR_SIZE);
  doc.fillColor("#555555");
  const after = setter.block(
    { text: text.token, weight: "regular", size: 7, minSize: 6, maxHeight: 20, gap: 0.2 },
    qrTop + QR_SIZE + 4,
    PAGE.height - 30,
  );
  setter.block(
    { text: text.footer, weight: "regular", size: 8, minSize: 6, maxHeight: 24, gap: 0 },
    Math.max(after, PAGE.height - 40),
    PAGE.height - 8,
  );
  return finish();
}
