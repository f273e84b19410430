/** Versioned code lists (docs/domain.md#code-lists); provinces may extend sectors in a later version. */
export const CODE_LISTS_VERSION = 1;

export interface CodeListItem<C extends string = string> {
  code: C;
  name_vi: string;
  name_en: string;
}

export const SYSTEMS = ['GOVERNMENT', 'PARTY_MASS'] as const;
export type UnitSystem = (typeof SYSTEMS)[number];

export const LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const;
export type UnitLevel = (typeof LEVELS)[number];

export const SECTORS = [
  { code: 'EDUCATION', name_vi: 'Giáo dục và đào tạo', name_en: 'Education and training' },
  { code: 'HEALTH', name_vi: 'Y tế', name_en: 'Health' },
  { code: 'CULTURE', name_vi: 'Văn hóa, thể thao và du lịch', name_en: 'Culture, sports and tourism' },
  { code: 'AGRICULTURE', name_vi: 'Nông nghiệp', name_en: 'Agriculture' },
  { code: 'FORESTRY', name_vi: 'Lâm nghiệp', name_en: 'Forestry' },
  { code: 'IT', name_vi: 'Công nghệ thông tin', name_en: 'Information technology' },
  { code: 'LABOUR_SOCIAL', name_vi: 'Lao động, thương binh và xã hội', name_en: 'Labour and social affairs' },
  { code: 'ENVIRONMENT', name_vi: 'Tài nguyên và môi trường', name_en: 'Natural resources and environment' },
  { code: 'SCIENCE', name_vi: 'Khoa học và công nghệ', name_en: 'Science and technology' },
  { code: 'CONSTRUCTION', name_vi: 'Xây dựng', name_en: 'Construction' },
  { code: 'OTHER', name_vi: 'Lĩnh vực khác', name_en: 'Other' },
] as const satisfies readonly CodeListItem[];
export type Sector = (typeof SECTORS)[number]['code'];
export const SECTOR_CODES = SECTORS.map((s) => s.code) as [Sector, ...Sector[]];

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
