/**
 * An uploaded file's cells, whatever its format: `rows[0]` is the header, each row's cells are
 * text, and `numbers[i]` is the row number a spreadsheet shows for `rows[i]` (entirely empty rows
 * are left out, so numbers may skip).
 */
export interface ImportTable {
  rows: string[][];
  numbers: number[];
  /** XLSX only: dates count from 1904 instead of 1900 (old Mac workbooks). */
  date1904: boolean;
}
