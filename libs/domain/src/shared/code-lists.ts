/** Versioned code lists (docs/domain.md#code-lists); provinces may extend sectors in a later version. */
export const CODE_LISTS_VERSION = 2;

export interface CodeListItem<C extends string = string> {
  code: C;
  name_vi: string;
  name_en: string;
}

export const SYSTEMS = ['GOVERNMENT', 'PARTY_MASS'] as const;
export type UnitSystem = (typeof SYSTEMS)[number];

export const LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const;
export type UnitLevel = (typeof LEVELS)[number];

/**
 * Sectors as dated data (version 2, after the 2025 ministry mergers). A code is valid for new units
 * on dates from `validFrom` (inclusive) to `validUntil` (inclusive); a unit keeps the code it had,
 * so retired codes stay valid for history and `replacedBy` says where their successors went.
 */
export interface SectorItem extends CodeListItem {
  validFrom?: string;
  validUntil?: string;
  replacedBy?: readonly string[];
}

/** The day the provincial departments merged, following the ministries (2025-03-01). */
export const SECTOR_LIST_2025_FROM = '2025-03-01';
const RETIRED = '2025-02-28';

export const SECTORS = [
  { code: 'EDUCATION', name_vi: 'Giáo dục và đào tạo', name_en: 'Education and training' },
  { code: 'HEALTH', name_vi: 'Y tế', name_en: 'Health' },
  { code: 'CULTURE', name_vi: 'Văn hóa, thể thao và du lịch', name_en: 'Culture, sports and tourism' },
  { code: 'AGRICULTURE', name_vi: 'Nông nghiệp', name_en: 'Agriculture', validUntil: RETIRED, replacedBy: ['AGRICULTURE_ENVIRONMENT'] },
  { code: 'FORESTRY', name_vi: 'Lâm nghiệp', name_en: 'Forestry', validUntil: RETIRED, replacedBy: ['AGRICULTURE_ENVIRONMENT'] },
  { code: 'IT', name_vi: 'Công nghệ thông tin', name_en: 'Information technology', validUntil: RETIRED, replacedBy: ['SCIENCE'] },
  {
    code: 'LABOUR_SOCIAL',
    name_vi: 'Lao động, thương binh và xã hội',
    name_en: 'Labour and social affairs',
    validUntil: RETIRED,
    replacedBy: ['EMPLOYMENT', 'SOCIAL_PROTECTION', 'VOCATIONAL_EDUCATION'],
  },
  { code: 'ENVIRONMENT', name_vi: 'Tài nguyên và môi trường', name_en: 'Natural resources and environment', validUntil: RETIRED, replacedBy: ['AGRICULTURE_ENVIRONMENT'] },
  { code: 'SCIENCE', name_vi: 'Khoa học và công nghệ', name_en: 'Science and technology' },
  { code: 'CONSTRUCTION', name_vi: 'Xây dựng', name_en: 'Construction' },
  { code: 'OTHER', name_vi: 'Lĩnh vực khác', name_en: 'Other' },
  { code: 'AGRICULTURE_ENVIRONMENT', name_vi: 'Nông nghiệp và môi trường', name_en: 'Agriculture and environment', validFrom: SECTOR_LIST_2025_FROM },
  { code: 'VOCATIONAL_EDUCATION', name_vi: 'Giáo dục nghề nghiệp', name_en: 'Vocational education' },
  { code: 'PRESS_BROADCASTING', name_vi: 'Báo chí, phát thanh, truyền hình', name_en: 'Press and broadcasting' },
  { code: 'TRANSPORT', name_vi: 'Giao thông vận tải', name_en: 'Transport' },
  { code: 'EMPLOYMENT', name_vi: 'Việc làm', name_en: 'Employment services' },
  { code: 'SOCIAL_PROTECTION', name_vi: 'Bảo trợ xã hội', name_en: 'Social protection' },
  { code: 'ECONOMIC', name_vi: 'Hoạt động kinh tế', name_en: 'Economic activities' },
] as const satisfies readonly SectorItem[];
export type Sector = (typeof SECTORS)[number]['code'];
export const SECTOR_CODES = SECTORS.map((s) => s.code) as [Sector, ...Sector[]];

