import type { IsoDate } from '../shared/calendar';
import { type AutonomyGroup, SECTORS, autonomyRank, sectorOn } from '../shared/code-lists';
import { identifierCodeFault, identifierCodeProblem } from '../shared/identifier-codes';
import type { LegalSource, MessageParams, Violation } from '../shared/violations';
import { DISSOLUTION_GROUND_CODES, type RuleVersion, ruleVersionOn } from './rule-book';
import type { UnitTimeline } from './unit-timeline';

/** Decree 120/2020/ND-CP took effect on this date; its rules apply to decisions effective from it. */
export const DECREE_120_IN_EFFECT: IsoDate = '2020-12-01';
/** Decree 283/2025/ND-CP, amending Decree 120, took effect on this date. */
export const DECREE_283_IN_EFFECT: IsoDate = '2025-11-01';
/** The minimum size of a new unit under both versions (the rule book holds it per version). */
export const MIN_STAFFING_FOR_NEW_UNIT = 15;

export interface RuleDefinition {
  code: string;
  legalBasis: string;
  inEffectFrom?: IsoDate;
}

export const RULES = {
  MIN_STAFFING_FOR_NEW_UNIT: { code: 'MIN_STAFFING_FOR_NEW_UNIT', legalBasis: 'Decree 120/2020/ND-CP', inEffectFrom: DECREE_120_IN_EFFECT },
  QUOTA_MUST_NOT_INCREASE: { code: 'QUOTA_MUST_NOT_INCREASE', legalBasis: 'Decree 120/2020/ND-CP', inEffectFrom: DECREE_120_IN_EFFECT },
  AUTONOMY_MUST_NOT_DECREASE: { code: 'AUTONOMY_MUST_NOT_DECREASE', legalBasis: 'Decree 120/2020/ND-CP; Decree 60/2021/ND-CP', inEffectFrom: DECREE_120_IN_EFFECT },
  UNIT_NOT_ACTIVE: { code: 'UNIT_NOT_ACTIVE', legalBasis: 'Decree 120/2020/ND-CP' },
  UNKNOWN_UNIT: { code: 'UNKNOWN_UNIT', legalBasis: 'register integrity' },
  UNKNOWN_GOVERNING_BODY: { code: 'UNKNOWN_GOVERNING_BODY', legalBasis: 'register integrity' },
  GOVERNING_BODY_NOT_ACTIVE: { code: 'GOVERNING_BODY_NOT_ACTIVE', legalBasis: 'register integrity' },
  CONFLICTING_DECISION: { code: 'CONFLICTING_DECISION', legalBasis: 'register integrity' },
  DUPLICATE_CODE: { code: 'DUPLICATE_CODE', legalBasis: 'unit codes are unique forever' },
  INVALID_CODE: { code: 'INVALID_CODE', legalBasis: 'codes are identifiers: Latin letters, digits 0-9 and - _ . / (identifier-codes)' },
  SETTLEMENT_REQUIRED: { code: 'SETTLEMENT_REQUIRED', legalBasis: 'Decree 120/2020/ND-CP (dissolution)' },
  DISSOLUTION_GROUND_REQUIRED: { code: 'DISSOLUTION_GROUND_REQUIRED', legalBasis: 'Decree 120/2020/ND-CP as amended by Decree 283/2025/ND-CP', inEffectFrom: DECREE_283_IN_EFFECT },
  SECTOR_NOT_VALID_ON_DATE: { code: 'SECTOR_NOT_VALID_ON_DATE', legalBasis: 'code lists by date' },
  BODY_SYSTEM_MISMATCH: { code: 'BODY_SYSTEM_MISMATCH', legalBasis: "a unit's system is its governing body's" },
  SAME_UNIT_TWICE: { code: 'SAME_UNIT_TWICE', legalBasis: 'an operation names each unit once' },
  TRANSFER_TO_SAME_BODY: { code: 'TRANSFER_TO_SAME_BODY', legalBasis: 'a transfer changes the governing body' },
} as const satisfies Record<string, RuleDefinition>;

export type RuleCode = keyof typeof RULES;

export function ruleInEffect(rule: RuleDefinition, effectiveDate: IsoDate): boolean {
  return !rule.inEffectFrom || effectiveDate >= rule.inEffectFrom;
}

/** `params` name what the rule is about and `variant` picks the message when the rule has several (the edge's catalogue renders them). */
export const violation = (rule: RuleCode, detail: string, path?: string, params?: MessageParams, variant?: string): Violation => ({
  code: RULES[rule].code,
  detail,
  ...(path ? { path } : {}),
  ...(params ? { params } : {}),
  ...(variant ? { variant } : {}),
});

