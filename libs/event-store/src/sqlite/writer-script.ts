import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const ENTRY = 'sqlite-writer.worker';

/**
 * The file the writer thread runs. Built (dist): the compiled .js beside this module. From the
 * TypeScript sources (jest, the `-r @swc-node/register` scripts): the worker's own sources (its
 * relative imports, followed) transpiled once with @swc/core into a cache directory keyed by their
 * hash, with package imports resolved to absolute paths there; a worker started from it loads as
 * plain JavaScript, without a TypeScript loader in every thread.
 */
export function writerScript(): string {
  const compiled = join(__dirname, `${ENTRY}.js`);
  if (existsSync(compiled)) return compiled;
  return transpiledFromSources(join(__dirname, `${ENTRY}.ts`));
}

let cached: string | undefined;

function transpiledFromSources(entry: string): string {
  if (cached && existsSync(cached)) return cached;
  const root = resolve(__dirname, '..');
  const sources = new Map<string, string>();
  const visit = (file: string): void => {
    if (sources.has(file)) return;
    const text = readFileSync(file, 'utf8');
    sources.set(file, text);
    for (const [, specifier] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const base = resolve(dirname(file), specifier);
      visit(existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts'));
    }
  };
  visit(entry);
  const hash = createHash('sha256').update(process.version);
  for (const [file, text] of [...sources].sort(([a], [b]) => a.localeCompare(b))) hash.update(file).update('\0').update(text).update('\0');
  const dir = join(tmpdir(), `reorg-sqlite-writer-${hash.digest('hex').slice(0, 20)}`);
  const script = join(dir, relative(root, entry).replace(/\.ts$/, '.js'));
  if (!existsSync(script)) {
    // Built beside, then renamed into place: a concurrent process sees the whole directory or none.
    const building = `${dir}.${process.pid}.${Date.now()}`;
    // Loaded only here: a build (dist) never needs the compiler.
    const swc = createRequire(__filename)('@swc/core') as typeof import('@swc/core');
    for (const [file, text] of sources) {
      const { code } = swc.transformSync(text, {
        filename: file,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true },
        module: { type: 'commonjs' },
      });
      const requireFrom = createRequire(file);
      const linked = code.replace(/require\("([^".][^"]*)"\)/g, (call, specifier: string) =>
        specifier.startsWith('node:') ? call : `require(${JSON.stringify(requireFrom.resolve(specifier))})`,
      );
      const out = join(building, relative(root, file).replace(/\.ts$/, '.js'));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, linked);
    }
    try {
      renameSync(building, dir);
    } catch {
      rmSync(building, { recursive: true, force: true });
    }
  }
  cached = script;
  return script;
}
