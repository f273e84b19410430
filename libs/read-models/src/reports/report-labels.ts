import { OPERATION_TYPES, SECTORS } from '@reorg/domain';
import type { OperationCounts, ReductionBucket } from './reduction-report';

export type ReportLanguage = 'vi' | 'en';
type Label = Record<ReportLanguage, string>;

/** Every figure of a bucket, named for people (typed by the bucket: a new figure needs its label). */
export const BUCKET_LABELS: Record<keyof ReductionBucket, Label> = {
  activeAtStart: { vi: 'Số đơn vị đầu kỳ', en: 'Units at start' },
  created: { vi: 'Thành lập mới', en: 'Created' },
  ended: { vi: 'Chấm dứt (hợp nhất, sáp nhập, giải thể)', en: 'Ended (merged, absorbed, dissolved)' },
  joined: { vi: 'Nhập vào (hợp nhất tỉnh)', en: 'Joined (province merger)' },
  left: { vi: 'Ra khỏi địa bàn', en: 'Left the territory' },
  transferredIn: { vi: 'Chuyển đến', en: 'Transferred in' },
  transferredOut: { vi: 'Chuyển đi', en: 'Transferred out' },
  activeAtEnd: { vi: 'Số đơn vị cuối kỳ', en: 'Units at end' },
  netReduction: { vi: 'Giảm ròng', en: 'Net reduction' },
};

export const OPERATION_COUNT_LABELS: Record<keyof OperationCounts, Label> = {
  decisions: { vi: 'Số quyết định', en: 'Decisions' },
  unitsCreated: { vi: 'Đơn vị thành lập', en: 'Units created' },
  unitsEnded: { vi: 'Đơn vị chấm dứt', en: 'Units ended' },
};

export const REPORT_LABELS = {
  title: { vi: 'Báo cáo giảm đơn vị sự nghiệp công lập', en: 'Reduction of public service units' },
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  section: { vi: 'Phân loại', en: 'Breakdown' },
  key: { vi: 'Nhóm', en: 'Bucket' },
  staffingQuotaAtStart: { vi: 'Số lượng người làm việc đầu kỳ', en: 'Staffing quota at start' },
  staffingQuotaAtEnd: { vi: 'Số lượng người làm việc cuối kỳ', en: 'Staffing quota at end' },
  year: { vi: 'Năm', en: 'Year' },
  identity: {
    vi: 'Cân đối: đầu kỳ + thành lập − chấm dứt + nhập vào − ra khỏi + chuyển đến − chuyển đi = cuối kỳ',
    en: 'Balance: start + created − ended + joined − left + transferred in − transferred out = end',
  },
  balanced: { vi: 'Cân đối', en: 'Balances' },
  yes: { vi: 'Đúng', en: 'Yes' },
  no: { vi: 'Sai', en: 'No' },
} satisfies Record<string, Label>;

export const SECTION_LABELS: Record<'TOTAL' | 'SYSTEM' | 'SECTOR' | 'YEAR' | 'OPERATION', Label> = {
  TOTAL: { vi: 'Toàn tỉnh', en: 'Whole register' },
  SYSTEM: { vi: 'Theo hệ thống', en: 'By system' },
  SECTOR: { vi: 'Theo lĩnh vực', en: 'By sector' },
  YEAR: { vi: 'Theo năm', en: 'By year' },
  OPERATION: { vi: 'Theo hình thức sắp xếp', en: 'By operation' },
};

const SYSTEM_LABELS: Record<string, Label> = {
  GOVERNMENT: { vi: 'Khối chính quyền', en: 'Government' },
  PARTY_MASS: { vi: 'Khối Đảng, đoàn thể', en: 'Party and mass organisations' },
  ALL: { vi: 'Tất cả', en: 'All' },
};

/** A bucket's key in the reader's language: systems, sectors and operation types by their code list; years as they are. */
export function bucketName(section: string, key: string, language: ReportLanguage): string {
  if (section === 'SYSTEM' || section === 'TOTAL') return SYSTEM_LABELS[key]?.[language] ?? key;
  if (section === 'SECTOR') return nameOf(SECTORS, key, language);
  if (section === 'OPERATION') return nameOf(OPERATION_TYPES, key, language);
  return key;
}

function nameOf(list: readonly { code: string; name_vi: string; name_en: string }[], code: string, language: ReportLanguage): string {
  const item = list.find((entry) => entry.code === code);
  return item ? (language === 'vi' ? item.name_vi : item.name_en) : code;
}