/** A new unit's or body's code is written in the code alphabet (identifier-codes). */
export function codeIsIdentifier(code: string, path: string): Violation | undefined {
  const problem = identifierCodeProblem(code);
  const fault = identifierCodeFault(code);
  if (!problem || !fault) return undefined;
  return violation('INVALID_CODE', problem, path, { code: JSON.stringify(code), suggestion: JSON.stringify(code.normalize('NFKC')) }, fault);
}

/** What a new unit states about its size; public employees count from Decree 283. */
export interface NewUnitSize {
  code: string;
  staffingQuota: number;
  autonomyGroup?: AutonomyGroup;
  publicEmployees?: number;
  contractProfessionalStaff?: number;
  basicEssentialService?: boolean;
}

const sourced = (v: Violation, source: LegalSource): Violation => ({ ...v, params: { ...v.params, source }, legalSource: source });

export function newUnitHasMinimumStaffing(unit: NewUnitSize, date: IsoDate, path: string, book?: readonly RuleVersion[]): Violation | undefined {
  const minimum = ruleVersionOn(date, book).minimum;
  if (!minimum || (minimum.essentialServiceException && unit.basicEssentialService)) return undefined;
  const exception = minimum.essentialServiceException ? ' unless it provides basic, essential services' : '';
  const exempt = minimum.essentialServiceException ? 'Exempt' : '';
  if (minimum.countedIn === 'STAFFING_QUOTA') {
    if (unit.staffingQuota >= minimum.atLeast) return undefined;
    return sourced(
      violation(
        'MIN_STAFFING_FOR_NEW_UNIT',
        `new unit ${unit.code} has a staffing quota of ${unit.staffingQuota}; at least ${minimum.atLeast} is required${exception} (${minimum.source.en})`,
        path,
        { unit: unit.code, staffingQuota: unit.staffingQuota, atLeast: minimum.atLeast },
        `quota${exempt}`,
      ),
      minimum.source,
    );
  }
  const employeesPath = path.replace(/staffingQuota$/, 'publicEmployees');
  if (unit.publicEmployees === undefined) {
    return sourced(
      violation(
        'MIN_STAFFING_FOR_NEW_UNIT',
        `new unit ${unit.code} must state its publicEmployees: from ${ruleVersionOn(date, book).inEffectFrom} the minimum of ${minimum.atLeast} is counted in public employees (${minimum.source.en})`,
        employeesPath,
        { unit: unit.code, from: ruleVersionOn(date, book).inEffectFrom ?? date, atLeast: minimum.atLeast },
        'employeesMissing',
      ),
      minimum.source,
    );
  }
  const contract = unit.autonomyGroup && minimum.contractStaffCountIn.includes(unit.autonomyGroup) ? (unit.contractProfessionalStaff ?? 0) : 0;
  const counted = unit.publicEmployees + contract;
  if (counted >= minimum.atLeast) return undefined;
  const contractNote = contract > 0 ? ` and ${contract} professional contract staff` : '';
  return sourced(
    violation(
      'MIN_STAFFING_FOR_NEW_UNIT',
      `new unit ${unit.code} counts ${unit.publicEmployees} public employees${contractNote}; at least ${minimum.atLeast} are required${exception} (${minimum.source.en})`,
      employeesPath,
      { unit: unit.code, publicEmployees: unit.publicEmployees, contract, atLeast: minimum.atLeast },
      `employees${contract > 0 ? 'AndContract' : ''}${exempt}`,
    ),
    minimum.source,
  );
}

export function quotaDoesNotIncrease(before: number, after: number, date: IsoDate, what: string, book?: readonly RuleVersion[]): Violation | undefined {
  const rule = ruleVersionOn(date, book).quotaMustNotIncrease;
  if (!rule || after <= before) return undefined;
  return sourced(
    violation('QUOTA_MUST_NOT_INCREASE', `${what}: the staffing quota would grow from ${before} to ${after} (${rule.source.en})`, undefined, { what, before, after }),
    rule.source,
  );
}

/**
 * A reorganisation must not lower autonomy. Under Decree 120 as amended by Decree 283, units of
 * different groups that merge take whatever group the deciding authority sets.
 */
export function autonomyDoesNotDecrease(sources: AutonomyGroup[], result: AutonomyGroup, date: IsoDate, what: string, path?: string, book?: readonly RuleVersion[]): Violation | undefined {
  const rule = ruleVersionOn(date, book).autonomy;
  if (!rule) return undefined;
  if (rule.policy === 'NOT_BELOW_CURRENT_UNLESS_GROUPS_DIFFER' && new Set(sources).size > 1) return undefined;
  const best = Math.min(...sources.map(autonomyRank));
  if (autonomyRank(result) <= best) return undefined;
  const against = rule.policy === 'NOT_BELOW_BEST_SOURCE' ? `the sources' best (G${best})` : `the current group (G${best})`;
  return sourced(
    violation('AUTONOMY_MUST_NOT_DECREASE', `${what}: autonomy group ${result} is less autonomous than ${against} (${rule.source.en})`, path, { what, result, best: `G${best}` }, rule.policy === 'NOT_BELOW_BEST_SOURCE' ? 'bestSource' : 'current'),
    rule.source,
  );
}

