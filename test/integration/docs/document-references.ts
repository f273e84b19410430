import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** Documents that live outside this repository; the project's own documentation is docs/. Spelled in parts so this file does not name them. */
const OUTSIDE_DOCUMENTS = ['API', 'ARCHITECTURE', 'DOMAIN', 'STACK', 'REORG-2025'].map((name) => `${name}.md`);
const OUTSIDE = new RegExp(
  [`\\b(?:${OUTSIDE_DOCUMENTS.map((d) => d.replace(/[.-]/g, (c) => `\\${c}`)).join('|')})\\b`, String.raw`\.\./shared/[^\s'"]*\.md`, ['', 'work', 'shared'].join('/')].join('|'),
  'g',
);

export interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Files git tracks or would track (untracked but not ignored), relative to the root. */
export function repositoryFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\0').filter((file) => file && existsSync(join(root, file)) && statSync(join(root, file)).isFile());
}

export function readText(root: string, file: string): string | undefined {
  const path = join(root, file);
  if (statSync(path).size > 4 * 1024 * 1024) return undefined;
  const text = readFileSync(path, 'utf8');
  return text.includes('\u0000') ? undefined : text;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** References to documents outside the repository in one file. */
export function outsideReferences(file: string, text: string): Finding[] {
  return [...text.matchAll(OUTSIDE)].map((m) => ({ file, line: lineOf(text, m.index), text: m[0] }));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Why a reference to `target` (a repository path, maybe with #anchor) does not resolve, or undefined. */
function unresolved(root: string, target: string): string | undefined {
  const [path, anchor] = target.split('#');
  const full = join(root, path);
  if (!existsSync(full)) return `no file ${path}`;
  if (anchor === undefined || anchor === '') return undefined;
  if (!path.endsWith('.md') || statSync(full).isDirectory()) return `anchor on a file that has no headings: ${target}`;
  return headingAnchors(readFileSync(full, 'utf8')).has(anchor) ? undefined : `no heading #${anchor} in ${path}`;
}

const DOCS_PATH = /\bdocs\/[\w./-]*\.md(?:#[\p{L}\p{N}_-]+)?/gu;
const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;

/**
 * References into docs/ that do not resolve: `docs/<file>.md#<anchor>` anywhere (code comments, tests,
 * documents), and relative links of Markdown files, against the files and their headings.
 */
export function brokenReferences(root: string, file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const m of text.matchAll(DOCS_PATH)) {
    const why = unresolved(root, m[0]);
    if (why) findings.push({ file, line: lineOf(text, m.index), text: `${m[0]}: ${why}` });
  }
  if (file.endsWith('.md')) {
    for (const m of text.matchAll(MARKDOWN_LINK)) {
      const link = m[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue;
      const target = link.startsWith('#') ? `${file}${link}` : normalize(relative(root, join(root, dirname(file), link)));
      const why = unresolved(root, target.startsWith('..') ? link : target);
      if (why) findings.push({ file, line: lineOf(text, m.index), text: `${link}: ${why}` });
    }
  }
  return findings;
}
