import { paragraphDirection } from "../../platform/pdf/bidi.ts";
import { startPdf } from "../../platform/pdf/document.ts";
import { type Block, Typesetter } from "../../platform/pdf/typeset.ts";

/**
 * Certificates as PDF, drawn with pdfkit (pure JavaScript; fontkit shapes and subsets the fonts,
 * so a certificate carries only the glyphs it draws).
 *
 * Two fonts (OFL) cover the six UN languages: Noto Sans CJK SC ("Noto Sans Hans", from
 * `@embedpdf/fonts-sc`) for Latin, Cyrillic and Chinese, and Noto Naskh Arabic (from
 * `@embedpdf/fonts-arabic`) for Arabic. The font is chosen per run of characters, not per string,
 * so a title may mix scripts; Arabic is shaped by fontkit and laid out right to left, with Latin
 * words and numbers inside it left to right (platform/pdf/bidi.ts). The paragraph direction is the
 * certificate's language's. Letters of scripts neither font has (Hebrew, Devanagari, Thai…) print
 * as empty boxes.
 */

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
const TEXT = { left: PAGE.margin + 20, width: PAGE.width - 2 * PAGE.margin - 40 } as const;
const FOOTER_TOP = PAGE.height - 90;
const BLUE = "#005a9c";
const INK = "#1a1a1a";

/** The certificate as a one-page A4 landscape PDF, in `text.lang`'s direction. */
export async function renderCertificatePdf(text: CertificateText): Promise<Buffer> {
  const { doc, metrics, finish } = startPdf({
    size: "A4",
    layout: "landscape",
    margin: PAGE.margin,
    lang: text.lang,
    info: { Title: text.documentTitle, Author: "WSIS Prizes", Subject: text.award },
  });

  const inset = 24;
  doc
    .lineWidth(3)
    .strokeColor(BLUE)
    .rect(inset, inset, PAGE.width - 2 * inset, PAGE.height - 2 * inset)
    .stroke()
    .lineWidth(0.8)
    .rect(inset + 8, inset + 8, PAGE.width - 2 * (inset + 8), PAGE.height - 2 * (inset + 8))
    .stroke();

  const setter = new Typesetter(doc, metrics, paragraphDirection(text.lang), TEXT.left, TEXT.width);
  const blocks: Array<[string, Block]> = [
    [BLUE, { text: text.edition, weight: "bold", size: 16, minSize: 12, maxHeight: 40, gap: 0.6 }],
    [BLUE, { text: text.heading, weight: "bold", size: 36, minSize: 24, maxHeight: 60, gap: 0.4 }],
    [INK, { text: text.intro, weight: "regular", size: 14, minSize: 11, maxHeight: 40, gap: 0.6 }],
    [INK, { text: text.projectTitle, weight: "bold", size: 26, minSize: 14, maxHeight: 110, gap: 0.4 }],
    [INK, { text: text.organisation, weight: "regular", size: 16, minSize: 11, maxHeight: 44, gap: 0.8 }],
    [BLUE, { text: text.award, weight: "bold", size: 22, minSize: 14, maxHeight: 40, gap: 0.3 }],
    [INK, { text: text.category, weight: "regular", size: 14, minSize: 10, maxHeight: 60, gap: 0 }],
  ];
  let y = 80;
  for (const [colour, block] of blocks) {
    doc.fillColor(colour);
    y = setter.block(block, y, FOOTER_TOP - 10);
  }
  doc.fillColor("#555555");
  setter.block(
    { text: text.footer, weight: "regular", size: 10, minSize: 8, maxHeight: 30, gap: 0 },
    FOOTER_TOP,
    PAGE.height - 40,
  );
  return finish();
}
