import { dayBefore } from '@reorg/domain';
import type { OperationCounts, ReductionBucket, ReductionReport } from './reduction-report';

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
  'staffingQuotaAtStart', 'staffingQuotaAtEnd', 'decisions', 'unitsCreated', 'unitsEnded',
] as const;

type Column = (typeof REDUCTION_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number>>;

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
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const last = dayBefore(`${String(year + 1).padStart(4, '0')}-01-01`);
  return { from: first < report.from ? report.from : first, to: last > report.to ? report.to : last };
}

/** The report as RFC 4180 CSV (CRLF line ends), UTF-8 with a BOM so spreadsheet programs show Vietnamese. */
export function reductionReportCsv(report: ReductionReport): string {
  const { from, to, activeAtStart, activeAtEnd, netReduction, created, ended, staffingQuotaAtStart, staffingQuotaAtEnd } = report;
  const rows: Row[] = [
    { section: 'TOTAL', key: 'ALL', from, to, activeAtStart, activeAtEnd, netReduction, created, ended, staffingQuotaAtStart, staffingQuotaAtEnd },
    ...Object.entries(report.bySystem).map(([key, bucket]) => bucketRow('SYSTEM', key, report, bucket)),
    ...Object.entries(report.bySector).map(([key, bucket]) => bucketRow('SECTOR', key, report, bucket)),
    ...report.byYear.map((y) => ({ section: 'YEAR', key: y.year, ...yearSpan(y.year, report), created: y.created, ended: y.ended, netReduction: y.netReduction })),
    ...Object.entries(report.byOperation).map(([key, counts]) => operationRow(key, report, counts)),
  ];
  const lines = [REDUCTION_CSV_COLUMNS.join(','), ...rows.map((row) => REDUCTION_CSV_COLUMNS.map((column) => cell(row[column])).join(','))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
