import type { IsoDate } from '../shared/calendar';
import type { UnitLevel } from '../shared/code-lists';
import type { Violation } from '../shared/violations';
import { type LevelValidity, levelClosedOn } from './level-validity';

/** Legal sources of the 2025 restructuring rules (see docs/adr on the 2025 reorganisation). */
export const RESTRUCTURING_SOURCES = {
  LEVELS: 'Resolution 203/2025/QH15 amending the 2013 Constitution; Law on Organisation of Local Government 72/2025/QH15',
  PROVINCE_MERGER: 'Resolution 202/2025/QH15 on the arrangement of provincial-level administrative units',
  REGISTER: 'register integrity',
} as const;

/** The rules a body restructuring or a province merger may break: stable code, legal source, messages in both languages. */
export const RESTRUCTURING_RULES = {
  LEVEL_NOT_IN_EFFECT: {
    legalBasis: RESTRUCTURING_SOURCES.LEVELS,
    en: (a: { what: string; level: string; date: string; source: string }) => `${a.what}: the ${a.level} level does not exist on ${a.date} (${a.source})`,
    vi: (a: { what: string; level: string; date: string; source: string }) => `${a.what}: cấp ${LEVEL_VI[a.level] ?? a.level} không còn tồn tại vào ngày ${a.date} (${a.source})`,
  },
  BODY_HAS_UNITS: {
    legalBasis: RESTRUCTURING_SOURCES.REGISTER,
    en: (a: { body: string; count: number }) => `governing body ${a.body} still has ${a.count} unit(s) on the date: name where they go (${RESTRUCTURING_SOURCES.REGISTER})`,
    vi: (a: { body: string; count: number }) => `cơ quan chủ quản ${a.body} vẫn còn ${a.count} đơn vị vào ngày này: phải nêu nơi tiếp nhận (${RESTRUCTURING_SOURCES_VI.REGISTER})`,
  },
  UNIT_NOT_UNDER_BODY: {
    legalBasis: RESTRUCTURING_SOURCES.REGISTER,
    en: (a: { unit: string; body: string }) => `unit ${a.unit} is not under governing body ${a.body} on the date (${RESTRUCTURING_SOURCES.REGISTER})`,
    vi: (a: { unit: string; body: string }) => `đơn vị ${a.unit} không thuộc cơ quan chủ quản ${a.body} vào ngày này (${RESTRUCTURING_SOURCES_VI.REGISTER})`,
  },
  UNIT_WITHOUT_DESTINATION: {
    legalBasis: RESTRUCTURING_SOURCES.REGISTER,
    en: (a: { unit: string; body: string }) => `unit ${a.unit} of ${a.body} has no destination and the split names no default (${RESTRUCTURING_SOURCES.REGISTER})`,
    vi: (a: { unit: string; body: string }) => `đơn vị ${a.unit} của ${a.body} chưa có nơi tiếp nhận và quyết định chia không nêu nơi tiếp nhận mặc định (${RESTRUCTURING_SOURCES_VI.REGISTER})`,
  },
  SAME_BODY_TWICE: {
    legalBasis: RESTRUCTURING_SOURCES.REGISTER,
    en: (a: { body: string }) => `governing body ${a.body} is named twice, or as its own successor (${RESTRUCTURING_SOURCES.REGISTER})`,
    vi: (a: { body: string }) => `cơ quan chủ quản ${a.body} được nêu hai lần hoặc là nơi tiếp nhận của chính mình (${RESTRUCTURING_SOURCES_VI.REGISTER})`,
  },
  DUPLICATE_BODY_CODE: {
    legalBasis: RESTRUCTURING_SOURCES.REGISTER,
    en: (a: { code: string }) => `governing body code ${a.code} is already used (body codes are never reused; ${RESTRUCTURING_SOURCES.REGISTER})`,
    vi: (a: { code: string }) => `mã cơ quan chủ quản ${a.code} đã được sử dụng (${RESTRUCTURING_SOURCES_VI.REGISTER})`,
  },
  PROVINCE_UNKNOWN: {
    legalBasis: RESTRUCTURING_SOURCES.PROVINCE_MERGER,
    en: (a: { province: string }) => `no governing body of province ${a.province} is in the register: import its register first (${RESTRUCTURING_SOURCES.PROVINCE_MERGER})`,
    vi: (a: { province: string }) => `sổ đăng ký chưa có cơ quan chủ quản nào của tỉnh ${a.province}: phải nhập sổ của tỉnh đó trước (${RESTRUCTURING_SOURCES_VI.PROVINCE_MERGER})`,
  },
  PROVINCE_ALREADY_JOINED: {
    legalBasis: RESTRUCTURING_SOURCES.PROVINCE_MERGER,
    en: (a: { province: string; date: string }) => `province ${a.province} has no active governing body of its own on ${a.date}: already joined, or nothing to join (${RESTRUCTURING_SOURCES.PROVINCE_MERGER})`,
    vi: (a: { province: string; date: string }) => `tỉnh ${a.province} không còn cơ quan chủ quản nào của riêng mình vào ngày ${a.date}: đã hợp nhất hoặc không có gì để hợp nhất (${RESTRUCTURING_SOURCES_VI.PROVINCE_MERGER})`,
  },
  PROVINCE_CHANGED_LATER: {
    legalBasis: RESTRUCTURING_SOURCES.PROVINCE_MERGER,
    en: (a: { province: string; date: string; decisions: string }) =>
      `province ${a.province} cannot join on ${a.date}: its register already records later changes (${a.decisions}); record the merger before them (${RESTRUCTURING_SOURCES.PROVINCE_MERGER})`,
    vi: (a: { province: string; date: string; decisions: string }) =>
      `tỉnh ${a.province} không thể hợp nhất vào ngày ${a.date}: sổ của tỉnh đã ghi nhận thay đổi sau ngày đó (${a.decisions}); phải ghi nhận việc hợp nhất trước (${RESTRUCTURING_SOURCES_VI.PROVINCE_MERGER})`,
  },
} as const;

