import { CsvError, parse } from 'csv-parse/sync';
import { ProblemException, type ProblemItem } from '@reorg/http';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from './schemas/units-import.schema';

const KNOWN = new Set<string>(CSV_COLUMNS);
const NUMBER = /^-?\d+(\.\d+)?$/;
const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false, có: true, không: false };

const refuse = (errors: ProblemItem[]) => new ProblemException({ code: 'VALIDATION_FAILED', errors });

/** A cell as the import schema expects it: empty → absent, digits → number, yes/no → boolean; anything else stays text for the schema to judge. */
function cellValue(column: string, cell: string): unknown {
  if (cell === '') return undefined;
  if (column === 'staffingQuota' && NUMBER.test(cell)) return Number(cell);
  if (column === 'basicEssentialService') return BOOLEANS[cell.toLowerCase()] ?? cell;
  return cell;
}

function records(text: string): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // `records` counts the header too: it is the 1-based number of the data row that failed.
    const row = typeof error.records === 'number' && error.records > 0 ? { row: error.records } : {};
    throw refuse([{ code: error.code, detail: error.message, ...row }]);
  }
}

/**
 * UTF-8 CSV (a leading BOM is tolerated) with a header row naming the columns, in any order.
 * Returns one object per data row; the import schema validates them (rows numbered from 1).
 */
export function unitsFromCsv(text: string): Record<string, unknown>[] {
  const [header, ...rows] = records(text);
  if (!header) throw refuse([{ code: 'EMPTY_CSV', detail: 'the CSV has no header row' }]);
  const columns = header.map((name) => name.normalize('NFC'));
  const problems: ProblemItem[] = [
    ...columns.filter((c) => !KNOWN.has(c)).map((c) => ({ path: c, code: 'UNKNOWN_COLUMN', detail: `unknown column ${c}; known: ${CSV_COLUMNS.join(', ')}` })),
    ...REQUIRED_CSV_COLUMNS.filter((c) => !columns.includes(c)).map((c) => ({ path: c, code: 'MISSING_COLUMN', detail: `the header has no column ${c}` })),
    ...columns.filter((c, i) => columns.indexOf(c) !== i).map((c) => ({ path: c, code: 'DUPLICATE_COLUMN', detail: `column ${c} appears twice` })),
  ];
  if (!columns.includes('governingBodyId') && !columns.includes('governingBodyCode')) {
    problems.push({ path: 'governingBodyCode', code: 'MISSING_COLUMN', detail: 'the header needs governingBodyId or governingBodyCode' });
  }
  if (problems.length) throw refuse(problems);
  return rows.map((cells) => Object.fromEntries(columns.map((column, i) => [column, cellValue(column, cells[i])]).filter(([, value]) => value !== undefined)));
}