/** The sector's entry when `code` may be given to a unit on `date`; undefined when it is retired or not yet valid. */
export function sectorOn(code: string, date: string): SectorItem | undefined {
  const item: SectorItem | undefined = SECTORS.find((s) => s.code === code);
  if (!item) return undefined;
  if (item.validFrom && date < item.validFrom) return undefined;
  if (item.validUntil && date > item.validUntil) return undefined;
  return item;
}

/** Decree 60/2021 financial autonomy groups; G1 is the most autonomous. */
export const AUTONOMY_GROUPS = [
  { code: 'G1', name_vi: 'Tự bảo đảm chi thường xuyên và chi đầu tư', name_en: 'Covers recurrent and investment spending' },
  { code: 'G2', name_vi: 'Tự bảo đảm chi thường xuyên', name_en: 'Covers recurrent spending' },
  { code: 'G3', name_vi: 'Tự bảo đảm một phần chi thường xuyên', name_en: 'Partly covers recurrent spending' },
  { code: 'G4', name_vi: 'Do Nhà nước bảo đảm chi thường xuyên', name_en: 'Recurrent spending funded by the State' },
] as const satisfies readonly CodeListItem[];
export type AutonomyGroup = (typeof AUTONOMY_GROUPS)[number]['code'];
export const AUTONOMY_GROUP_CODES = AUTONOMY_GROUPS.map((g) => g.code) as [AutonomyGroup, ...AutonomyGroup[]];

/** Lower rank = more autonomous. */
export function autonomyRank(group: AutonomyGroup): number {
  return AUTONOMY_GROUP_CODES.indexOf(group) + 1;
}

export function mostAutonomous(groups: AutonomyGroup[]): AutonomyGroup {
  return groups.reduce((best, g) => (autonomyRank(g) < autonomyRank(best) ? g : best));
}

export const OPERATION_TYPES = [
  { code: 'ESTABLISH', name_vi: 'Thành lập', name_en: 'Establish' },
  { code: 'CONSOLIDATE', name_vi: 'Hợp nhất', name_en: 'Consolidate' },
  { code: 'ABSORB', name_vi: 'Sáp nhập', name_en: 'Absorb' },
  { code: 'DIVIDE', name_vi: 'Chia', name_en: 'Divide' },
  { code: 'SEPARATE', name_vi: 'Tách', name_en: 'Separate' },
  { code: 'DISSOLVE', name_vi: 'Giải thể', name_en: 'Dissolve' },
  { code: 'RENAME', name_vi: 'Đổi tên', name_en: 'Rename' },
  { code: 'TRANSFER', name_vi: 'Chuyển cơ quan chủ quản', name_en: 'Transfer to another governing body' },
  { code: 'CHANGE_AUTONOMY', name_vi: 'Thay đổi mức tự chủ tài chính', name_en: 'Change financial autonomy group' },
  { code: 'CHANGE_STAFFING_QUOTA', name_vi: 'Điều chỉnh số lượng người làm việc', name_en: 'Change staffing quota' },
] as const satisfies readonly CodeListItem[];
export type OperationType = (typeof OPERATION_TYPES)[number]['code'];
export const OPERATION_TYPE_CODES = OPERATION_TYPES.map((o) => o.code) as [OperationType, ...OperationType[]];

export const STRUCTURAL_OPERATIONS: readonly OperationType[] = ['ESTABLISH', 'CONSOLIDATE', 'ABSORB', 'DIVIDE', 'SEPARATE', 'DISSOLVE'];
/** Reorganisations in the sense of Decree 120: quota must not grow, autonomy must not drop. */
export const REORGANISATIONS: readonly OperationType[] = ['CONSOLIDATE', 'ABSORB', 'DIVIDE', 'SEPARATE'];