const RESTRUCTURING_SOURCES_VI = {
  LEVELS: 'Nghị quyết 203/2025/QH15 sửa đổi Hiến pháp năm 2013; Luật Tổ chức chính quyền địa phương số 72/2025/QH15',
  PROVINCE_MERGER: 'Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh',
  REGISTER: 'tính toàn vẹn của sổ đăng ký',
} as const;

const LEVEL_VI: Record<string, string> = { PROVINCE: 'tỉnh', DISTRICT: 'huyện', COMMUNE: 'xã' };

export type RestructuringRule = keyof typeof RESTRUCTURING_RULES;

/** A violation of a restructuring rule with its English and Vietnamese detail. */
export function restructuringViolation<R extends RestructuringRule>(rule: R, args: Parameters<(typeof RESTRUCTURING_RULES)[R]['en']>[0], path?: string): Violation {
  const definition = RESTRUCTURING_RULES[rule] as { en: (a: typeof args) => string; vi: (a: typeof args) => string };
  return { code: rule, detail: definition.en(args), detailVi: definition.vi(args), ...(path ? { path } : {}) };
}

/** Nothing may be created at, or moved to, a level that does not exist on the date; closing what is there stays possible. */
export function levelInEffect(levels: readonly LevelValidity[], level: UnitLevel, date: IsoDate, what: string, path?: string): Violation | undefined {
  const closed = levelClosedOn(levels, level, date);
  if (!closed) return undefined;
  const source = closed.legalSource ?? RESTRUCTURING_SOURCES.LEVELS;
  const violation = restructuringViolation('LEVEL_NOT_IN_EFFECT', { what, level, date, source }, path);
  // The Vietnamese text names the Vietnamese title of the default source; a province's own source is quoted as given.
  return closed.legalSource ? violation : { ...violation, detailVi: RESTRUCTURING_RULES.LEVEL_NOT_IN_EFFECT.vi({ what, level, date, source: RESTRUCTURING_SOURCES_VI.LEVELS }) };
}
