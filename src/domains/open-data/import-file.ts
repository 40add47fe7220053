import { AppError } from "../../platform/errors.ts";
import { decodeCsv, parseCsvTable } from "./import-csv.ts";
import type { ImportTable } from "./import-table.ts";
import { parseXlsxTable } from "./import-xlsx.ts";

/** What one upload may be. 100,000 entries are ~70–110 MB as CSV; a 200 MB file is refused unread. */
export const IMPORT_LIMITS = {
  maxBytes: 128 * 1024 * 1024,
  maxRows: 200_000,
} as const;

export const IMPORT_MAX_MEGABYTES = IMPORT_LIMITS.maxBytes / (1024 * 1024);

export type ImportFormat = "csv" | "xlsx";

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);

/** Files people upload by mistake, recognised by their first bytes. */
const OTHER_FORMATS: number[][] = [
  [0xd0, 0xcf, 0x11, 0xe0], // legacy .xls (OLE compound file)
  [0x25, 0x50, 0x44, 0x46], // PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x52, 0x61, 0x72, 0x21], // RAR
];

/**
 * CSV or XLSX, decided by the bytes (a ZIP is read as a workbook), never by the name or the
 * declared type, which the browser guesses. Legacy `.xls`, ODS and other binaries are refused.
 */
export function detectFormat(bytes: Buffer, filename = ""): ImportFormat {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (/\.(ods|numbers|docx|pptx|zip)$/i.test(filename))
      throw new AppError("import_unsupported_format", 415);
    return "xlsx";
  }
  if (OTHER_FORMATS.some((magic) => startsWith(bytes, magic)))
    throw new AppError("import_unsupported_format", 415);
  if (/\.(xls|ods|numbers)$/i.test(filename)) throw new AppError("import_unsupported_format", 415);
  return "csv";
}

/** Refuses what is too large before anything is parsed. */
export function assertImportSize(size: number, truncated = false): void {
  if (truncated || size > IMPORT_LIMITS.maxBytes)
    throw new AppError("import_file_too_large", 413, { max: IMPORT_MAX_MEGABYTES });
}

/** The file's header and rows; a file with no data row is `import_empty`. */
export async function readImportTable(bytes: Buffer, format: ImportFormat): Promise<ImportTable> {
  assertImportSize(bytes.length);
  const table =
    format === "xlsx"
      ? await parseXlsxTable(bytes, IMPORT_LIMITS.maxRows)
      : parseCsvTable(decodeCsv(bytes), IMPORT_LIMITS.maxRows);
  if (table.rows.length < 2) throw new AppError("import_empty", 400);
  return table;
}
