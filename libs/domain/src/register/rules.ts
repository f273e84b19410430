import type { IsoDate } from '../shared/calendar';
import { type AutonomyGroup, autonomyRank } from '../shared/code-lists';
import { identifierCodeProblem } from '../shared/identifier-codes';
import type { Violation } from '../shared/violations';
import type { UnitTimeline } from './unit-timeline';

/** Decree 120/2020/ND-CP took effect on this date; its rules apply to decisions effective from it. */
export const DECREE_120_IN_EFFECT: IsoDate = '2020-12-01';
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
  BODY_SYSTEM_MISMATCH: { code: 'BODY_SYSTEM_MISMATCH', legalBasis: "a unit's system is its governing body's" },
  SAME_UNIT_TWICE: { code: 'SAME_UNIT_TWICE', legalBasis: 'an operation names each unit once' },
  TRANSFER_TO_SAME_BODY: { code: 'TRANSFER_TO_SAME_BODY', legalBasis: 'a transfer changes the governing body' },
} as const satisfies Record<string, RuleDefinition>;

export type RuleCode = keyof typeof RULES;

export function ruleInEffect(rule: RuleDefinition, effectiveDate: IsoDate): boolean {
  return !rule.inEffectFrom || effectiveDate >= rule.inEffectFrom;
}

export const violation = (rule: RuleCode, detail: string, path?: string): Violation => ({ code: RULES[rule].code, detail, ...(path ? { path } : {}) });

/** A new unit's or body's code is written in the code alphabet (identifier-codes). */
export function codeIsIdentifier(code: string, path: string): Violation | undefined {
  const problem = identifierCodeProblem(code);
  return problem ? violation('INVALID_CODE', problem, path) : undefined;
}

export function newUnitHasMinimumStaffing(unit: { code: string; staffingQuota: number; basicEssentialService?: boolean }, date: IsoDate, path: string): Violation | undefined {
  if (!ruleInEffect(RULES.MIN_STAFFING_FOR_NEW_UNIT, date) || unit.basicEssentialService) return undefined;
  if (unit.staffingQuota >= MIN_STAFFING_FOR_NEW_UNIT) return undefined;
  return violation(
    'MIN_STAFFING_FOR_NEW_UNIT',
    `new unit ${unit.code} has a staffing quota of ${unit.staffingQuota}; at least ${MIN_STAFFING_FOR_NEW_UNIT} is required unless it provides basic, essential services`,
    path,
  );
}

export function quotaDoesNotIncrease(before: number, after: number, date: IsoDate, what: string): Violation | undefined {
  if (!ruleInEffect(RULES.QUOTA_MUST_NOT_INCREASE, date) || after <= before) return undefined;
  return violation('QUOTA_MUST_NOT_INCREASE', `${what}: the staffing quota would grow from ${before} to ${after}`);
}

export function autonomyDoesNotDecrease(sources: AutonomyGroup[], result: AutonomyGroup, date: IsoDate, what: string, path?: string): Violation | undefined {
  if (!ruleInEffect(RULES.AUTONOMY_MUST_NOT_DECREASE, date)) return undefined;
  const best = Math.min(...sources.map(autonomyRank));
  if (autonomyRank(result) <= best) return undefined;
  return violation('AUTONOMY_MUST_NOT_DECREASE', `${what}: autonomy group ${result} is less autonomous than the sources' best (G${best})`, path);
}

export function unitIsActiveOn(timeline: UnitTimeline, label: string, date: IsoDate, path: string): Violation | undefined {
  const state = timeline.asOf(date);
  if (state?.status === 'ACTIVE') return undefined;
  const why = !state ? 'does not exist yet' : `ended on ${state.endedOn} (${state.status})`;
  return violation('UNIT_NOT_ACTIVE', `unit ${label} is not active on ${date}: it ${why}`, path);
}

export function noOtherDecisionOnSameDate(timeline: UnitTimeline, label: string, date: IsoDate, decisionKey: string, path: string): Violation | undefined {
  const others = timeline.decisionsOn(date, decisionKey);
  if (others.length === 0) return undefined;
  return violation('CONFLICTING_DECISION', `unit ${label} is already changed on ${date} by decision ${others.join(', ')}`, path);
}

export function noLaterChangesBeforeEnding(timeline: UnitTimeline, label: string, date: IsoDate, decisionKey: string, path: string): Violation | undefined {
  const later = timeline.decisionsAfter(date, decisionKey);
  if (later.length === 0) return undefined;
  return violation('CONFLICTING_DECISION', `unit ${label} cannot end on ${date}: later decisions change it (${later.join(', ')})`, path);
}
