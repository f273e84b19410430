import type { z } from 'zod';
import { localize, type Language, type LocalizedText } from './language';
import { hasMessage, message, type MessageParams } from './messages';
import type { ProblemItem } from './problem-details';

type Issue = z.core.$ZodIssue;

/** `operations[0].unit.code` */
export function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return typeof value === 'object' && value !== null && typeof (value as LocalizedText).vi === 'string' && typeof (value as LocalizedText).en === 'string';
}

const TYPES = new Set(['string', 'number', 'int', 'boolean', 'object', 'array']);
const FORMATS: Record<string, string> = { date: 'date', datetime: 'datetime', uuid: 'uuid', guid: 'uuid' };

/** A schema's own message that names a catalogue key (`error: 'validation.format.date'`, or a custom issue's `params.message`). */
function ownKey(issue: Issue): string | undefined {
  const fromParams = issue.code === 'custom' ? issue.params?.message : undefined;
  if (typeof fromParams === 'string' && hasMessage(fromParams)) return fromParams;
  return hasMessage(issue.message) ? issue.message : undefined;
}

const listed = (values: readonly unknown[]) => values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');

/** Why the value is refused and what to give instead (an example where one helps), without the field. */
function reasonOf(issue: Issue, language: Language): string {
  if (issue.code === 'custom' && isLocalizedText(issue.params?.detail)) return localize(issue.params.detail, language);
  const own = ownKey(issue);
  if (own) return message(own, language, (issue.code === 'custom' ? issue.params : undefined) as MessageParams | undefined);
  switch (issue.code) {
    case 'invalid_type':
      return TYPES.has(issue.expected) ? message(`validation.type.${issue.expected}`, language) : message('validation.type.other', language, { type: issue.expected });
    case 'invalid_format':
      return FORMATS[issue.format] ? message(`validation.format.${FORMATS[issue.format]}`, language) : message('validation.format.other', language, { format: issue.format });
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? message('validation.tooSmall.string', language) : message('validation.tooSmall.stringMin', language, { minimum });
      if (issue.origin === 'array' || issue.origin === 'set') return message('validation.tooSmall.array', language, { minimum });
      return message(issue.inclusive === false ? 'validation.tooSmall.numberExclusive' : 'validation.tooSmall.number', language, { minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return message('validation.tooBig.string', language, { maximum });
      if (issue.origin === 'array' || issue.origin === 'set') return message('validation.tooBig.array', language, { maximum });
      return message('validation.tooBig.number', language, { maximum });
    }
    case 'invalid_value':
      return message('validation.invalidValue', language, { values: listed(issue.values) });
    case 'unrecognized_keys':
      return message('validation.unrecognizedKeys', language, { keys: issue.keys.map((key) => JSON.stringify(key)).join(', ') });
    case 'invalid_union': {
      const options = (issue as { options?: readonly unknown[] }).options;
      return options?.length ? message('validation.invalidValue', language, { values: listed(options) }) : message('validation.invalidUnion', language);
    }
    case 'custom':
      return issue.message;
    default:
      return message('validation.invalid', language);
  }
}

/** A required field that is absent: `asOf` with no value at all. */
function isMissing(issue: Issue): boolean {
  return issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined;
}

/**
 * Every issue as the catalogue words it, in the request's language: the field, what was expected
 * and an example ("asOf: ngày phải có dạng YYYY-MM-DD, ví dụ 2019-12-31"). A schema's own check
 * names its catalogue key (custom issues: `params: { code, message: '<key>', …its parameters }`).
 */
function detailOf(issue: Issue, language: Language): string {
  const path = formatPath(issue.path);
  const reason = reasonOf(issue, language);
  if (issue.code === 'custom') return reason;
  if (!path && issue.code === 'invalid_type' && 'input' in issue && typeof issue.input === 'string') return message('validation.bodyNotJson', language);
  const field = path || message('validation.body', language);
  const missing = isMissing(issue) || (issue.code === 'invalid_format' && 'input' in issue && issue.input === undefined);
  return message(missing ? 'validation.missing' : 'validation.issue', language, { field, reason });
}

function codeOf(issue: Issue): string {
  const custom = issue.code === 'custom' ? issue.params?.code : undefined;
  return typeof custom === 'string' ? custom : issue.code.toUpperCase();
}

export function zodIssuesToItems(issues: readonly Issue[], language: Language): ProblemItem[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    return { ...(path ? { path } : {}), code: codeOf(issue), detail: detailOf(issue, language) };
  });
}
