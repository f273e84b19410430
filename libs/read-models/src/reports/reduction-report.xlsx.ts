import ExcelJS from 'exceljs';
import type { OperationCounts, ReductionBucket, ReductionReport } from './reduction-report';
import { BUCKET_LABELS, OPERATION_COUNT_LABELS, REPORT_LABELS, type ReportLanguage, SECTION_LABELS, bucketName } from './report-labels';

const BUCKET_FIELDS = Object.keys(BUCKET_LABELS) as (keyof ReductionBucket)[];
const OPERATION_FIELDS = Object.keys(OPERATION_COUNT_LABELS) as (keyof OperationCounts)[];

/** Excel column letter of a 1-based index (A, B, … Z, AA, …). */
function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function styleHeader(sheet: ExcelJS.Worksheet, rowNumber: number): void {
  const row = sheet.getRow(rowNumber);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle' };
  sheet.views = [{ state: 'frozen', ySplit: rowNumber }];
}

/**
 * One sheet of buckets with the balance identity written as a formula beside each row (start + created −
 * ended + joined − left + transferred in − transferred out) and a check against the end count, so a reader sees it hold.
 */
function bucketSheet(workbook: ExcelJS.Workbook, section: 'SYSTEM' | 'SECTOR', buckets: Record<string, ReductionBucket>, language: ReportLanguage): void {
  const sheet = workbook.addWorksheet(SECTION_LABELS[section][language]);
  sheet.addRow([REPORT_LABELS.key[language], ...BUCKET_FIELDS.map((field) => BUCKET_LABELS[field][language]), REPORT_LABELS.identity[language], REPORT_LABELS.balanced[language]]);
  styleHeader(sheet, 1);
  const column = (field: keyof ReductionBucket) => columnLetter(BUCKET_FIELDS.indexOf(field) + 2);
  for (const [key, bucket] of Object.entries(buckets)) {
    const row = sheet.addRow([bucketName(section, key, language), ...BUCKET_FIELDS.map((field) => bucket[field])]);
    const r = row.number;
    const computed = `${column('activeAtStart')}${r}+${column('created')}${r}-${column('ended')}${r}+${column('joined')}${r}-${column('left')}${r}+${column('transferredIn')}${r}-${column('transferredOut')}${r}`;
    const expected = bucket.activeAtStart + bucket.created - bucket.ended + bucket.joined - bucket.left + bucket.transferredIn - bucket.transferredOut;
    row.getCell(BUCKET_FIELDS.length + 2).value = { formula: computed, result: expected };
    row.getCell(BUCKET_FIELDS.length + 3).value = {
      formula: `IF(${columnLetter(BUCKET_FIELDS.length + 2)}${r}=${column('activeAtEnd')}${r},"${REPORT_LABELS.yes[language]}","${REPORT_LABELS.no[language]}")`,
      result: expected === bucket.activeAtEnd ? REPORT_LABELS.yes[language] : REPORT_LABELS.no[language],
    };
  }
  sheet.getColumn(1).width = 36;
  for (let index = 2; index <= BUCKET_FIELDS.length + 3; index++) sheet.getColumn(index).width = 16;
  sheet.getColumn(BUCKET_FIELDS.length + 2).width = 30;
}

/** The reduction report as an Excel workbook, one sheet per breakdown, labelled in Vietnamese (default) or English. */
export async function reductionReportWorkbook(report: ReductionReport, language: ReportLanguage = 'vi'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'reorg-register';
  workbook.title = REPORT_LABELS.title[language];

  const summary = workbook.addWorksheet(SECTION_LABELS.TOTAL[language]);
  summary.addRow([REPORT_LABELS.title[language]]).font = { bold: true, size: 14 };
  summary.addRow([REPORT_LABELS.from[language], report.from]);
  summary.addRow([REPORT_LABELS.to[language], report.to]);
  summary.addRow([]);
  const figures: [string, number][] = [
    [BUCKET_LABELS.activeAtStart[language], report.activeAtStart],
    [BUCKET_LABELS.created[language], report.created],
    [BUCKET_LABELS.ended[language], report.ended],
    [BUCKET_LABELS.joined[language], report.joined],
    [BUCKET_LABELS.left[language], report.left],
    [BUCKET_LABELS.activeAtEnd[language], report.activeAtEnd],
    [BUCKET_LABELS.netReduction[language], report.netReduction],
    [REPORT_LABELS.staffingQuotaAtStart[language], report.staffingQuotaAtStart],
    [REPORT_LABELS.staffingQuotaAtEnd[language], report.staffingQuotaAtEnd],
  ];
  for (const figure of figures) summary.addRow(figure);
  summary.getColumn(1).width = 44;
  summary.getColumn(2).width = 16;

  bucketSheet(workbook, 'SYSTEM', report.bySystem, language);
  bucketSheet(workbook, 'SECTOR', report.bySector, language);

  const years = workbook.addWorksheet(SECTION_LABELS.YEAR[language]);
  years.addRow([REPORT_LABELS.year[language], BUCKET_LABELS.created[language], BUCKET_LABELS.ended[language], BUCKET_LABELS.netReduction[language]]);
  styleHeader(years, 1);
  for (const year of report.byYear) years.addRow([year.year, year.created, year.ended, year.netReduction]);
  years.columns.forEach((column) => (column.width = 18));

  const operations = workbook.addWorksheet(SECTION_LABELS.OPERATION[language]);
  operations.addRow([REPORT_LABELS.key[language], ...OPERATION_FIELDS.map((field) => OPERATION_COUNT_LABELS[field][language])]);
  styleHeader(operations, 1);
  for (const [type, counts] of Object.entries(report.byOperation)) operations.addRow([bucketName('OPERATION', type, language), ...OPERATION_FIELDS.map((field) => counts[field])]);
  operations.getColumn(1).width = 40;
  for (let index = 2; index <= OPERATION_FIELDS.length + 1; index++) operations.getColumn(index).width = 18;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
