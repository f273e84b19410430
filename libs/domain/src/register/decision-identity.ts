import { type IsoDate, yearOf } from '../shared/calendar';

const clean = (text: string): string => text.normalize('NFC').trim();

/**
 * A decision is identified by its issuer, its number and the year of its date: issuers number their
 * decisions afresh every year, so 12/QĐ-UBND of 2024 and 12/QĐ-UBND of 2025 are two decisions.
 */
export function decisionKey(issuer: string, number: string, date: IsoDate): string {
  return `${clean(issuer)}|${clean(number)}|${yearOf(date)}`;
}

/** The same decision for DUPLICATE_DECISION: issuer and number compared case-insensitively, and the year. */
export function sameDecisionIdentity(a: { issuer: string; number: string; date: IsoDate }, b: { issuer: string; number: string; date: IsoDate }): boolean {
  return decisionKey(a.issuer, a.number, a.date).toLocaleUpperCase('vi') === decisionKey(b.issuer, b.number, b.date).toLocaleUpperCase('vi');
}
