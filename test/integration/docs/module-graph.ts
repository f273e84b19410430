import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
const MODULE_PARENTS = ['apps', 'libs'] as const;

/** Every module of the repository: each folder directly under apps/ and libs/, as `apps/api`, `libs/domain`. */
export function moduleFolders(root = repoRoot): string[] {
  return MODULE_PARENTS.flatMap((parent) =>
    readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => `${parent}/${entry.name}`),
  ).sort();
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** The module a path inside the repository belongs to, or undefined (e.g. node_modules, test/). */
function moduleOf(path: string, root: string): string | undefined {
  const parts = relative(root, path).split(sep);
  return (MODULE_PARENTS as readonly string[]).includes(parts[0]) && parts.length > 1 ? `${parts[0]}/${parts[1]}` : undefined;
}

/** Which module an import specifier of `file` points into: `@reorg/x[/…]` is libs/x; relative paths are resolved. */
function importedModule(specifier: string, file: string, root: string): string | undefined {
  const alias = /^@reorg\/([a-z0-9-]+)(?:\/|$)/.exec(specifier);
  if (alias) return `libs/${alias[1]}`;
  if (!specifier.startsWith('.')) return undefined;
  return moduleOf(resolve(dirname(file), specifier), root);
}

/** "a --> b" for every module a whose non-test sources import module b (b ≠ a), sorted. */
export function moduleImports(root = repoRoot): string[] {
  const edges = new Set<string>();
  for (const module of moduleFolders(root)) {
    const folder = join(root, module);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of sourceFiles(folder)) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        const target = importedModule(specifier, file, root);
        if (target && target !== module) edges.add(`${module} --> ${target}`);
      }
    }
  }
  return [...edges].sort();
}

export interface MermaidGraph {
  /** Node labels that name a module (`apps/…`, `libs/…`), by node id. */
  nodes: Map<string, string>;
  /** Edges as "label --> label", sorted. */
  edges: string[];
  /** Edges whose ends are not declared module nodes. */
  dangling: string[];
}

/** The mermaid block that carries `marker` in a Markdown text. */
export function mermaidBlock(markdown: string, marker: string): string | undefined {
  const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.find((block) => block.includes(marker));
}

/** Nodes `id["apps/x"]` and edges `id --> id` of a flowchart. */
export function parseFlowchart(block: string): MermaidGraph {
  const nodes = new Map<string, string>();
  for (const [, id, label] of block.matchAll(/^\s*([A-Za-z0-9_]+)\["((?:apps|libs)\/[^"]+)"\]\s*$/gm)) nodes.set(id, label);
  const edges: string[] = [];
  const dangling: string[] = [];
  for (const [line, from, to] of block.matchAll(/^\s*([A-Za-z0-9_]+)\s*-->\s*([A-Za-z0-9_]+)\s*$/gm)) {
    const a = nodes.get(from);
    const b = nodes.get(to);
    if (a && b) edges.push(`${a} --> ${b}`);
    else dangling.push(line.trim());
  }
  return { nodes, edges: edges.sort(), dangling };
}

export interface DiagramMismatch {
  /** Module folders the diagram does not show. */
  missingNodes: string[];
  /** Nodes naming a folder that does not exist. */
  unknownNodes: string[];
  /** Imports the diagram does not draw, as "a --> b". */
  edgesToAdd: string[];
  /** Arrows no import backs. */
  edgesToRemove: string[];
  dangling: string[];
}

export function diagramMismatch(graph: MermaidGraph, modules: readonly string[], imports: readonly string[]): DiagramMismatch {
  const labels = new Set(graph.nodes.values());
  const drawn = new Set(graph.edges);
  const real = new Set(imports);
  return {
    missingNodes: modules.filter((m) => !labels.has(m)),
    unknownNodes: [...labels].filter((label) => !modules.includes(label)).sort(),
    edgesToAdd: imports.filter((edge) => !drawn.has(edge)),
    edgesToRemove: graph.edges.filter((edge) => !real.has(edge)),
    dangling: graph.dangling,
  };
}
