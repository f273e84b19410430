import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema, type AppConfigValues } from '@reorg/config';
import {
  DISTRIBUTED_APPS,
  KAFKA_APPS,
  ROOT,
  appExists,
  appOfCommand,
  configVariableNames,
  getRoutesOfApp,
  interpolate,
  listenSectionOfApp,
  readCompose,
  readK8sManifests,
  type Manifest,
} from './deploy-files';

type ComposeService = {
  command?: unknown;
  environment?: Record<string, string | number | boolean | null>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
  image?: string;
};
type Container = {
  name: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  startupProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
};

// Stand-ins for what the operator's shell must set before `docker compose up` (the `${VAR:?}` ones).
const SHELL_ENV = { JWT_JWKS_URL: 'https://sso.example.gov.vn/certs', JWT_ISSUER: 'https://sso.example.gov.vn' };
// What the image sets (Dockerfile `ENV`), under every compose service and Kubernetes container.
const IMAGE_ENV = { NODE_ENV: /^ENV NODE_ENV=(\S+)$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1] ?? '' };

const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const variableNames = configVariableNames();

/** Parses an app's environment with the real schema: the same check the app makes when it starts. */
function configOf(env: Record<string, string>): AppConfigValues {
  const result = envSchema.safeParse(env);
  if (!result.success) throw new Error(`config refused: ${JSON.stringify(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`))}`);
  return result.data;
}

function listenPort(app: string, config: AppConfigValues): number {
  const section = config[listenSectionOfApp(app) as keyof AppConfigValues] as { port?: unknown };
  if (typeof section?.port !== 'number') throw new Error(`config section of apps/${app} has no port`);
  return section.port;
}

/** In distributed mode the api only serves HTTP: approval, projections, the relay and the notifier run in their own apps. */
function expectDistributedApi(config: AppConfigValues): void {
  expect({ approval: config.approval.runtime, projections: config.projections.runtime, relay: config.kafka.relayRuntime, notifier: config.kafka.notifierRuntime }).toEqual({
    approval: 'off',
    projections: 'off',
    relay: 'off',
    notifier: 'off',
  });
}

function expectKnownVariables(names: string[]): void {
  expect(names.filter((name) => !variableNames.has(name))).toEqual([]);
}

function expectAppCode(app: string): void {
  if (!appExists(app)) throw new Error(`apps/${app}/src/main.ts does not exist (yet): the deployment files start it`);
}

describe('deployment files against the code', () => {
  it('reads the variable names from the config schema (the reader is not vacuous)', () => {
    expect([...variableNames]).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'APPROVAL_RUNTIME', 'APPROVAL_PORT']));
    expect(variableNames.has('POSTGRES_PASSWORD')).toBe(false);
  });

  describe('docker-compose.yml', () => {
    const compose = readCompose() as { services: Record<string, ComposeService> };
    const appServices = Object.entries(compose.services).flatMap(([name, service]) => {
      const app = appOfCommand(service.command);
      return app ? [{ name, app, service }] : [];
    });

    it('runs every app of the distributed mode, each in its own service', () => {
      expect(appServices.map(({ app }) => app).sort()).toEqual([...DISTRIBUTED_APPS].sort());
      expect(appServices.every(({ name, app }) => name === app)).toBe(true);
    });

    it('gives every service a health check, and waits for healthy dependencies', () => {
      for (const [name, service] of Object.entries(compose.services)) {
        expect({ name, healthcheck: (service.healthcheck?.test?.length ?? 0) > 1 }).toEqual({ name, healthcheck: true });
        for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
          expect({ name, dependency, condition }).toEqual({ name, dependency, condition: 'service_healthy' });
        }
      }
    });

    it.each(DISTRIBUTED_APPS)('%s: starts like `npm run start:<app>`, with known variables that the config accepts', (app) => {
      expectAppCode(app);
      const { service } = appServices.find((entry) => entry.app === app)!;
      expect(scripts[`start:${app}`]).toBe((service.command as string[]).join(' '));
      const environment = service.environment ?? {};
      expectKnownVariables(Object.keys(environment));
      const env = Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, interpolate(String(value ?? ''), SHELL_ENV)]));
      const config = configOf({ ...IMAGE_ENV, ...env });
      expect(config.eventStore.kind).toBe('postgres');
      expect(Object.keys(service.depends_on ?? {})).toContain('postgres');
      if (app === 'api') expectDistributedApi(config);
      expect({ app, brokers: config.kafka.brokers }).toEqual({ app, brokers: KAFKA_APPS.has(app) ? ['kafka:9092'] : [] });
      if (KAFKA_APPS.has(app)) expect(Object.keys(service.depends_on ?? {})).toContain('kafka');
    });

    it.each(DISTRIBUTED_APPS)('%s: the health check asks the port the app listens on, on a route the app serves', (app) => {
      expectAppCode(app);
      const { service } = appServices.find((entry) => entry.app === app)!;
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, interpolate(String(value ?? ''), SHELL_ENV)]));
      const url = /https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)(\/[^'")\s]*)/.exec(service.healthcheck!.test!.join(' '));
      expect(url).not.toBeNull();
      expect(Number(url![1])).toBe(listenPort(app, configOf({ ...IMAGE_ENV, ...env })));
      expect([...getRoutesOfApp(app)]).toContain(url![2]);
      expect(url![2]).toBe('/health/ready');
    });
  });

  describe('deploy/k8s', () => {
    const manifests = readK8sManifests().map(({ manifest }) => manifest);
    const byKindName = (kind: string, name: string): Manifest | undefined =>
      manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
    const deployments = manifests.filter((manifest) => manifest.kind === 'Deployment');
    const containerOf = (deployment: Manifest) =>
      (deployment as unknown as { spec: { template: { spec: { containers: Container[] } } } }).spec.template.spec.containers[0];
    const deploymentOf = (app: string) => deployments.find((deployment) => appOfCommand(containerOf(deployment).command) === app);

    /** The container's environment: envFrom ConfigMaps/Secrets first, `env` entries over them (Kubernetes' order). */
    function environmentOf(container: Container): Record<string, string> {
      const sources = (container.envFrom ?? []).map((source) => {
        const reference = source.configMapRef ? byKindName('ConfigMap', source.configMapRef.name) : byKindName('Secret', source.secretRef!.name);
        if (!reference) throw new Error(`${container.name}: envFrom refers to a missing ${JSON.stringify(source)}`);
        const data = (reference as { data?: Record<string, string>; stringData?: Record<string, string> });
        return { ...data.data, ...data.stringData };
      });
      const own = Object.fromEntries((container.env ?? []).map((entry) => [entry.name, entry.value ?? '']));
      return Object.assign({}, ...sources, own) as Record<string, string>;
    }

    it('runs every app of the distributed mode, each with a Service in front', () => {
      expect(deployments.map((deployment) => appOfCommand(containerOf(deployment).command)).sort()).toEqual([...DISTRIBUTED_APPS].sort());
      for (const deployment of deployments) {
        const service = byKindName('Service', deployment.metadata.name) as unknown as { spec: { selector: Record<string, string>; ports: { targetPort: string | number }[] } };
        const template = deployment as unknown as { spec: { template: { metadata: { labels: Record<string, string> } } } };
        expect(service).toBeDefined();
        expect(template.spec.template.metadata.labels).toEqual(expect.objectContaining(service.spec.selector));
        const portNames = (containerOf(deployment).ports ?? []).map((port) => port.name);
        for (const { targetPort } of service.spec.ports) expect(portNames).toContain(targetPort);
      }
    });

    it.each(DISTRIBUTED_APPS)('%s: starts like `npm run start:<app>`, with known variables that the config accepts', (app) => {
      expectAppCode(app);
      const container = containerOf(deploymentOf(app)!);
      expect(scripts[`start:${app}`]).toBe(container.command!.join(' '));
      const env = environmentOf(container);
      expectKnownVariables(Object.keys(env));
      const config = configOf({ ...IMAGE_ENV, ...env });
      expect(config.nodeEnv).toBe('production');
      expect(config.eventStore.kind).toBe('postgres');
      expect(config.auth.mode).toBe('jwt');
      if (app === 'api') expectDistributedApi(config);
      expect({ app, kafka: config.kafka.brokers.length > 0 }).toEqual({ app, kafka: KAFKA_APPS.has(app) });
    });

    it.each(DISTRIBUTED_APPS)('%s: probes ask the port the app listens on, on routes the app serves; resources are bounded', (app) => {
      expectAppCode(app);
      const container = containerOf(deploymentOf(app)!);
      const port = listenPort(app, configOf({ ...IMAGE_ENV, ...environmentOf(container) }));
      const routes = [...getRoutesOfApp(app)];
      const portOf = (reference: string | number) => (typeof reference === 'number' ? reference : container.ports?.find((entry) => entry.name === reference)?.containerPort);
      expect(container.livenessProbe?.httpGet?.path).toBe('/health');
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
        expect(routes).toContain(probe?.httpGet?.path);
        expect(portOf(probe!.httpGet!.port)).toBe(port);
      }
      expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(container.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
    });

    it('keeps secrets out of the ConfigMaps and placeholders in the Secret template', () => {
      const secretNames = ['DATABASE_URL', 'JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE', 'DEV_TOKEN_SECRET'];
      for (const configMap of manifests.filter((manifest) => manifest.kind === 'ConfigMap')) {
        expect(Object.keys((configMap as { data?: object }).data ?? {}).filter((name) => secretNames.includes(name))).toEqual([]);
      }
      const secret = byKindName('Secret', 'reorg-secrets') as { stringData: Record<string, string> } | undefined;
      expect(secret?.stringData.DATABASE_URL).toContain('CHANGE_ME');
    });
  });
});
