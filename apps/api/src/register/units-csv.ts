import { CsvError, parse } from 'csv-parse/sync';
import { messageText, ProblemException, type ProblemItemInit } from '@reorg/http';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from './schemas/units-import.schema';

const KNOWN = new Set<string>(CSV_COLUMNS);
const NUMBER = /^-?\d+(\.\d+)?$/;
const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false, có: true, không: false };

const refuse = (errors: ProblemItemInit[]) => new ProblemException({ code: 'VALIDATION_FAILED', errors });

/** A cell as the import schema expects it: empty → absent, digits → number, yes/no → boolean; anything else stays text for the schema to judge. */
function cellValue(column: string, cell: string): unknown {
  if (cell === '') return undefined;
  if (column === 'staffingQuota' && NUMBER.test(cell)) return Number(cell);
  if (column === 'basicEssentialService') return BOOLEANS[cell.toLowerCase()] ?? cell;
  return cell;
}

/** Rows of cells; a row with too many or too few cells is read anyway (and reported with the others). Unreadable text (a quote never closed) stops here. */
function records(text: string): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // `records` counts the header too: it is the 1-based number of the data row that failed.
    const row = typeof error.records === 'number' && error.records > 0 ? error.records : undefined;
    throw refuse([{ code: error.code, detail: messageText('csv.malformed', { row: row ?? 1, reason: error.message }), ...(row ? { row } : {}) }]);
  }
}

function headerProblems(columns: string[]): ProblemItemInit[] {
  const problems: ProblemItemInit[] = [
    ...columns.filter((c) => !KNOWN.has(c)).map((column) => ({ path: column, code: 'UNKNOWN_COLUMN', detail: messageText('csv.UNKNOWN_COLUMN', { column, known: CSV_COLUMNS.join(', ') }) })),
    ...REQUIRED_CSV_COLUMNS.filter((c) => !columns.includes(c)).map((column) => ({ path: column, code: 'MISSING_COLUMN', detail: messageText('csv.MISSING_COLUMN', { column }) })),
    ...columns.filter((c, i) => columns.indexOf(c) !== i).map((column) => ({ path: column, code: 'DUPLICATE_COLUMN', detail: messageText('csv.DUPLICATE_COLUMN', { column }) })),
  ];
  if (!columns.includes('governingBodyId') && !columns.includes('governingBodyCode')) {
    problems.push({ path: 'governingBodyCode', code: 'MISSING_COLUMN', detail: messageText('csv.MISSING_COLUMN.body') });
  }
  return problems;
}

export interface CsvUnits {
  /** One object per data row, known columns only (the import schema validates them; rows numbered from 1). */
  units: Record<string, unknown>[];
  /** Every problem of the header and of the rows' shape, all at once. */
  problems: ProblemItemInit[];
}

/**
 * UTF-8 CSV (a leading BOM is tolerated) with a header row naming the columns, in any order. Reads
 * every row even when the header or a row is wrong, so that the caller can report every bad column
 * and row at once, with the schema's findings.
 */
export function readUnitsCsv(text: string): CsvUnits {
  const [header, ...rows] = records(text);
  if (!header) throw refuse([{ code: 'EMPTY_CSV', detail: messageText('csv.EMPTY_CSV') }]);
  const columns = header.map((name) => name.normalize('NFC'));
  const problems = headerProblems(columns);
  rows.forEach((cells, index) => {
    if (cells.length === columns.length) return;
    const row = index + 1;
    problems.push({ row, code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', detail: messageText('csv.CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', { row, cells: cells.length, columns: columns.length }) });
  });
  const units = rows.map((cells) =>
    Object.fromEntries(columns.map((column, i) => [column, KNOWN.has(column) ? cellValue(column, cells[i] ?? '') : undefined]).filter(([, value]) => value !== undefined)),
  );
  return { units, problems };
}

/** The rows of a CSV whose header and rows are well-formed; otherwise 400 with every problem. */
export function unitsFromCsv(text: string): Record<string, unknown>[] {
  const { units, problems } = readUnitsCsv(text);
  if (problems.length) throw refuse(problems);
  return units;
}
