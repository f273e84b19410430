import type { IsoDate } from '../shared/calendar';
import type { UnitLevel } from '../shared/code-lists';
import type { MessageParams, Violation } from '../shared/violations';
import { type LevelValidity, levelClosedOn } from './level-validity';

/** Legal sources of the 2025 restructuring rules (see docs/adr on the 2025 reorganisation). */
export const RESTRUCTURING_SOURCES = {
  LEVELS: 'Resolution 203/2025/QH15 amending the 2013 Constitution; Law on Organisation of Local Government 72/2025/QH15',
  PROVINCE_MERGER: 'Resolution 202/2025/QH15 on the arrangement of provincial-level administrative units',
  REGISTER: 'register integrity',
} as const;

/** The rules a body restructuring or a province merger may break: stable code, legal source, English text (the edge's catalogue renders `params`). */
export const RESTRUCTURING_RULES = {
  LEVEL_NOT_IN_EFFECT: {
    legalBasis: RESTRUCTURING_SOURCES.LEVELS,
    en: (a: { what: string; level: string; date: string; source: string }) => `${a.what}: the ${a.level} level does not exist on ${a.date} (${a.source})`,
  },
  BODY_HAS_UNITS: {
    legalBasis: RESTRUCTURING_SOURCES.REGISTER,
    en: (a: { body: string; count: number }) => `governing body ${a.body} still has ${a.count} unit(s) on the date: name where they go (${RESTRUCTURING_SOURCES.REGISTER})`,
  },
  UNIT_NOT_UNDER_BODY: {
    legalBasis: RESTRUCTURING_SOURCES.REGISTER,
    en: (a: { unit: string; body: string }) => `unit ${a.unit} is not under governing body ${a.body} on the date (${RESTRUCTURING_SOURCES.REGISTER})`,
  },
  UNIT_WITHOUT_DESTINATION: {
    legalBasis: RESTRUCTURING_SOURCES.REGISTER,
    en: (a: { unit: string; body: string }) => `unit ${a.unit} of ${a.body} has no destination and the split names no default (${RESTRUCTURING_SOURCES.REGISTER})`,
  },
  SAME_BODY_TWICE: {
    legalBasis: RESTRUCTURING_SOURCES.REGISTER,
    en: (a: { body: string }) => `governing body ${a.body} is named twice, or as its own successor (${RESTRUCTURING_SOURCES.REGISTER})`,
  },
  DUPLICATE_BODY_CODE: {
    legalBasis: RESTRUCTURING_SOURCES.REGISTER,
    en: (a: { code: string }) => `governing body code ${a.code} is already used (body codes are never reused; ${RESTRUCTURING_SOURCES.REGISTER})`,
  },
  PROVINCE_UNKNOWN: {
    legalBasis: RESTRUCTURING_SOURCES.PROVINCE_MERGER,
    en: (a: { province: string }) => `no governing body of province ${a.province} is in the register: import its register first (${RESTRUCTURING_SOURCES.PROVINCE_MERGER})`,
  },
  PROVINCE_ALREADY_JOINED: {
    legalBasis: RESTRUCTURING_SOURCES.PROVINCE_MERGER,
    en: (a: { province: string; date: string }) => `province ${a.province} has no active governing body of its own on ${a.date}: already joined, or nothing to join (${RESTRUCTURING_SOURCES.PROVINCE_MERGER})`,
  },
  PROVINCE_CHANGED_LATER: {
    legalBasis: RESTRUCTURING_SOURCES.PROVINCE_MERGER,
    en: (a: { province: string; date: string; decisions: string }) =>
      `province ${a.province} cannot join on ${a.date}: its register already records later changes (${a.decisions}); record the merger before them (${RESTRUCTURING_SOURCES.PROVINCE_MERGER})`,
  },
} as const;

export type RestructuringRule = keyof typeof RESTRUCTURING_RULES;

/** A violation of a restructuring rule: English detail, and its arguments as the catalogue's params. */
export function restructuringViolation<R extends RestructuringRule>(rule: R, args: Parameters<(typeof RESTRUCTURING_RULES)[R]['en']>[0], path?: string, variant?: string): Violation {
  const definition = RESTRUCTURING_RULES[rule] as { en: (a: typeof args) => string };
  return { code: rule, detail: definition.en(args), params: args as MessageParams, ...(variant ? { variant } : {}), ...(path ? { path } : {}) };
}

/** What a closed level would receive: a unit, a unit under or moved to a body, or a body. */
export interface LevelSubject {
  unit?: string;
  body?: string;
  relation?: 'under' | 'to';
}

function subjectText({ unit, body, relation }: LevelSubject): string {
  if (unit !== undefined && body !== undefined && relation) return `unit ${unit} ${relation} ${body}`;
  return unit !== undefined ? `unit ${unit}` : `body ${body}`;
}

function subjectVariant({ unit, body, relation }: LevelSubject): string {
  if (unit !== undefined && body !== undefined && relation) return relation === 'under' ? 'unitUnder' : 'unitTo';
  return unit !== undefined ? 'unit' : 'body';
}

/** Nothing may be created at, or moved to, a level that does not exist on the date; closing what is there stays possible. */
export function levelInEffect(levels: readonly LevelValidity[], level: UnitLevel, date: IsoDate, subject: LevelSubject, path?: string): Violation | undefined {
  const closed = levelClosedOn(levels, level, date);
  if (!closed) return undefined;
  const source = closed.legalSource ?? RESTRUCTURING_SOURCES.LEVELS;
  const violation = restructuringViolation('LEVEL_NOT_IN_EFFECT', { what: subjectText(subject), level, date, source }, path, subjectVariant(subject));
  // The catalogue names the default source in the request's language; a province's own source is quoted as given.
  const sourceParam = closed.legalSource ?? { en: RESTRUCTURING_SOURCES.LEVELS, vi: RESTRUCTURING_SOURCES_VI.LEVELS };
  return { ...violation, params: { ...subject, level, date, source: sourceParam } };
}

const RESTRUCTURING_SOURCES_VI = {
  LEVELS: 'Nghị quyết 203/2025/QH15 sửa đổi Hiến pháp năm 2013; Luật Tổ chức chính quyền địa phương số 72/2025/QH15',
} as const;
