import { requireKafka, uniqueName } from '@reorg/testing';
import { ApiProcess } from '../execution/api-process';
import { TEST_DEV_SECRET } from '../support/test-app';

export type AppName = 'api' | 'approval' | 'projector' | 'relay' | 'notifier';

export const APP_NAMES: readonly AppName[] = ['api', 'approval', 'projector', 'relay', 'notifier'];

const ENTRIES: Record<AppName, { entry: string; env?: Record<string, string> }> = {
  api: { entry: 'apps/api/src/main.ts', env: { APPROVAL_RUNTIME: 'off', PROJECTIONS_RUNTIME: 'off', RELAY_RUNTIME: 'off', NOTIFIER_RUNTIME: 'off' } },
  approval: { entry: 'apps/approval/src/main.ts' },
  projector: { entry: 'apps/projector/src/main.ts' },
  relay: { entry: 'apps/relay/src/main.ts' },
  notifier: { entry: 'apps/notifier/src/main.ts' },
};

/** The environment README's distributed mode gives every app, on one schema and a proposals topic of this run's own. */
export function distributedEnv(database: { url: string; schema: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    EVENT_STORE: 'postgres',
    DATABASE_URL: database.url,
    DATABASE_SCHEMA: database.schema,
    KAFKA_BROKERS: requireKafka().join(','),
    KAFKA_TOPIC_PARTITIONS: '3',
    NOTIFIER_GROUP_ID: uniqueName('notifier'),
    KAFKA_PROPOSALS_TOPIC: uniqueName('proposals_internal'),
    DEV_TOKEN_SECRET: TEST_DEV_SECRET,
    APPROVAL_TICK_SECONDS: '1',
    CLOCK_FIXED_AT: '2025-07-01T03:00:00Z',
    RATE_LIMIT_ENABLED: 'false',
    ...extra,
  };
}

/** Starts one app as an OS process without waiting for it (see ApiProcess.ready). */
export function spawnApp(name: AppName, env: Record<string, string>): Promise<ApiProcess> {
  const { entry, env: own } = ENTRIES[name];
  return ApiProcess.spawn({ ...env, ...own }, entry);
}

/** A random order of the five apps (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Spawns the five apps together in a random order, each after a random pause of up to `staggerMs`. */
export async function spawnTogether(env: Record<string, string>, staggerMs: number): Promise<{ order: AppName[]; apps: Map<AppName, ApiProcess> }> {
  const order = shuffled(APP_NAMES);
  const apps = new Map<AppName, ApiProcess>();
  await Promise.all(
    order.map(async (name, index) => {
      await new Promise((resolve) => setTimeout(resolve, index === 0 ? 0 : Math.random() * staggerMs));
      apps.set(name, await spawnApp(name, env));
    }),
  );
  return { order, apps };
}

export function logsOf(apps: ReadonlyMap<string, ApiProcess>, chars = 3_000): string {
  return [...apps.entries()].map(([name, app]) => `--- ${name}\n${app.logs.slice(-chars)}`).join('\n');
}
