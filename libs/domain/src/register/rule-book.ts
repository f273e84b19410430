import type { IsoDate } from '../shared/calendar';
import type { AutonomyGroup } from '../shared/code-lists';
import type { LegalSource } from '../shared/violations';

/** What a new unit's minimum size is counted in (Decree 120: people working; Decree 283: public employees). */
export type MinimumCountedIn = 'STAFFING_QUOTA' | 'PUBLIC_EMPLOYEES';

/** How the autonomy group after a reorganisation is constrained. */
export type AutonomyPolicy =
  /** Not below the most autonomous source (the register's reading of Decree 120 as first issued). */
  | 'NOT_BELOW_BEST_SOURCE'
  /** Not below a unit's current group; units of different groups merging take the group the authority sets. */
  | 'NOT_BELOW_CURRENT_UNLESS_GROUPS_DIFFER';

/**
 * One version of the rules on establishing, reorganising and dissolving public service units, in
 * force from a date until the next version. Data, not code: every rule reads its parameters and
 * its legal source from the version in force on the decision's effective date.
 */
export interface RuleVersion {
  id: 'NONE' | 'DECREE_120' | 'DECREE_120_AMENDED_BY_283';
  inEffectFrom: IsoDate;
  name: LegalSource;
  minimum?: {
    countedIn: MinimumCountedIn;
    atLeast: number;
    /** Groups whose units may count professional contract staff towards the minimum. */
    contractStaffCountIn: readonly AutonomyGroup[];
    essentialServiceException: boolean;
    source: LegalSource;
  };
  quotaMustNotIncrease?: { source: LegalSource };
  autonomy?: { policy: AutonomyPolicy; source: LegalSource };
  settlement: { required: 'ALWAYS' | 'WHERE_SOMETHING_TO_SETTLE'; source: LegalSource };
  dissolutionGround?: { required: boolean; source: LegalSource };
}

const D120 = { vi: 'Nghị định 120/2020/NĐ-CP', en: 'Decree 120/2020/ND-CP' };
const AMENDED = { vi: ', được sửa đổi, bổ sung bởi Nghị định 283/2025/NĐ-CP', en: ', as amended by Decree 283/2025/ND-CP' };

function article(vi: string, en: string, amended = false): LegalSource {
  return { vi: `${vi} ${D120.vi}${amended ? AMENDED.vi : ''}`, en: `${D120.en}, ${en}${amended ? AMENDED.en : ''}` };
}

export const DISSOLUTION_GROUNDS = [
  { code: 'NO_REMAINING_FUNCTION', name_vi: 'Không còn chức năng, nhiệm vụ', name_en: 'No remaining function' },
  { code: 'CRITERIA_NOT_MET', name_vi: 'Không còn đáp ứng tiêu chí, điều kiện thành lập', name_en: 'No longer meets the criteria' },
  { code: 'POOR_PERFORMANCE_3_YEARS', name_vi: 'Ba năm liên tiếp hoạt động không hiệu quả', name_en: 'Three consecutive years of poor performance' },
  { code: 'REQUIRED_BY_APPROVED_PLAN', name_vi: 'Theo quy hoạch, đề án được phê duyệt', name_en: 'Required by the approved plan' },
] as const;
export type DissolutionGround = (typeof DISSOLUTION_GROUNDS)[number]['code'];
export const DISSOLUTION_GROUND_CODES = DISSOLUTION_GROUNDS.map((g) => g.code) as [DissolutionGround, ...DissolutionGround[]];

/** The shipped rule book, oldest first. */
export const RULE_VERSIONS: readonly RuleVersion[] = [
  {
    id: 'NONE',
    inEffectFrom: '1900-01-01',
    name: { vi: 'Trước Nghị định 120/2020/NĐ-CP', en: 'Before Decree 120/2020/ND-CP' },
    settlement: { required: 'ALWAYS', source: { vi: 'Quy định của sổ đăng ký (giải thể)', en: 'register policy (dissolution)' } },
  },
  {
    id: 'DECREE_120',
    inEffectFrom: '2020-12-01',
    name: D120,
    minimum: { countedIn: 'STAFFING_QUOTA', atLeast: 15, contractStaffCountIn: [], essentialServiceException: true, source: article('khoản 1 Điều 5', 'art. 5.1') },
    quotaMustNotIncrease: { source: article('khoản 2 Điều 5', 'art. 5.2') },
    autonomy: { policy: 'NOT_BELOW_BEST_SOURCE', source: { vi: `khoản 2 Điều 5 ${D120.vi}; Nghị định 60/2021/NĐ-CP`, en: `${D120.en}, art. 5.2; Decree 60/2021/ND-CP` } },
    settlement: { required: 'ALWAYS', source: article('Điều 17', 'art. 17') },
  },
  {
    id: 'DECREE_120_AMENDED_BY_283',
    inEffectFrom: '2025-11-01',
    name: { vi: `${D120.vi}${AMENDED.vi}`, en: `${D120.en}${AMENDED.en}` },
    minimum: { countedIn: 'PUBLIC_EMPLOYEES', atLeast: 15, contractStaffCountIn: ['G1', 'G2'], essentialServiceException: true, source: article('khoản 1 Điều 5', 'art. 5.1', true) },
    quotaMustNotIncrease: { source: article('khoản 2 Điều 5', 'art. 5.2', true) },
    autonomy: { policy: 'NOT_BELOW_CURRENT_UNLESS_GROUPS_DIFFER', source: article('khoản 2 Điều 5', 'art. 5.2', true) },
    settlement: { required: 'WHERE_SOMETHING_TO_SETTLE', source: article('Điều 17', 'art. 17', true) },
    dissolutionGround: { required: true, source: article('khoản 3 Điều 5', 'art. 5.3', true) },
  },
];

/** The version in force on a date: the latest whose start is on or before it. */
export function ruleVersionOn(date: IsoDate, book: readonly RuleVersion[] = RULE_VERSIONS): RuleVersion {
  let found = book[0];
  for (const version of book) if (version.inEffectFrom <= date) found = version;
  return found;
}
