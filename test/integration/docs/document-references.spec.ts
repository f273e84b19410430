import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokenReferences, headingAnchors, outsideReferences, readText, repositoryFiles } from './document-references';
import { repoRoot } from './module-graph';

const DOCS = 'docs';
const describeFinding = ({ file, line, text }: { file: string; line: number; text: string }) => `${file}:${line} ${text}`;

describe('documentation references', () => {
  const files = repositoryFiles(repoRoot);
  const texts = files.flatMap((file) => {
    const text = readText(repoRoot, file);
    return text === undefined ? [] : [{ file, text }];
  });

  it('reads the repository (the checks below are not vacuous)', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/domain.md', 'docs/http-contract.md', 'libs/domain/src/index.ts']));
  });

  it('references no document outside the repository: its own documentation is docs/', () => {
    expect(texts.flatMap(({ file, text }) => outsideReferences(file, text)).map(describeFinding)).toEqual([]);
  });

  it('points into docs/ only at files and headings that exist', () => {
    expect(texts.flatMap(({ file, text }) => brokenReferences(repoRoot, file, text)).map(describeFinding)).toEqual([]);
  });

  describe('the checks themselves', () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'doc-refs-'));
      mkdirSync(join(root, DOCS), { recursive: true });
      writeFileSync(join(root, DOCS, 'domain.md'), '# Domain\n\n## Rules by effective date\n\n```sh\n# not a heading\n```\n\n## Rules by effective date\n');
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it.each([
      ['a document name', `/** the seed figure of ${'DOMAIN'}.md */`, `${'DOMAIN'}.md`],
      ['a sibling folder', `see ../shared/${'API'}.md`, `../shared/${'API'}.md`],
      ['an absolute path', `read /work/${'shared'}/x`, `/work/${'shared'}`],
    ])('finds %s outside the repository', (_what, text, found) => {
      expect(outsideReferences('x.ts', `line one\n${text}\n`)).toEqual([{ file: 'x.ts', line: 2, text: found }]);
    });

    it('accepts module imports named shared', () => {
      expect(outsideReferences('x.ts', "import { IsoDate } from '../shared/calendar';")).toEqual([]);
    });

    it('derives anchors as GitHub does, ignoring fenced code and numbering repeats', () => {
      expect([...headingAnchors('# HTTP contract: what `OpenAPI` cannot say\n## Two ways to run, one codebase\n```\n# no\n```\n## Two ways to run, one codebase\n')]).toEqual([
        'http-contract-what-openapi-cannot-say',
        'two-ways-to-run-one-codebase',
        'two-ways-to-run-one-codebase-1',
      ]);
    });

    it('reports a missing document, a missing heading and a broken relative link, and accepts good ones', () => {
      // Built from parts, so that this file itself holds no broken reference.
      const domain = `${DOCS}/domain.md`;
      const code = `// ${domain}#rules-by-effective-date ${domain}#rules-by-effective-date-1 ${domain}#no-such ${DOCS}/nothing.md\n`;
      expect(brokenReferences(root, 'x.ts', code).map((f) => f.text)).toEqual([`${domain}#no-such: no heading #no-such in ${domain}`, `${DOCS}/nothing.md: no file ${DOCS}/nothing.md`]);
      writeFileSync(join(root, DOCS, 'guide.md'), '# Guide\n');
      const markdown = '[ok](domain.md#domain) [self](#guide) [missing](#missing) [gone](adr/0001.md) [web](https://example.org/x.md)\n';
      expect(brokenReferences(root, `${DOCS}/guide.md`, markdown).map((f) => f.text)).toEqual([`#missing: no heading #missing in ${DOCS}/guide.md`, `adr/0001.md: no file ${DOCS}/adr/0001.md`]);
    });
  });
});
