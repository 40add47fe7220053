import type PDFDocument from "pdfkit";
import type { Translate } from "../../platform/i18n.ts";
import {
  type Direction,
  firstStrongDirection,
  paragraphDirection,
  visualRuns,
} from "../../platform/pdf/bidi.ts";
import { startPdf } from "../../platform/pdf/document.ts";
import { fontName, type VerticalMetrics, type Weight } from "../../platform/pdf/typeset.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import type { OutcomeDocument } from "./outcome-document.service.ts";

/**
 * The Outcome Document as PDF (A4 portrait, as many pages as it takes). It reuses the certificates'
 * multi-script machinery (prizes/certificates.*): the same two fonts, chosen per run of characters,
 * and the same bidirectional reordering, so key messages in Arabic, Chinese, Cyrillic or Latin
 * script, or mixed, print correctly. What is new here is flowing text: paragraphs wrapped to the
 * width, aligned to the start side of the document's language, breaking across pages.
 */

const PAGE = { width: 595.28, height: 841.89, margin: 56 } as const;
const WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

interface Style {
  weight: Weight;
  size: number;
  colour: string;
  /** Space after the paragraph, in points. */
  after: number;
}

const STYLES = {
  title: { weight: "bold", size: 20, colour: "#005a9c", after: 8 },
  subtitle: { weight: "regular", size: 12, colour: "#1a1a1a", after: 14 },
  heading: { weight: "bold", size: 14, colour: "#005a9c", after: 6 },
  session: { weight: "bold", size: 11, colour: "#1a1a1a", after: 3 },
  body: { weight: "regular", size: 10, colour: "#1a1a1a", after: 4 },
  note: { weight: "regular", size: 9, colour: "#555555", after: 10 },
} satisfies Record<string, Style>;

/** Writes wrapped paragraphs down the pages, start-aligned in the document's direction. */
class FlowWriter {
  private y: number = PAGE.margin;

  constructor(
    private readonly doc: PDFDocument,
    private readonly metrics: Record<"base" | "arabic", VerticalMetrics>,
    private readonly direction: Direction,
  ) {}

  private width(text: string, weight: Weight, size: number, direction = this.direction): number {
    return visualRuns(text, direction).reduce((sum, run) => {
      this.doc.font(fontName(run.font, weight)).fontSize(size);
      return sum + this.doc.widthOfString(run.text, { features: [] });
    }, 0);
  }

  private lineHeight(size: number): number {
    const m = this.metrics;
    return (
      size * Math.max(m.base.ascent - m.base.descent + m.base.lineGap, m.arabic.ascent - m.arabic.descent)
    );
  }

  /** Words (and Chinese or Japanese characters, which take no spaces) a line may break after. */
  private pieces(text: string): string[] {
    const out: string[] = [];
    for (const word of text.split(/(\s+)/u)) {
      if (word === "") continue;
      if (CJK.test(word)) out.push(...[...word]);
      else out.push(word);
    }
    return out;
  }

  private wrap(text: string, style: Style, direction: Direction): string[] {
    const lines: string[] = [];
    let line = "";
    for (const piece of this.pieces(text)) {
      const candidate = line + piece;
      if (
        line.trim() &&
        /\S/u.test(piece) &&
        this.width(candidate.trimEnd(), style.weight, style.size, direction) > WIDTH
      ) {
        lines.push(line.trimEnd());
        line = /\s/u.test(piece) ? "" : piece;
        // A single word wider than the page is cut by characters.
        while (this.width(line, style.weight, style.size, direction) > WIDTH && [...line].length > 1) {
          const chars = [...line];
          let cut = chars.length - 1;
          while (
            cut > 1 &&
            this.width(chars.slice(0, cut).join(""), style.weight, style.size, direction) > WIDTH
          )
            cut -= 1;
          lines.push(chars.slice(0, cut).join(""));
          line = chars.slice(cut).join("");
        }
      } else line = candidate;
    }
    if (line.trim()) lines.push(line.trimEnd());
    return lines;
  }

  private drawLine(line: string, style: Style, direction: Direction): void {
    const height = this.lineHeight(style.size);
    if (this.y + height > BOTTOM) {
      this.doc.addPage();
      this.y = PAGE.margin;
    }
    const runs = visualRuns(line, direction);
    const total = this.width(line, style.weight, style.size, direction);
    let x = direction === "rtl" ? PAGE.margin + WIDTH - total : PAGE.margin;
    const baseline = this.y + style.size * Math.max(this.metrics.base.ascent, this.metrics.arabic.ascent);
    this.doc.fillColor(style.colour);
    for (const run of runs) {
      this.doc.font(fontName(run.font, style.weight)).fontSize(style.size);
      this.doc.text(run.text, x, baseline, { lineBreak: false, baseline: "alphabetic", features: [] });
      x += this.doc.widthOfString(run.text, { features: [] });
    }
    this.y += height;
  }

  /**
   * A paragraph; line breaks in the text start new lines. People's text (`auto`) takes the
   * direction of its first letter, as `dir="auto"` does in HTML: Arabic key messages read right to
   * left in an English document too.
   */
  paragraph(text: string, style: Style, auto = false): void {
    for (const part of text.split(/\n+/u)) {
      const direction = auto ? (firstStrongDirection(part) ?? this.direction) : this.direction;
      for (const line of this.wrap(part.replace(/\s+/gu, " ").trim(), style, direction))
        this.drawLine(line, style, direction);
    }
    this.y += style.after;
  }

  /** Starts a new page when less than `points` remain, so a heading never ends a page alone. */
  keep(points: number): void {
    if (this.y + points > BOTTOM) {
      this.doc.addPage();
      this.y = PAGE.margin;
    }
  }
}

/** The published Outcome Document as a PDF, in the reader's language and direction. */
export async function outcomesPdf(
  document: OutcomeDocument,
  t: Translate,
  lang: string,
  timeZone: string,
): Promise<Buffer> {
  const title = t("forum.outcomes.document.title", { year: document.year });
  const { doc, metrics, finish } = startPdf({
    size: "A4",
    margin: PAGE.margin,
    lang,
    info: { Title: title, Author: "WSIS Forum" },
  });
  const writer = new FlowWriter(doc, metrics, paragraphDirection(lang));
  writer.paragraph(title, STYLES.title);
  if (document.theme) writer.paragraph(document.theme, STYLES.subtitle);
  if (document.publishedAt) {
    const date = new Intl.DateTimeFormat(lang, {
      dateStyle: "long",
      timeZone: effectiveTimeZone(timeZone),
    }).format(document.publishedAt);
    writer.paragraph(t("forum.outcomes.document.generated", { date }), STYLES.note);
  }
  writer.paragraph(t("forum.outcomes.document.count", { count: document.sessionCount }), STYLES.subtitle);
  const sections = [
    ...document.groups.map((group) => ({ heading: `${group.code} ${group.name}`, sessions: group.sessions })),
    ...(document.unlinked.length
      ? [{ heading: t("forum.outcomes.document.unlinked"), sessions: document.unlinked }]
      : []),
  ];
  for (const section of sections) {
    writer.keep(80);
    writer.paragraph(section.heading, STYLES.heading);
    for (const session of section.sessions) {
      writer.keep(50);
      writer.paragraph(
        t("forum.outcomes.sessionLabel", { number: session.number, title: session.title }),
        STYLES.session,
      );
      writer.paragraph(session.keyMessages, STYLES.body, true);
      if (session.sdgs.length)
        writer.paragraph(t("forum.outcomes.document.sdgs", { list: session.sdgs.join(", ") }), STYLES.note);
    }
  }
  return finish();
}
