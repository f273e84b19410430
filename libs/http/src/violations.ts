import type { LocalizedText } from './language';
import { hasMessage, message, messageText, type MessageParams } from './messages';
import type { ProblemItemInit } from './problem-details';

/** A refusal of a rule as the domain states it (libs/domain `Violation`): a stable code, what it names, English for logs. */
export interface ViolationLike {
  code: string;
  detail: string;
  params?: MessageParams;
  variant?: string;
  path?: string;
  row?: unknown;
  decisionIndex?: number;
  operationIndex?: number;
  legalSource?: LocalizedText;
}

/** The catalogue key of a violation: `violation.<code>.<variant>`, or `violation.<code>` when the code has one message. */
export function violationKey(violation: Pick<ViolationLike, 'code' | 'variant'>): string {
  return violation.variant ? `violation.${violation.code}.${violation.variant}` : `violation.${violation.code}`;
}

/**
 * A violation in every language, from the message catalogue. A code the catalogue does not know (a
 * defect the catalogue test catches) still answers with its English text and its code in Vietnamese.
 */
export function violationText(violation: ViolationLike): LocalizedText {
  const key = violationKey(violation);
  if (hasMessage(key)) return messageText(key, violation.params);
  return { en: violation.detail, vi: message('detail.unknownViolation', 'vi', { code: violation.code }) };
}

/** One `errors[]` item per violation: its position (path, row, decision, operation), code, detail and legal source. */
export function violationItem(violation: ViolationLike): ProblemItemInit {
  return {
    code: violation.code,
    detail: violationText(violation),
    ...(violation.path !== undefined ? { path: violation.path } : {}),
    ...(typeof violation.row === 'number' ? { row: violation.row } : {}),
    ...(violation.decisionIndex !== undefined ? { decisionIndex: violation.decisionIndex } : {}),
    ...(violation.operationIndex !== undefined ? { operationIndex: violation.operationIndex } : {}),
    ...(violation.legalSource !== undefined ? { legalSource: violation.legalSource } : {}),
  };
}

/** The items' details joined, in every language: a problem's `detail` that names every broken rule. */
export function joinedText(items: readonly { detail: string | LocalizedText }[]): LocalizedText | undefined {
  if (!items.length) return undefined;
  const join = (language: keyof LocalizedText) => items.map(({ detail }) => (typeof detail === 'string' ? detail : detail[language])).join('; ');
  return { vi: join('vi'), en: join('en') };
}