/** A dissolution names its settlement unless, from Decree 283, it declares there is nothing to settle; its ground is recorded. */
export function dissolutionIsComplete(
  dissolution: { settlementRef?: string; nothingToSettle?: boolean; ground?: string },
  date: IsoDate,
  path: (field: string) => string,
  book?: readonly RuleVersion[],
): Violation[] {
  const version = ruleVersionOn(date, book);
  const found: Violation[] = [];
  const hasRef = !!dissolution.settlementRef && dissolution.settlementRef.trim() !== '';
  const excused = version.settlement.required === 'WHERE_SOMETHING_TO_SETTLE' && dissolution.nothingToSettle === true;
  if (!hasRef && !excused) {
    const { source } = version.settlement;
    const how = version.settlement.required === 'WHERE_SOMETHING_TO_SETTLE' ? '; state nothingToSettle if there is none' : '';
    const variant = version.settlement.required === 'WHERE_SOMETHING_TO_SETTLE' ? 'unlessNothing' : 'always';
    found.push(sourced(violation('SETTLEMENT_REQUIRED', `dissolution requires a reference confirming that finance, assets, land and debts are settled${how} (${source.en})`, path('settlementRef'), {}, variant), source));
  }
  if (version.dissolutionGround?.required && !dissolution.ground) {
    const { source } = version.dissolutionGround;
    found.push(
      sourced(violation('DISSOLUTION_GROUND_REQUIRED', `a dissolution names its ground (one of ${DISSOLUTION_GROUND_CODES.join(', ')}) (${source.en})`, path('ground'), { grounds: DISSOLUTION_GROUND_CODES.join(', ') }), source),
    );
  }
  return found;
}

export function unitIsActiveOn(timeline: UnitTimeline, label: string, date: IsoDate, path: string): Violation | undefined {
  const state = timeline.asOf(date);
  if (state?.status === 'ACTIVE') return undefined;
  const why = !state ? 'does not exist yet' : `ended on ${state.endedOn} (${state.status})`;
  const params = { unit: label, date, ...(state ? { endedOn: state.endedOn ?? '', status: state.status } : {}) };
  return violation('UNIT_NOT_ACTIVE', `unit ${label} is not active on ${date}: it ${why}`, path, params, state ? 'ended' : 'notYet');
}

export function noOtherDecisionOnSameDate(timeline: UnitTimeline, label: string, date: IsoDate, decisionKey: string, path: string): Violation | undefined {
  const others = timeline.decisionsOn(date, decisionKey);
  if (others.length === 0) return undefined;
  return violation('CONFLICTING_DECISION', `unit ${label} is already changed on ${date} by decision ${others.join(', ')}`, path, { unit: label, date, decisions: others.join(', ') }, 'sameDate');
}

export function noLaterChangesBeforeEnding(timeline: UnitTimeline, label: string, date: IsoDate, decisionKey: string, path: string): Violation | undefined {
  const later = timeline.decisionsAfter(date, decisionKey);
  if (later.length === 0) return undefined;
  return violation('CONFLICTING_DECISION', `unit ${label} cannot end on ${date}: later decisions change it (${later.join(', ')})`, path, { unit: label, date, decisions: later.join(', ') }, 'laterChanges');
}

/**
 * New units take a sector code valid on the date. A unit keeps the code it had, so a baseline may
 * list retired codes (`allowRetired`), but never a code that did not exist yet.
 */
export function sectorValidOn(sector: string, date: IsoDate, path: string, { allowRetired = false } = {}): Violation | undefined {
  if (sectorOn(sector, date)) return undefined;
  const item = SECTORS.find((s) => s.code === sector);
  const validFrom: string | undefined = item && 'validFrom' in item ? item.validFrom : undefined;
  if (item && allowRetired && !(validFrom && date < validFrom)) return undefined;
  const validUntil: string | undefined = item && 'validUntil' in item ? item.validUntil : undefined;
  const replacedBy: readonly string[] = item && 'replacedBy' in item ? item.replacedBy : [];
  const why = !item ? 'is not in the code list' : validFrom && date < validFrom ? `is valid from ${validFrom}` : `was retired after ${validUntil}${replacedBy.length ? `; use ${replacedBy.join(' or ')}` : ''}`;
  const variant = !item ? 'unknown' : validFrom && date < validFrom ? 'notYet' : replacedBy.length ? 'retiredReplaced' : 'retired';
  const params = { sector, date, validFrom: validFrom ?? '', validUntil: validUntil ?? '', replacedBy: replacedBy.join(', ') };
  return violation('SECTOR_NOT_VALID_ON_DATE', `sector ${sector} ${why} (effective date ${date})`, path, params, variant);
}
