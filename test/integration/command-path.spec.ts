import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const WRITES = /\.(appendToStream|appendMultiple|commandResult)\s*\(/g;

/** The only code that writes commands to the store: the generic pipeline, and the store itself (adapters, backup/restore). */
const ALLOWED = [/^libs\/event-store\/src\//, /^libs\/register\/src\/command-pipeline\/command-pipeline\.ts$/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every call of appendToStream, appendMultiple or commandResult in apps/ and libs/, as `file: method`. */
function storeWriters(): string[] {
  return ['apps', 'libs'].flatMap((top) =>
    sourceFiles(join(root, top)).flatMap((path) => [...readFileSync(path, 'utf8').matchAll(WRITES)].map((match) => `${relative(root, path).split('\\').join('/')}: ${match[1]}`)),
  );
}

describe('one command path', () => {
  it('finds the calls it looks for (the scan is not blind)', () => {
    expect(storeWriters()).toEqual(
      expect.arrayContaining(['libs/register/src/command-pipeline/command-pipeline.ts: appendToStream', 'libs/register/src/command-pipeline/command-pipeline.ts: appendMultiple', 'libs/register/src/command-pipeline/command-pipeline.ts: commandResult']),
    );
  });

  it('no service outside the generic pipeline appends or looks up a command result', () => {
    const outside = storeWriters().filter((call) => !ALLOWED.some((allowed) => allowed.test(call.split(':')[0])));
    expect(outside).toEqual([]);
  });
});
