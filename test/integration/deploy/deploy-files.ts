import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const ROOT = join(__dirname, '..', '..', '..');
export const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
export const K8S_DIR = join(ROOT, 'deploy', 'k8s');

/** The apps of the distributed mode; each must appear in compose and in deploy/k8s. */
export const DISTRIBUTED_APPS = ['api', 'approval', 'projector', 'relay', 'notifier'] as const;
/** With KAFKA_BROKERS, notifications come from the notifier; the api and the projector must know, so they get it too. */
export const KAFKA_APPS = new Set(['api', 'projector', 'relay', 'notifier']);

export type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };

/** docker-compose.yml as Compose reads it: YAML merge keys (`<<: *anchor`) resolved, no interpolation yet. */
export function readCompose(): Record<string, unknown> {
  return parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as Record<string, unknown>;
}

export function readK8sManifests(): { file: string; manifest: Manifest }[] {
  return readdirSync(K8S_DIR)
    .filter((name) => /\.ya?ml$/.test(name))
    .flatMap((name) =>
      parseAllDocuments(readFileSync(join(K8S_DIR, name), 'utf8'))
        .map((document) => document.toJS() as Manifest | null)
        .filter((manifest): manifest is Manifest => manifest !== null)
        .map((manifest) => ({ file: name, manifest })),
    );
}

/**
 * Compose interpolation (`${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`)
 * against `shellEnv`, standing in for the shell that runs `docker compose up`.
 */
export function interpolate(value: string, shellEnv: Record<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (_match, name: string, operator?: string, argument?: string) => {
    const set = shellEnv[name];
    const usable = operator?.startsWith(':') ? set !== undefined && set !== '' : set !== undefined;
    if (usable) return set as string;
    if (operator?.endsWith('?')) throw new Error(`compose would refuse to start: ${name} unset (${argument ?? ''})`);
    return operator ? (argument ?? '') : '';
  });
}

/** The app a container runs, from its command `node dist/apps/<app>/src/main.js`; undefined for other images. */
export function appOfCommand(command: unknown): string | undefined {
  if (!Array.isArray(command)) return undefined;
  return /^dist\/apps\/([a-z-]+)\/src\/main\.js$/.exec(String(command[1]))?.[1];
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

export function appSourceDir(app: string): string {
  return join(ROOT, 'apps', app, 'src');
}

export function appExists(app: string): boolean {
  return existsSync(join(appSourceDir(app), 'main.ts'));
}

function addGetRoutes(source: string, routes: Set<string>): void {
  const controller = /@Controller\(\s*'([^']*)'\s*\)/.exec(source);
  if (!controller) return;
  for (const get of source.matchAll(/@Get\(\s*(?:'([^']*)')?\s*\)/g)) {
    routes.add(`/${[controller[1], get[1]].filter(Boolean).join('/')}`.replace(/\/+/g, '/'));
  }
}

/**
 * GET routes declared by the controllers in apps/<app>/src (`@Controller('x')` + `@Get('y')`), and by
 * the library controllers its modules list (`controllers: [BackOfficeHealthController]`).
 */
export function getRoutesOfApp(app: string): Set<string> {
  const routes = new Set<string>();
  const listed = new Set<string>();
  for (const file of sourceFiles(appSourceDir(app))) {
    const source = readFileSync(file, 'utf8');
    addGetRoutes(source, routes);
    for (const list of source.matchAll(/controllers:\s*\[([^\]]*)\]/g)) for (const name of list[1].split(',')) if (name.trim()) listed.add(name.trim());
  }
  for (const file of sourceFiles(join(ROOT, 'libs'))) {
    const source = readFileSync(file, 'utf8');
    if ([...listed].some((name) => new RegExp(`export class ${name}\\b`).test(source))) addGetRoutes(source, routes);
  }
  return routes;
}

/**
 * Which config section's port the app listens on (read from the `listen(...)` call in apps/<app>/src),
 * e.g. `http` for the api and `approval` for the approval service; also `startServiceApp(module, config.<section>.port, ...)`.
 */
export function listenSectionOfApp(app: string): string {
  const sections = new Set<string>();
  for (const file of sourceFiles(appSourceDir(app))) {
    const source = readFileSync(file, 'utf8');
    if (!/\.listen\(|startServiceApp\(|awaitStartupDependencies\(/.test(source)) continue;
    // `listen(config.<section>.port, ...)` or `const { host, port } = app.get(AppConfig).<section>; ... listen(port, ...)`
    for (const match of source.matchAll(/\.listen\(\s*config\.(\w+)\.port\b/g)) sections.add(match[1]);
    for (const match of source.matchAll(/startServiceApp\([^;]*?,\s*config\.(\w+)\.port\b/g)) sections.add(match[1]);
    // The api waits for its database on the port it will listen on: `awaitStartupDependencies(..., config.<section>)`.
    for (const match of source.matchAll(/awaitStartupDependencies\([^;]*?,\s*config\.(\w+)\)/g)) sections.add(match[1]);
    for (const match of source.matchAll(/\{[^}]*\bport\b[^}]*\}\s*=\s*[^;]*?(?:config|AppConfig\))\.(\w+)\s*;/g)) sections.add(match[1]);
  }
  if (sections.size !== 1) {
    throw new Error(`apps/${app}/src should call listen(config.<section>.port, ...) exactly once; found: ${[...sections].join(', ') || 'none'}`);
  }
  return [...sections][0];
}

const CONFIG_SCHEMA_FILE = join(ROOT, 'libs', 'config', 'src', 'config.schema.ts');

/** The variable names the application reads: the keys of `const variables = z.object({...})` in config.schema.ts. */
export function configVariableNames(): Set<string> {
  const source = readFileSync(CONFIG_SCHEMA_FILE, 'utf8');
  const body = /const variables = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1];
  if (!body) throw new Error(`${relative(ROOT, CONFIG_SCHEMA_FILE)}: \`const variables = z.object({...})\` not found`);
  return new Set([...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]));
}
