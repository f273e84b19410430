import { z } from 'zod';
import { localize, type Language, type LocalizedText } from './language';
import type { ProblemItem } from './problem-details';

type Issue = z.core.$ZodIssue;

const locales: Record<Language, z.core.$ZodErrorMap> = {
  vi: z.locales.vi().localeError,
  en: z.locales.en().localeError,
};
const defaultLocale = locales.en;

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

function messageOf(result: ReturnType<z.core.$ZodErrorMap>): string | undefined {
  return typeof result === 'string' ? result : result?.message;
}

/**
 * A schema's own message stays as written; zod's default (English) messages are translated.
 * Custom issues may carry `params: { code, detail: { vi, en } }`.
 */
function detailOf(issue: Issue, language: Language): string {
  if (issue.code === 'custom' && isLocalizedText(issue.params?.detail)) return localize(issue.params.detail, language);
  const raw = issue as unknown as Parameters<z.core.$ZodErrorMap>[0];
  const isDefaultMessage = messageOf(defaultLocale(raw)) === issue.message;
  return (isDefaultMessage && messageOf(locales[language](raw))) || issue.message;
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
