import { readZip } from "./zip-writer.ts";

/** One cell of a worksheet as the file holds it. */
export interface XlsxCell {
  ref: string;
  /** `inlineStr`, `n` (a number), `str`/`s`/`b`/`e` would be other kinds (never written here). */
  type: string;
  text: string;
  /** A formula, if the cell had one (it never must). */
  formula: string | null;
}

export interface XlsxSheet {
  path: string;
  xml: string;
  rows: XlsxCell[][];
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/_x005F_/g, "_")
    .replace(/&amp;/g, "&");

/**
 * Reads back a workbook `xlsxChunks` wrote (tests): every part through the ZIP's central directory
 * with CRCs checked, and each worksheet's cells. A deliberately small reader of our own output.
 */
export function readXlsx(file: Buffer): { parts: Map<string, string>; sheets: XlsxSheet[] } {
  const parts = new Map(readZip(file).map((part) => [part.name, part.data.toString("utf8")]));
  const sheets = [...parts]
    .filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .sort(([a], [b]) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
    .map(([path, xml]) => ({
      path,
      xml,
      rows: [...xml.matchAll(/<row r="\d+">(.*?)<\/row>/gs)].map(([, row]) =>
        [...(row as string).matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(.*?)<\/c>/gs)].map(
          ([, ref, attrs, body]) => {
            const type = /t="([^"]+)"/.exec(attrs as string)?.[1] ?? "n";
            const text =
              /<t[^>]*>(.*?)<\/t>/s.exec(body as string)?.[1] ??
              /<v>(.*?)<\/v>/s.exec(body as string)?.[1] ??
              "";
            const formula = /<f[^>]*>(.*?)<\/f>/s.exec(body as string)?.[1] ?? null;
            return { ref: ref as string, type, text: unescapeXml(text), formula };
          },
        ),
      ),
    }));
  return { parts, sheets };
}

/** A sheet's rows as plain values by column letter position (missing cells are empty strings). */
export function sheetValues(sheet: XlsxSheet, columns: number): string[][] {
  return sheet.rows.map((cells) => {
    const values = Array.from({ length: columns }, () => "");
    for (const cell of cells) {
      const letters = /^[A-Z]+/.exec(cell.ref)?.[0] ?? "A";
      let index = 0;
      for (const char of letters) index = index * 26 + (char.charCodeAt(0) - 64);
      values[index - 1] = cell.text;
    }
    return values;
  });
}
