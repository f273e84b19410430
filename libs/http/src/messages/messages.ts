import i18next, { type TOptions } from 'i18next';
import type { Language, LocalizedText } from '../language';
import { en, type MessageKey } from './en';
import { vi } from './vi';

/** A message's parameters; a `{ vi, en }` value (a legal source) is taken in the language rendered. */
export type MessageValue = string | number | readonly string[] | LocalizedText;
export type MessageParams = Readonly<Record<string, MessageValue>>;

const catalogue = i18next.createInstance();
void catalogue.init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: 'vi',
  fallbackLng: false,
  initAsync: false,
  showSupportNotice: false,
  // Keys are flat ("violation.UNKNOWN_UNIT.draft"): dots and colons belong to the key.
  keySeparator: false,
  nsSeparator: false,
  returnNull: false,
  interpolation: { escapeValue: false },
  // A parameter the caller did not give stays visible as {{name}} (the catalogue test fails on it), never a silent blank.
  missingInterpolationHandler: (_text: string, match: RegExpExecArray) => match[0],
  // A code without a Vietnamese term (`$t(term.role.x)`) is shown as the code itself.
  parseMissingKeyHandler: (key: string) => (key.startsWith('term.') ? key.slice(key.lastIndexOf('.') + 1) : key),
});

function isLocalized(value: MessageValue): value is LocalizedText {
  return typeof value === 'object' && !Array.isArray(value) && typeof (value as LocalizedText).vi === 'string';
}

function paramsIn(params: MessageParams, language: Language): TOptions {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, isLocalized(value) ? value[language] : value]));
}

export function hasMessage(key: string): boolean {
  return catalogue.exists(key, { lng: 'en' }) && catalogue.exists(key, { lng: 'vi' });
}

/** The message `key` in `language`, its parameters filled in. */
export function message(key: MessageKey | (string & {}), language: Language, params: MessageParams = {}): string {
  const translate = catalogue.t as unknown as (key: string, options: TOptions) => string;
  return translate(key, { ...paramsIn(params, language), lng: language });
}

/** The message in every language, for a problem's `detail`. */
export function messageText(key: MessageKey | (string & {}), params: MessageParams = {}): LocalizedText {
  return { vi: message(key, 'vi', params), en: message(key, 'en', params) };
}

/** Every key of the catalogue (the English keys; Vietnamese has them all, plus the terms messages nest). */
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];
export const VIETNAMESE_KEYS = Object.keys(vi);
