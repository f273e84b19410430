// `npm start` (prestart): build only when the sources differ from the last build's, and say so.
// The fingerprint is a SHA-256 over every file tsc compiles for dist (paths and contents) plus the
// compiler settings and the lock file, kept in dist/.build-fingerprint; hashing ~500 files takes
// milliseconds, a build about 30 s.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const stampFile = join(root, 'dist', '.build-fingerprint');
const inputs = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|tsx|mts|json|html)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

function fingerprint() {
  const hash = createHash('sha256');
  const files = [...inputs.map((file) => join(root, file)), ...sources(join(root, 'apps')), ...sources(join(root, 'libs'))].sort();
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const current = fingerprint();
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : undefined;
if (built === current) {
  process.stdout.write('build is up to date (dist/ matches the sources)\n');
} else {
  process.stdout.write(built === undefined ? 'no build yet: building dist/ once (about 30 s)\n' : 'sources changed since the last build: rebuilding dist/ (about 30 s)\n');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stampFile, `${current}\n`);
}
