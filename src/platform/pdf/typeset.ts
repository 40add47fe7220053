import type PDFDocument from "pdfkit";
import { type Direction, type FontKind, visualRuns } from "./bidi.ts";

/** A font's vertical metrics in ems (descent is negative), as its `hhea` table states them. */
export interface VerticalMetrics {
  ascent: number;
  descent: number;
  lineGap: number;
}

/** Reads `hhea` and `head` from a TrueType/OpenType file: what pdfkit itself lays lines out with. */
export function verticalMetrics(data: Buffer): VerticalMetrics {
  const tables = data.readUInt16BE(4);
  const offsetOf = (tag: string): number => {
    for (let index = 0; index < tables; index += 1) {
      const record = 12 + 16 * index;
      if (data.toString("latin1", record, record + 4) === tag) return data.readUInt32BE(record + 8);
    }
    throw new Error(`font without a ${tag} table`);
  };
  const unitsPerEm = data.readUInt16BE(offsetOf("head") + 18);
  const hhea = offsetOf("hhea");
  return {
    ascent: data.readInt16BE(hhea + 4) / unitsPerEm,
    descent: data.readInt16BE(hhea + 6) / unitsPerEm,
    lineGap: data.readInt16BE(hhea + 8) / unitsPerEm,
  };
}

export type Weight = "regular" | "bold";

/** The pdfkit name a font is registered under. */
export const fontName = (font: FontKind, weight: Weight) => `${font}-${weight}`;

/** One centred block of text: it shrinks from `size` to `minSize` to fit `maxHeight`. */
export interface Block {
  text: string;
  weight: Weight;
  size: number;
  minSize: number;
  maxHeight: number;
  /** Space after the block, in lines of the base font at the block's size. */
  gap: number;
}

/** A piece of text a line may end after: its letters, then the spaces that follow them. */
interface Piece {
  content: string;
  space: string;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const NO_BREAK_BEFORE = /[\p{Pe}\p{Pf}\p{M}、。，．：；！？・ー…％]/u;
const NO_BREAK_AFTER = /[\p{Ps}\p{Pi}]/u;
const REFERENCE_SIZE = 100;
const ELLIPSIS = "…";

/** Where a line may break: after spaces, and between Chinese or Japanese characters (no spaces there). */
function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  let current: Piece = { content: "", space: "" };
  let previous = "";
  for (const char of text) {
    if (/\s/u.test(char)) current.space += char;
    else {
      const cjkBreak =
        (CJK.test(previous) || CJK.test(char)) &&
        !NO_BREAK_BEFORE.test(char) &&
        !NO_BREAK_AFTER.test(previous);
      if (current.space || (current.content && cjkBreak)) {
        pieces.push(current);
        current = { content: "", space: "" };
      }
      current.content += char;
    }
    previous = char;
  }
  if (current.content) pieces.push(current);
  return pieces;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Lays certificate text out on a pdfkit document: lines broken to a width, each line reordered
 * for its direction (bidi.ts) and drawn run by run, every run in its own font on one
 * shared baseline, the line centred.
 */
export class Typesetter {
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly metrics: Record<FontKind, VerticalMetrics>,
    private readonly direction: Direction,
    private readonly left: number,
    private readonly width: number,
  ) {}

  private runWidth(text: string, font: FontKind, weight: Weight, size: number): number {
    const key = `${font}-${weight}\u0000${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      // `features` makes pdfkit shape the run whole, not word by word (Arabic words keep their order).
      this.doc.font(fontName(font, weight)).fontSize(REFERENCE_SIZE);
      width = this.doc.widthOfString(text, { features: [] });
      this.widths.set(key, width);
    }
    return (width * size) / REFERENCE_SIZE;
  }

  private textWidth(text: string, weight: Weight, size: number): number {
    return visualRuns(text, this.direction).reduce(
      (sum, run) => sum + this.runWidth(run.text, run.font, weight, size),
      0,
    );
  }

  /** Height and baseline (from the line's top) of a line, from the fonts it uses. */
  private lineBox(line: string, size: number): { height: number; baseline: number } {
    const fonts = new Set(visualRuns(line, this.direction).map((run) => run.font));
    if (fonts.size === 0) fonts.add("base");
    const used = [...fonts].map((font) => this.metrics[font]);
    return {
      height: size * Math.max(...used.map((m) => m.ascent - m.descent + m.lineGap)),
      baseline: size * Math.max(...used.map((m) => m.ascent)),
    };
  }

  /** The lines of `text` at `size`, greedily filled; a word longer than a line is cut. */
  private wrap(pieces: Piece[], weight: Weight, size: number): string[] {
    const lines: string[] = [];
    let line = "";
    for (const piece of pieces) {
      const candidate = line + piece.content;
      if (line && this.textWidth(candidate, weight, size) > this.width) {
        lines.push(line.trimEnd());
        line = "";
      }
      line += piece.content + piece.space;
    }
    if (line.trim()) lines.push(line.trimEnd());
    return lines;
  }

  /** Pieces, with any wider than the line at the smallest size cut into characters. */
  private fittingPieces(text: string, weight: Weight, minSize: number): Piece[] {
    return piecesOf(text).flatMap((piece) => {
      if (this.textWidth(piece.content, weight, minSize) <= this.width) return [piece];
      const parts = [...graphemes.segment(piece.content)].map((part) => ({
        content: part.segment,
        space: "",
      }));
      const last = parts.at(-1);
      if (last) last.space = piece.space;
      return parts;
    });
  }

  private drawLine(line: string, weight: Weight, size: number, top: number): number {
    const runs = visualRuns(line, this.direction);
    const box = this.lineBox(line, size);
    const widths = runs.map((run) => this.runWidth(run.text, run.font, weight, size));
    let x = this.left + (this.width - widths.reduce((sum, width) => sum + width, 0)) / 2;
    runs.forEach((run, index) => {
      this.doc
        .font(fontName(run.font, weight))
        .fontSize(size)
        .text(run.text, x, top + box.baseline, { lineBreak: false, baseline: "alphabetic", features: [] });
      x += widths[index] ?? 0;
    });
    return box.height;
  }

  /**
   * Draws a block centred from `top`, never below `bottom`, and returns where the next begins.
   * Text that does not fit even at the smallest size is cut after its last whole line, with "…".
   */
  block(block: Block, top: number, bottom: number): number {
    const text = block.text.replace(/\s+/gu, " ").trim();
    const room = Math.min(block.maxHeight, bottom - top);
    const pieces = this.fittingPieces(text, block.weight, block.minSize);
    let size = block.size;
    let lines = this.wrap(pieces, block.weight, size);
    const heightOf = (all: string[], at: number) =>
      all.reduce((sum, line) => sum + this.lineBox(line, at).height, 0);
    while (size > block.minSize && heightOf(lines, size) > room) {
      size -= 1;
      lines = this.wrap(pieces, block.weight, size);
    }
    const shown: string[] = [];
    for (const line of lines) {
      if (shown.length > 0 && heightOf([...shown, line], size) > room) {
        shown[shown.length - 1] += ELLIPSIS;
        break;
      }
      shown.push(line);
    }
    let y = top;
    for (const line of shown) y += this.drawLine(line, block.weight, size, y);
    const base = this.metrics.base;
    return y + block.gap * size * (base.ascent - base.descent + base.lineGap);
  }
}
