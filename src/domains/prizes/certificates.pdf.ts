import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";

/**
 * Certificates as PDF, drawn with pdfkit (pure JavaScript; fontkit shapes and subsets the font).
 *
 * The font is Noto Sans CJK SC ("Noto Sans Hans", from `@embedpdf/fonts-sc`, OFL): it covers Latin,
 * Cyrillic and Chinese, so five of the six UN languages and titles written in them print as typed.
 * It has no Arabic glyphs: labels in a language the font cannot draw fall back to English
 * (`canDraw`), and Arabic letters in a project's title or organisation would print as empty boxes.
 * Adding an Arabic font (and a per-character fallback) is the known next step.
 */

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts");

let fonts: { regular: Buffer; bold: Buffer } | null = null;

function loadFonts() {
  fonts ??= {
    regular: readFileSync(join(FONT_DIR, "NotoSansHans-Regular.otf")),
    bold: readFileSync(join(FONT_DIR, "NotoSansHans-Bold.otf")),
  };
  return fonts;
}

// The scripts the font draws: Latin, Greek, Cyrillic, Han and kana, with the shared punctuation,
// digits and symbols (Common) and combining marks (Inherited).
const DRAWABLE =
  /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Common}\p{Script=Inherited}]*$/u;

/** Whether the certificate font has the letters of `text` (false for Arabic, Hebrew, Devanagari…). */
export function canDraw(text: string): boolean {
  return DRAWABLE.test(text);
}

/** Everything written on a certificate, already in the language it is printed in. */
export interface CertificateText {
  lang: string;
  /** Document title (PDF metadata) */
  documentTitle: string;
  edition: string;
  heading: string;
  intro: string;
  projectTitle: string;
  organisation: string;
  award: string;
  category: string;
  footer: string;
}

const PAGE = { width: 841.89, height: 595.28, margin: 56 } as const;

/** Draws `text` centred, shrinking the size until it fits in `maxHeight` (long titles). */
function centred(
  doc: PDFDocument,
  text: string,
  options: { font: string; size: number; minSize: number; maxHeight: number; gap: number },
) {
  const width = PAGE.width - 2 * PAGE.margin - 40;
  let size = options.size;
  doc.font(options.font);
  while (size > options.minSize && doc.fontSize(size).heightOfString(text, { width }) > options.maxHeight)
    size -= 1;
  doc
    .fontSize(size)
    .text(text, PAGE.margin + 20, doc.y, { width, align: "center", height: options.maxHeight });
  doc.moveDown(options.gap);
}

/** The certificate as a one-page A4 landscape PDF. */
export async function renderCertificatePdf(text: CertificateText): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: PAGE.margin,
    pdfVersion: "1.7",
    lang: text.lang,
    displayTitle: true,
    info: { Title: text.documentTitle, Author: "WSIS Prizes", Subject: text.award, Creator: "WSIS Platform" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);

  const inset = 24;
  doc
    .lineWidth(3)
    .strokeColor("#005a9c")
    .rect(inset, inset, PAGE.width - 2 * inset, PAGE.height - 2 * inset)
    .stroke()
    .lineWidth(0.8)
    .rect(inset + 8, inset + 8, PAGE.width - 2 * (inset + 8), PAGE.height - 2 * (inset + 8))
    .stroke();

  doc.fillColor("#005a9c");
  doc.y = 80;
  centred(doc, text.edition, { font: "bold", size: 16, minSize: 12, maxHeight: 40, gap: 0.6 });
  centred(doc, text.heading, { font: "bold", size: 36, minSize: 24, maxHeight: 60, gap: 0.4 });
  doc.fillColor("#1a1a1a");
  centred(doc, text.intro, { font: "regular", size: 14, minSize: 11, maxHeight: 40, gap: 0.6 });
  centred(doc, text.projectTitle, { font: "bold", size: 26, minSize: 14, maxHeight: 110, gap: 0.4 });
  centred(doc, text.organisation, { font: "regular", size: 16, minSize: 11, maxHeight: 44, gap: 0.8 });
  doc.fillColor("#005a9c");
  centred(doc, text.award, { font: "bold", size: 22, minSize: 14, maxHeight: 40, gap: 0.3 });
  doc.fillColor("#1a1a1a");
  centred(doc, text.category, { font: "regular", size: 14, minSize: 10, maxHeight: 60, gap: 0.5 });
  doc.font("regular").fontSize(10).fillColor("#555555");
  doc.text(text.footer, PAGE.margin + 20, PAGE.height - 90, {
    width: PAGE.width - 2 * PAGE.margin - 40,
    align: "center",
  });
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
