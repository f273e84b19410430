import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MESSAGE_KEYS, PROBLEM_TYPES, VIETNAMESE_KEYS, message, type MessageParams, type ProblemCode } from '@reorg/http';

const ROOT = join(__dirname, '../../../..');
/** Where refusals are made: the domain, the register's services and the api. */
const SOURCES = ['libs/domain/src', 'libs/register/src', 'libs/read-models/src', 'apps/api/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** Violation codes as the code base writes them: rule helpers, refusals and `{ code: 'X', detail … }` literals. */
// The last pattern needs a literal detail: items the edge words itself (CSV columns, UTF-8…) take theirs from the catalogue by their own keys.
const CODE_PATTERNS = [
  /\bviolation\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /\brefusal\(\s*'[A-Z_]+',\s*'([A-Z][A-Z0-9_]+)'/g,
  /\brestructuringViolation\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bcode: '([A-Z][A-Z0-9_]+)',?\s*(?:\n\s*)?detail: ['`]/g,
];
const VARIANT_PATTERNS = [/\bvariant: '([A-Za-z]+)'/g, /\binvalid\([^;]*?'([a-z][A-Za-z]+)'(?:, \{[^}]*\})?\)/g];

function collect(patterns: RegExp[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { path, text } of files) {
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.set(match[1], [...(found.get(match[1]) ?? []), path]);
  }
  return found;
}

const violationCodes = collect(CODE_PATTERNS);
const literalVariants = collect(VARIANT_PATTERNS);
const violationKeys = MESSAGE_KEYS.filter((key) => key.startsWith('violation.'));
const codeOfKey = (key: string) => key.split('.')[1];

/** Common English words: none may appear in a Vietnamese message (codes, field names and values aside). */
const ENGLISH = /\b(the|is|are|was|has|have|of|and|not|must|no|only|which|with|unit|body|proposal|required|expected|received|invalid|unrecognized|already|cannot|give|send|please)\b/;

/** A value for every parameter a message names (lists and legal sources in their own shapes). */
function sampleParams(key: string): MessageParams {
  const names = new Set<string>();
  for (const language of ['en', 'vi'] as const) {
    const template = rawTemplate(key, language);
    for (const match of template.matchAll(/\{\{\s*([A-Za-z]+)/g)) names.add(match[1]);
  }
  return Object.fromEntries(
    [...names].map((name) => [name, name === 'allowed' ? ['DRAFT', 'RETURNED'] : name === 'source' ? { vi: 'Nghị định 120/2020/NĐ-CP', en: 'Decree 120/2020/ND-CP' } : `X${name.length}`]),
  );
}

/** The template as written: rendered with no parameters, the catalogue leaves each {{name}} in place. */
function rawTemplate(key: string, language: 'vi' | 'en'): string {
  return message(key, language, {});
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([A-Za-z]+)/g)].map((m) => m[1]))].sort();
}

describe('the message catalogue', () => {
  it('finds the violation codes of the code base (the scan works)', () => {
    expect([...violationCodes.keys()]).toEqual(expect.arrayContaining(['UNKNOWN_UNIT', 'STEP_NOT_PENDING', 'MIN_STAFFING_FOR_NEW_UNIT', 'PROVINCE_CHANGED_LATER', 'DECISION_YEAR_REQUIRED', 'UNKNOWN_TERRITORY']));
    expect(violationCodes.size).toBeGreaterThan(40);
  });

  it('has a message in both languages for every violation code the code base can produce', () => {
    const missing = [...violationCodes].filter(([code]) => !violationKeys.some((key) => codeOfKey(key) === code)).map(([code, where]) => `${code} (${where[0]})`);
    expect(missing).toEqual([]);
  });

  it('has a message for every literal message variant, and no message for a code nobody produces', () => {
    const variants = new Set(violationKeys.map((key) => key.split('.')[2]).filter(Boolean));
    expect([...literalVariants.keys()].filter((variant) => !variants.has(variant))).toEqual([]);
    expect(violationKeys.filter((key) => !violationCodes.has(codeOfKey(key)))).toEqual([]);
  });

  it('gives every key in both languages, naming the same parameters', () => {
    expect(MESSAGE_KEYS.filter((key) => !VIETNAMESE_KEYS.includes(key))).toEqual([]);
    const differing = MESSAGE_KEYS.filter((key) => !placeholders(rawTemplate(key, 'vi')).every((name) => placeholders(rawTemplate(key, 'en')).includes(name)));
    expect(differing).toEqual([]);
  });

  it.each(Object.keys(PROBLEM_TYPES) as ProblemCode[])('titles problem %s in Vietnamese and English', (code) => {
    const { vi, en } = PROBLEM_TYPES[code].title;
    expect(vi).not.toBe('');
    expect(en).not.toBe('');
    expect(vi).not.toBe(en);
    expect(vi).not.toMatch(ENGLISH);
  });

  it.each(MESSAGE_KEYS.map((key) => [key]))('renders %s in Vietnamese without English and with every parameter filled', (key) => {
    const params = sampleParams(key);
    const vi = message(key, 'vi', params);
    const en = message(key, 'en', params);
    for (const text of [vi, en]) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/\{\{|\}\}|\bundefined\b|\bnull\b|\$t\(/);
    }
    expect(vi).not.toMatch(ENGLISH);
  });

  it('says what to do in every Vietnamese refusal of a violation (an instruction or the rule that decides it)', () => {
    const silent = violationKeys.filter((key) => !/hãy|phải|chỉ|không cần|Nghị (định|quyết)|tính toàn vẹn|\{\{source\}\}/.test(rawTemplate(key, 'vi')));
    expect(silent).toEqual([]);
  });
});
