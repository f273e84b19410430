import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Linter } from 'eslint';

const root = join(__dirname, '..', '..');
const fixture = readFileSync(join(root, 'test/fixtures/lint/domain-violations.ts'), 'utf8');
const fixtureLines = fixture.split('\n');
const DOMAIN_RULES = ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'];

function lineOf(snippet: string): number {
  const index = fixtureLines.findIndex((line) => line.includes(snippet));
  if (index < 0) throw new Error(`fixture has no line containing ${snippet}`);
  return index + 1;
}

// ESLint loads eslint.config.mjs with a dynamic import(), which Jest's module sandbox refuses
// (no --experimental-vm-modules), so the Node API runs in a plain child process.
const LINT_AS = `
const { ESLint } = require('eslint');
const [text, filePath] = process.argv.slice(1);
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all([eslint.lintText(text, { filePath }), eslint.isPathIgnored(filePath)]).then(([[result], ignored]) => {
  process.stdout.write(JSON.stringify({ messages: result.messages, ignored }));
});
`;

async function lintFixtureAt(filePath: string): Promise<{ messages: Linter.LintMessage[]; ignored: boolean }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', LINT_AS, fixture, join(root, filePath)], { cwd: root });
  return JSON.parse(stdout) as { messages: Linter.LintMessage[]; ignored: boolean };
}

describe('domain lint rules (eslint.config.mjs)', () => {
  let domainMessages: Linter.LintMessage[];

  beforeAll(async () => {
    domainMessages = (await lintFixtureAt('libs/domain/src/domain-violations.ts')).messages;
  });

  const bannedImports = ['@nestjs/common', 'typeorm', 'kafkajs', 'pg', 'better-sqlite3', '@kurrent/kurrentdb-client', 'node:crypto', 'crypto', 'fs'];
  it.each(bannedImports)('forbids importing %s in libs/domain', (moduleName) => {
    const line = lineOf(`from '${moduleName}';`);
    const hit = domainMessages.find((m) => m.line === line && m.ruleId === '@typescript-eslint/no-restricted-imports');
    expect(hit?.severity).toBe(2);
    expect(hit?.message).toContain(`'${moduleName}'`);
  });

  const bannedCalls: Array<[string, string, RegExp]> = [
    ['Date.now()', 'Date.now()', /reads the clock/],
    ['new Date() without arguments', 'new Date();', /new Date\(\.\.\.\)/],
    ['new Date(...) with arguments', "new Date('2025-07-01')", /new Date\(\.\.\.\)/],
    ['Date() called as a function', '= Date();', /Date\(\) reads the clock/],
    ['Math.random()', 'Math.random()', /unrepeatable/],
    ['randomUUID()', '= randomUUID()', /caller generates/],
    ['crypto.randomUUID()', 'crypto.randomUUID()', /caller generates/],
  ];
  it.each(bannedCalls)('forbids %s in libs/domain, saying why', (_name, snippet, why) => {
    const line = lineOf(snippet);
    const hit = domainMessages.find((m) => m.line === line && m.ruleId === 'no-restricted-syntax');
    expect(hit?.severity).toBe(2);
    expect(hit?.message).toMatch(why);
  });

  it('raises nothing but the domain rules on the fixture (each violation is deliberate)', () => {
    expect(domainMessages.filter((m) => !DOMAIN_RULES.includes(m.ruleId ?? ''))).toEqual([]);
    expect(domainMessages).toHaveLength(bannedImports.length + bannedCalls.length);
  });

  it('does not apply the domain rules outside libs/domain', async () => {
    const atApp = await lintFixtureAt('apps/api/src/domain-violations.ts');
    expect(atApp.messages).toEqual([]);
  });

  it('keeps the fixture out of the repository lint run', async () => {
    const inPlace = await lintFixtureAt('test/fixtures/lint/domain-violations.ts');
    expect(inPlace.ignored).toBe(true);
  });
});
