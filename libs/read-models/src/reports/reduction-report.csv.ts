import type { OperationCounts, ReductionBucket, ReductionReport } from './reduction-report';
import { BUCKET_LABELS, OPERATION_COUNT_LABELS, REPORT_LABELS, type ReportLanguage, SECTION_LABELS, bucketName } from './report-labels';

/**
 * The flat CSV layout of the reduction report: one row per bucket, `section` naming the kind of
 * bucket and `key` the bucket, cells a section has no value for left empty.
 * - TOTAL / ALL: the whole register (unit counts and staffing quotas at both ends);
 * - SYSTEM / <system> and SECTOR / <sector>: the balance per bucket;
 * - YEAR / <year>: created, ended and netReduction (= ended − created), `from`/`to` clipped to the period;
 * - OPERATION / <type>: decisions, unitsCreated, unitsEnded.
 */
export const REDUCTION_CSV_COLUMNS = [
  'section', 'key', 'from', 'to', 'activeAtStart', 'activeAtEnd', 'netReduction', 'created', 'ended', 'transferredIn', 'transferredOut',
  'staffingQuotaAtStart', 'staffingQuotaAtEnd', 'decisions', 'unitsCreated', 'unitsEnded', 'joined', 'left',
] as const;

type Column = (typeof REDUCTION_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number>>;

const COLUMN_LABELS: Record<Column, Record<ReportLanguage, string>> = { ...REPORT_LABELS, ...BUCKET_LABELS, ...OPERATION_COUNT_LABELS };

const BOM = '\uFEFF';

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function bucketRow(section: string, key: string, report: ReductionReport, bucket: ReductionBucket): Row {
  return { section, key, from: report.from, to: report.to, ...bucket };
}

function operationRow(key: string, report: ReductionReport, counts: OperationCounts): Row {
  return { section: 'OPERATION', key, from: report.from, to: report.to, ...counts };
}

/** The first and last day of the year inside the period. */
function yearSpan(year: number, report: ReductionReport): { from: string; to: string } {
  // Spelled out rather than "the day before next New Year", which has no YYYY form after 9999.
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const last = `${String(year).padStart(4, '0')}-12-31`;
  return { from: first < report.from ? report.from : first, to: last > report.to ? report.to : last };
}

/** A row for people: the section and its bucket named in their language. */
function labelled(row: Row, language: ReportLanguage): Row {
  const section = String(row.section) as keyof typeof SECTION_LABELS;
  return { ...row, section: SECTION_LABELS[section][language], key: bucketName(section, String(row.key), language) };
}

/**
 * The report as RFC 4180 CSV (CRLF line ends), UTF-8 with a BOM so spreadsheet programs show Vietnamese.
 * Without a language: the machine-readable layout (camelCase headers, codes); with one: headers, sections
 * and buckets named for people in that language, the same rows and figures.
 */
export function reductionReportCsv(report: ReductionReport, language?: ReportLanguage): string {
  const { from, to, activeAtStart, activeAtEnd, netReduction, created, ended, joined, left, staffingQuotaAtStart, staffingQuotaAtEnd } = report;
  const rows: Row[] = [
    { section: 'TOTAL', key: 'ALL', from, to, activeAtStart, activeAtEnd, netReduction, created, ended, staffingQuotaAtStart, staffingQuotaAtEnd, joined, left },
    ...Object.entries(report.bySystem).map(([key, bucket]) => bucketRow('SYSTEM', key, report, bucket)),
    ...Object.entries(report.bySector).map(([key, bucket]) => bucketRow('SECTOR', key, report, bucket)),
    ...report.byYear.map((y) => ({ section: 'YEAR', key: y.year, ...yearSpan(y.year, report), created: y.created, ended: y.ended, netReduction: y.netReduction, joined: y.joined, left: y.left })),
    ...Object.entries(report.byOperation).map(([key, counts]) => operationRow(key, report, counts)),
  ];
  const header = REDUCTION_CSV_COLUMNS.map((column) => (language ? cell(COLUMN_LABELS[column][language]) : column));
  const shown = language ? rows.map((row) => labelled(row, language)) : rows;
  const lines = [header.join(','), ...shown.map((row) => REDUCTION_CSV_COLUMNS.map((column) => cell(row[column])).join(','))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
