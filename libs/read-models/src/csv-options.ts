import type { Options } from 'csv-stringify/sync';

/**
 * A spreadsheet program runs a cell that starts with `=`, `+`, `-`, `@`, tab or CR as a formula
 * (CSV injection). Free text (unit and body names) comes from proposers, so such a cell gets a
 * leading apostrophe, which spreadsheets show as text and hide.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 with CRLF, UTF-8 with a BOM (so spreadsheet programs show Vietnamese), header row, formula-safe text. */
export function registerCsvOptions(columns: readonly string[], headers?: Readonly<Record<string, string>>): Options {
  return {
    bom: true,
    header: true,
    columns: columns.map((key) => ({ key, header: headers?.[key] ?? key })),
    record_delimiter: 'windows',
    cast: { boolean: (value) => String(value), string: spreadsheetSafe },
  };
}
