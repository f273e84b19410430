import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagramMismatch, mermaidBlock, moduleFolders, moduleImports, parseFlowchart, repoRoot } from './module-graph';

const MARKER = '%% module-map';
const architecture = readFileSync(join(repoRoot, 'docs/architecture.md'), 'utf8');

function mapOf(markdown: string) {
  const block = mermaidBlock(markdown, MARKER);
  if (!block) throw new Error(`docs/architecture.md has no mermaid block carrying "${MARKER}"`);
  return parseFlowchart(block);
}

/** The folders the Layout section of README.md lists (`apps/x/`, `libs/x/` at the start of a line of its code block). */
function readmeLayout(readme: string): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Layout'));
  const block = section && /```\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no Layout section with a code block');
  return [...block.matchAll(/^((?:apps|libs)\/[a-z0-9-]+)\//gm)].map((m) => m[1]).sort();
}

describe('README.md Layout', () => {
  it('lists every folder under apps/ and libs/, and only those', () => {
    expect(readmeLayout(readFileSync(join(repoRoot, 'README.md'), 'utf8'))).toEqual(moduleFolders());
  });
});

describe('docs/architecture.md module map', () => {
  it('shows every folder under apps/ and libs/ and nothing else, with exactly the imports between them', () => {
    const mismatch = diagramMismatch(mapOf(architecture), moduleFolders(), moduleImports());
    // On failure the lists say what to change in the diagram (edges as "from --> to" by folder).
    expect(mismatch).toEqual({ missingNodes: [], unknownNodes: [], edgesToAdd: [], edgesToRemove: [], dangling: [] });
  });

  it('knows the modules and imports it compares (the check is not vacuous)', () => {
    expect(moduleFolders()).toEqual(expect.arrayContaining(['apps/api', 'libs/domain', 'libs/event-store']));
    expect(moduleImports()).toContain('apps/api --> libs/domain');
    expect(moduleImports().filter((edge) => edge.startsWith('libs/domain '))).toEqual([]);
  });

  describe('on a repository that moved on without its diagram', () => {
    let root: string;
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };

    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'module-map-'));
      write('apps/api/src/main.ts', "import { decide } from '@reorg/domain';\nimport { project } from '@reorg/read-models/units';\n");
      write('apps/api/src/main.spec.ts', "import { helper } from '@reorg/testing';\n");
      write('apps/cli/src/main.ts', "import { list } from '../../api/src/read-models';\n");
      write('libs/domain/src/index.ts', 'export const decide = 1;\n');
      write('libs/read-models/src/index.ts', "export * from '@reorg/domain';\n");
      write('libs/testing/src/index.ts', 'export const helper = 1;\n');
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    const stale = [
      '```mermaid',
      MARKER,
      'flowchart TD',
      '  app_api["apps/api"]',
      '  app_cli["apps/cli"]',
      '  lib_domain["libs/domain"]',
      '  lib_register["libs/register"]',
      '  lib_testing["libs/testing"]',
      '  app_api --> lib_domain',
      '  app_api --> lib_register',
      '  app_cli --> lib_nowhere',
      '```',
    ].join('\n');

    it('names the library added and the one removed, and the arrows to add and remove', () => {
      const mismatch = diagramMismatch(mapOf(stale), moduleFolders(root), moduleImports(root));
      expect(mismatch).toEqual({
        missingNodes: ['libs/read-models'],
        unknownNodes: ['libs/register'],
        edgesToAdd: ['apps/api --> libs/read-models', 'apps/cli --> apps/api', 'libs/read-models --> libs/domain'],
        edgesToRemove: ['apps/api --> libs/register'],
        dangling: ['app_cli --> lib_nowhere'],
      });
    });
  });
});
