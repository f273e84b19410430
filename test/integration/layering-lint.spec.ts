import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Linter } from 'eslint';

const root = join(__dirname, '..', '..');
const fixture = readFileSync(join(root, 'test/fixtures/lint/layering-violations.ts'), 'utf8');
const RULE = '@typescript-eslint/no-restricted-imports';

const lineOf = (snippet: string): number => fixture.split('\n').findIndex((line) => line.includes(snippet)) + 1;

// ESLint loads eslint.config.mjs with a dynamic import(), which Jest's module sandbox refuses, so the Node API runs in a child process.
const LINT_AS = `
const { ESLint } = require('eslint');
const [text, filePath] = process.argv.slice(1);
new ESLint({ cwd: process.cwd() }).lintText(text, { filePath }).then(([result]) => process.stdout.write(JSON.stringify(result.messages)));
`;

async function restrictedLinesAt(filePath: string): Promise<{ line: number; message: string }[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', LINT_AS, fixture, join(root, filePath)], { cwd: root });
  return (JSON.parse(stdout) as Linter.LintMessage[]).filter((m) => m.ruleId === RULE && m.severity === 2).map(({ line, message }) => ({ line, message }));
}

describe('layering lint rules (eslint.config.mjs)', () => {
  it('forbids an app to import another app, by any relative path, and deep @reorg/<lib>/src imports', async () => {
    const hits = await restrictedLinesAt('apps/projector/src/layering-violations.ts');
    expect(hits.map((h) => h.line)).toEqual([lineOf("'../../api/src/read-models'"), lineOf("'../../../cli/src"), lineOf("'@reorg/register/src"), lineOf("apps/api/src/app.module'")]);
    expect(hits[0].message).toMatch(/never imports another app/);
    expect(hits[2].message).toMatch(/never through its src\/ folder/);
  }, 30_000);

  it('forbids a library to import an app, and deep imports', async () => {
    const hits = await restrictedLinesAt('libs/register/src/layering-violations.ts');
    expect(hits.map((h) => h.line)).toEqual([lineOf("'@reorg/register/src"), lineOf("apps/api/src/app.module'")]);
  }, 30_000);

  it('lets tests drive the apps, but not through a library’s src/', async () => {
    const hits = await restrictedLinesAt('test/e2e/layering-violations.ts');
    expect(hits.map((h) => h.line)).toEqual([lineOf("'@reorg/register/src")]);
  }, 30_000);
});
