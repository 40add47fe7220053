/**
 * The part of pdfkit's API the certificates use (pdfkit ships no types; @types/pdfkit is not a
 * dependency). Methods return the document, as pdfkit's do, so calls chain.
 */
declare module "pdfkit" {
  interface TextOptions {
    /** `false`: draw on one line at the given point, with no wrapping. */
    lineBreak?: boolean;
    /** Where `y` is on the glyphs: `alphabetic` puts the baseline there, whatever the font. */
    baseline?: "alphabetic" | "top" | "middle" | "bottom" | number;
    /**
     * OpenType features for fontkit. Given (even empty), pdfkit shapes the string in one fontkit
     * layout instead of word by word, so an Arabic run comes back reversed as a whole.
     */
    features?: string[];
  }

  interface DocumentOptions {
    size?: string | [number, number];
    layout?: "portrait" | "landscape";
    margin?: number;
    pdfVersion?: "1.3" | "1.4" | "1.5" | "1.6" | "1.7" | "1.7ext3";
    lang?: string;
    displayTitle?: boolean;
    compress?: boolean;
    info?: { Title?: string; Author?: string; Subject?: string; Creator?: string; Keywords?: string };
  }

  export default class PDFDocument {
    constructor(options?: DocumentOptions);
    on(event: "data", listener: (chunk: Buffer) => void): this;
    on(event: "end", listener: () => void): this;
    on(event: "error", listener: (error: Error) => void): this;
    registerFont(name: string, src: Buffer | string): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    rect(x: number, y: number, width: number, height: number): this;
    stroke(): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    widthOfString(text: string, options?: TextOptions): number;
    end(): void;
  }
}
