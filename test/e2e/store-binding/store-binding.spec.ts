import { spawn } from 'node:child_process';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AppConfig } from '@reorg/config';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@reorg/event-store';
import { restoreBackup, writeBackup } from '@reorg/event-store/backup';
import { createThrowawaySchema, type ThrowawayPostgres } from '@reorg/testing';
import { Client } from 'pg';
import { runRebuild } from '../../../apps/cli/src/rebuild/rebuild.command';
import { startApp } from '../../../apps/api/src/create-app';
import { REPLAYED_HEADER } from '../../../apps/api/src/idempotency';
import { TEST_DEV_SECRET } from '../support/test-app';

jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '../../..');
const BASE_ENV = { NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', DEV_TOKEN_SECRET: TEST_DEV_SECRET, RATE_LIMIT_ENABLED: 'false' };

/** The api as an OS process (apps/api/src/main.ts), for starts that must be refused: its exit code and stderr. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...BASE_ENV, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stderr });
    });
  });
}

/** One event store with read models and Idempotency-Key answers beside it, that can be swapped for a fresh, empty store. */
interface Site {
  /** Environment of the current store with the (old) read models. */
  env(): Record<string, string>;
  /** Names the read models in the refusal, as the message must. */
  readModelsName: string;
  keysName: string;
  openStore(): Promise<EventStore>;
  /** Points at a new, empty event store, leaving read models and keys in place. */
  freshStore(): Promise<void>;
  dispose(): Promise<void>;
}

async function sqliteSite(): Promise<Site> {
  const dir = await mkdtemp(join(tmpdir(), 'reorg-binding-'));
  const readModels = join(dir, 'reads', 'read-models.sqlite');
  let generation = 0;
  const storePath = () => join(dir, `events-${generation}.sqlite`);
  return {
    // The keys and the dev secret live in DATA_DIR; the event store is moved aside by SQLITE_PATH.
    env: () => ({ EVENT_STORE: 'sqlite', DATA_DIR: join(dir, 'reads'), SQLITE_PATH: storePath(), READ_MODEL_SQLITE_PATH: readModels }),
    readModelsName: `READ_MODEL_SQLITE_PATH=${readModels}`,
    keysName: join(dir, 'reads', 'idempotency-keys.sqlite'),
    openStore: async () => SqliteEventStore.open({ path: storePath() }),
    freshStore: async () => void (generation += 1),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresSite(): Promise<Site> {
  const schema: ThrowawayPostgres = await createThrowawaySchema('binding');
  return {
    env: () => ({ EVENT_STORE: 'postgres', DATABASE_URL: schema.connectionString, DATABASE_SCHEMA: schema.name }),
    readModelsName: `PostgreSQL schema "${schema.name}"`,
    keysName: `PostgreSQL schema "${schema.name}" (table idempotency_keys)`,
    openStore: () => PostgresEventStore.connect({ connectionString: schema.connectionString, schema: schema.name }),
    // The event store's own tables go; the read-model tables and the keys in the same schema stay.
    freshStore: async () => {
      const client = new Client({ connectionString: schema.connectionString });
      await client.connect();
      try {
        const s = `"${schema.name}"`;
        await client.query(`DROP TABLE ${s}.events, ${s}.streams, ${s}.commands, ${s}.store_identity, ${s}.schema_migrations; DROP SEQUENCE IF EXISTS ${s}.events_position_seq`);
      } finally {
        await client.end();
      }
    },
    dispose: () => schema.drop(),
  };
}

async function withApp<T>(env: Record<string, string>, work: (call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>) => Promise<T>): Promise<T> {
  const app = await startApp({ env: { ...BASE_ENV, ...env } });
  try {
    const url = await app.getUrl();
    const tokenResponse = await fetch(`${url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'admin', roles: ['admin'] }) });
    const { accessToken } = (await tokenResponse.json()) as { accessToken: string };
    return await work((method, path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  } finally {
    await app.close();
  }
}

const SYT = { code: 'SYT', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' };
const bodyCodes = async (call: (method: string, path: string) => Promise<Response>) => {
  const response = await call('GET', '/api/v1/governing-bodies');
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { items: { code: string }[] };
  return answer.items.map((item) => item.code);
};

const SITES: Array<[string, () => Promise<Site>]> = [
  ['SQLite', sqliteSite],
  ['PostgreSQL', postgresSite],
];

describe.each(SITES)('read models and Idempotency-Key answers are bound to their event store (%s)', (_name, siteOf) => {
  let site: Site;
  let dir: string;

  beforeAll(async () => {
    site = await siteOf();
    dir = await mkdtemp(join(tmpdir(), 'reorg-binding-backup-'));
  });

  afterAll(async () => {
    await site?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a new, empty store beside old read models, refuses a restore into a fresh store, and starts after cli rebuild or with READ_MODELS_ON_MISMATCH=rebuild', async () => {
    await withApp(site.env(), async (call) => {
      expect((await call('POST', '/api/v1/governing-bodies', SYT, { 'idempotency-key': 'k-syt' })).status).toBe(201);
      expect(await bodyCodes(call)).toEqual(['SYT']);
    });
    const backup = join(dir, 'store.jsonl.gz');
    const original = await site.openStore();
    await writeBackup(original, backup);
    await original.close();

    // A new, empty store with the old read models (and keys) left in place.
    await site.freshStore();
    const empty = await runMain(site.env());
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('npm run cli -- rebuild');
    expect(empty.stderr).toContain('READ_MODELS_ON_MISMATCH=rebuild');
    expect(empty.stderr).toMatch(new RegExp(`${escape(site.readModelsName)}|${escape(site.keysName)}`));
    expect(empty.stderr).toMatch(/The service failed to start: the (1 Idempotency-Key answers|read models) in /);

    // The same log restored into that fresh store is still another store: its read models must be rebuilt.
    const fresh = await site.openStore();
    expect((await restoreBackup(fresh, backup)).matchesBackup).toBe(true);
    await fresh.close();
    const restored = await runMain(site.env());
    expect(restored.code).toBe(1);
    expect(restored.stderr).toMatch(/not from this one|do not belong to the event store/);

    const lines: string[] = [];
    await runRebuild(AppConfig.fromEnv({ ...BASE_ENV, ...site.env() }), undefined, { line: (text) => lines.push(text) });
    expect(lines.join('\n')).toContain('Idempotency-Key answers of another store discarded');
    await withApp(site.env(), async (call) => {
      expect(await bodyCodes(call)).toEqual(['SYT']);
    });

    // Another empty store, told to rebuild: it starts and serves only its own data; the old key answers nothing.
    await site.freshStore();
    await withApp({ ...site.env(), READ_MODELS_ON_MISMATCH: 'rebuild' }, async (call) => {
      expect(await bodyCodes(call)).toEqual([]);
      const again = await call('POST', '/api/v1/governing-bodies', SYT, { 'idempotency-key': 'k-syt' });
      expect(again.status).toBe(201);
      expect(again.headers.get(REPLAYED_HEADER)).toBeNull();
      expect(await bodyCodes(call)).toEqual(['SYT']);
    });
    // Bound to that store now: the next start needs no switch.
    await withApp(site.env(), async (call) => expect(await bodyCodes(call)).toEqual(['SYT']));
  });
});

describe('SQLite: each file is checked on its own', () => {
  let site: Site;

  beforeEach(async () => {
    site = await sqliteSite();
  });

  afterEach(() => site.dispose());

  it('names the keys file when only the keys are of another store, and the read-model file when only the read models are', async () => {
    await withApp(site.env(), async (call) => expect((await call('POST', '/api/v1/governing-bodies', SYT, { 'idempotency-key': 'k-1' })).status).toBe(201));
    await site.freshStore();
    // Old keys beside new, empty read models.
    const onlyKeys = await runMain({ ...site.env(), READ_MODEL_SQLITE_PATH: join(dirname(site.keysName), 'other-read-models.sqlite') });
    expect(onlyKeys.code).toBe(1);
    expect(onlyKeys.stderr).toContain(`Idempotency-Key answers in ${site.keysName}`);
    expect(onlyKeys.stderr).toContain(`SQLITE_PATH=${site.env().SQLITE_PATH}`);
    expect(onlyKeys.stderr).toContain('npm run cli -- rebuild');
    // Old read models, the keys moved away.
    await rename(site.keysName, `${site.keysName}.moved`);
    for (const suffix of ['-wal', '-shm']) await rename(`${site.keysName}${suffix}`, `${site.keysName}.moved${suffix}`).catch(() => undefined);
    const onlyReadModels = await runMain(site.env());
    expect(onlyReadModels.code).toBe(1);
    expect(onlyReadModels.stderr).toContain(`the read models in ${site.readModelsName} do not belong to the event store SQLITE_PATH=${site.env().SQLITE_PATH}`);
    expect(onlyReadModels.stderr).toMatch(/governing-bodies\.v1: projected from event store [0-9a-f]{32}, not from this one/);
    expect(onlyReadModels.stderr).toContain('npm run cli -- rebuild');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
