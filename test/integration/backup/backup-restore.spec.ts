import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KeyObject, createHash } from 'node:crypto';
import type { AppendResult, EventStore, RecordedEvent, StreamHead } from '@reorg/event-store';
import { type SignedCheckpoint, createCheckpoint, generateAuditKeyPair, readPublicKey, readSigningKey, verifyAgainstCheckpoint, verifyLog } from '@reorg/event-store/audit';
import { type BackupHeader, BackupRefused, readBackup, restoreBackup, writeBackup } from '@reorg/event-store/backup';
import { PATIENCE_MS } from '@reorg/testing';
import { loadScenario } from '../../fixtures/scenario/load-scenario';
import { readScenario } from '../../fixtures/scenario/scenario-file';
import { runCli } from '../audit/cli-process';
import { type Kind, type ThrowawayStore, backupLines, rawCheckpoints, newEvent, rawLog, readModelTables, rebuildAll, throwawayReadModels, throwawayStore, writeBackupLines } from './backup-support';

jest.setTimeout(600_000);

const scenario = readScenario();
const KINDS: Kind[] = ['SQLite', 'PostgreSQL'];
const dir = mkdtempSync(join(tmpdir(), 'reorg-backup-spec-'));
const keys = generateAuditKeyPair();
writeFileSync(join(dir, 'signing.pem'), keys.privateKeyPem);
writeFileSync(join(dir, 'public.pem'), keys.publicKeyPem);
const signingKey: KeyObject = readSigningKey(join(dir, 'signing.pem'));
const publicKey: KeyObject = readPublicKey(join(dir, 'public.pem'));

/** A store holding the scenario and one idempotent command, its backup, and what the restores must reproduce. */
interface Source {
  store: ThrowawayStore;
  backup: string;
  header: BackupHeader;
  log: RecordedEvent[];
  heads: StreamHead[];
  checkpoint: SignedCheckpoint;
  command: { streamId: string; commandId: string; result: AppendResult };
  /** The original's read models, rebuilt into a database of each kind. */
  readModels: Record<Kind, Record<string, unknown[]>>;
}

const sources = {} as Record<Kind, Source>;
const disposals: Array<() => Promise<void>> = [];

async function fresh(kind: Kind): Promise<ThrowawayStore> {
  const store = await throwawayStore(kind);
  disposals.push(() => store.dispose());
  return store;
}

async function withStore<T>(target: ThrowawayStore, work: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await target.open();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function prepareSource(kind: Kind): Promise<Source> {
  const target = await fresh(kind);
  return withStore(target, async (store) => {
    const loaded = await loadScenario(store, scenario);
    const streamId = `probe-${kind.toLowerCase()}`;
    const commandId = `backup-probe-${kind}`;
    const result = await store.appendToStream(streamId, 'no_stream', [newEvent('ProbeRecorded', { kind })], { commandId });
    expect(result.lastPosition).toBeGreaterThan(loaded.lastPosition);
    const log = await rawLog(store, result.lastPosition);
    const heads = await store.streamHeads();
    const checkpoint = await createCheckpoint(store, signingKey);
    const backup = join(dir, `${kind}.reorg-backup.jsonl.gz`);
    const { header } = await writeBackup(store, backup);
    const readModels = {} as Record<Kind, Record<string, unknown[]>>;
    for (const readKind of KINDS) {
      const reads = await throwawayReadModels(readKind);
      disposals.push(() => reads.dispose());
      await rebuildAll(store, reads.database);
      readModels[readKind] = await readModelTables(reads.database);
    }
    return { store: target, backup, header, log, heads, checkpoint, command: { streamId, commandId, result }, readModels };
  });
}

async function expectEmpty(target: ThrowawayStore): Promise<void> {
  await withStore(target, async (store) => {
    expect(await store.readAllRaw()).toEqual([]);
    expect(await store.streamHeads()).toEqual([]);
    expect(await store.latestPosition()).toBe(0);
  });
}

beforeAll(async () => {
  for (const kind of KINDS) sources[kind] = await prepareSource(kind);
});

afterAll(async () => {
  for (const dispose of disposals.reverse()) await dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a backup', () => {
  it.each(KINDS)('of %s holds a header, every event as stored, the command results and a trailer', (kind) => {
    const source = sources[kind];
    const lines = backupLines(source.backup).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(source.header).toMatchObject({ format: 'reorg-backup/1', source: kind === 'SQLite' ? 'sqlite' : 'postgres', position: source.log.at(-1)!.position, events: source.log.length, commands: 1, globalHash: source.log.at(-1)!.globalHash });
    expect(lines[0]).toEqual(source.header);
    expect(lines.slice(1, 1 + source.log.length).map(({ kind: _kind, ...event }) => event)).toEqual(source.log);
    expect(lines.at(-2)).toEqual({ kind: 'command', commandId: source.command.commandId, result: source.command.result, recordedAt: source.log.at(-1)!.metadata.recordedAt });
    expect(lines.at(-1)).toEqual({ kind: 'trailer', events: source.log.length, commands: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it.each(KINDS)('of %s, taken while writers keep appending, is the log at one position and restores to exactly that prefix', async (kind) => {
    const source = await fresh(kind);
    const file = join(dir, `concurrent-${kind}.jsonl.gz`);
    await withStore(source, async (store) => {
      await loadScenario(store, scenario);
      let writing = true;
      const landed: number[] = [];
      const writer = async (id: number) => {
        for (let n = 1; writing; n++) landed.push((await store.appendToStream(`busy-${id}`, n === 1 ? 'no_stream' : n - 1, [newEvent('Busy', { n })])).lastPosition);
      };
      const writers = [writer(1), writer(2), writer(3)];
      while (landed.length < 10) await new Promise((resolve) => setTimeout(resolve, 5));
      const before = landed.length;
      const { header } = await writeBackup(store, file, { pageSize: 100 });
      const during = landed.length - before;
      writing = false;
      await Promise.all(writers);

      expect(during).toBeGreaterThan(0);
      expect(Math.max(...landed)).toBeGreaterThan(header.position);
      const restored = await fresh(kind);
      await withStore(restored, async (copy) => {
        const summary = await restoreBackup(copy, file);
        expect(summary.verification.ok).toBe(true);
        expect(summary.matchesBackup).toBe(true);
        const original = await rawLog(store, Math.max(...landed));
        expect(await rawLog(copy, header.position)).toEqual(original.filter((event) => event.position <= header.position));
        expect(header.events).toBe(original.filter((event) => event.position <= header.position).length);
      });
    });
  });

  it('of an empty store restores into an empty store', async () => {
    const file = join(dir, 'empty.jsonl.gz');
    const { header } = await withStore(await fresh('PostgreSQL'), (store) => writeBackup(store, file));
    expect(header).toMatchObject({ position: 0, events: 0, streams: 0, commands: 0, globalHash: '0'.repeat(64) });
    const target = await fresh('SQLite');
    await withStore(target, async (store) => expect(await restoreBackup(store, file)).toMatchObject({ matchesBackup: true, verification: { ok: true, events: 0 } }));
    await expectEmpty(target);
  });

  it('of a store whose chain is broken is refused and no file is left', async () => {
    const source = await fresh('SQLite');
    await withStore(source, async (store) => {
      await store.appendToStream('tampered', 'no_stream', [newEvent('Probe', { name: 'Quan 1' }), newEvent('Probe', { name: 'Quan 2' })]);
    });
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(source.env.SQLITE_PATH);
    db.prepare("UPDATE events SET data = replace(data, 'Quan 1', 'Quan 9') WHERE position = 1").run();
    db.close();
    const file = join(dir, 'broken.jsonl.gz');
    await withStore(source, async (store) => {
      await expect(writeBackup(store, file)).rejects.toThrow(/does not verify, so it is not backed up: stream tampered version 1 at position 1: stream hash mismatch/);
    });
    expect(() => statSync(file)).toThrow();
    expect(() => statSync(`${file}.partial`)).toThrow();
  });
});

describe.each([
  ['SQLite', 'SQLite'],
  ['SQLite', 'PostgreSQL'],
  ['PostgreSQL', 'PostgreSQL'],
  ['PostgreSQL', 'SQLite'],
] as Array<[Kind, Kind]>)('a backup of %s restored into an empty %s store', (from, to) => {
  let target: ThrowawayStore;

  beforeAll(async () => {
    target = await fresh(to);
  });

  it('holds the same log, event for event, and the same stream heads; verify and the earlier checkpoint agree', async () => {
    const source = sources[from];
    await withStore(target, async (store) => {
      const summary = await restoreBackup(store, source.backup);
      expect(summary.matchesBackup).toBe(true);
      expect(summary.verification).toEqual({ ok: true, streams: source.heads.length, events: source.log.length, failures: [] });
      expect(await rawLog(store, source.header.position)).toEqual(source.log);
      expect(await store.streamHeads()).toEqual(source.heads);
      expect((await verifyLog(store)).report.ok).toBe(true);
      const against = await verifyAgainstCheckpoint(store, source.checkpoint, publicKey);
      expect(against).toMatchObject({ ok: true, checkpoint: { position: source.header.position, extended: true } });
    });
  });

  it('rebuilds read models equal to the original’s', async () => {
    const storeId = await withStore(target, async (store) => {
      await rebuildAll(store, target.readModels);
      return store.storeId();
    });
    const tables = await readModelTables(target.readModels);
    const checkpoints = await rawCheckpoints(target.readModels);
    expect(new Set(checkpoints.map((row) => row.storeId))).toEqual(new Set([storeId]));
    expect(tables.unit_versions?.length).toBeGreaterThan(1000);
    expect(tables).toEqual(sources[from].readModels[to]);
  });

  it('keeps the command results (a retried command appends nothing) and appends after the restored head', async () => {
    const { command, header } = sources[from];
    await withStore(target, async (store) => {
      const retried = await store.appendToStream(command.streamId, 'no_stream', [newEvent('ProbeRecorded', { again: 1 })], { commandId: command.commandId });
      expect(retried).toEqual({ ...command.result, idempotentReplay: true });
      const next = await store.appendToStream(command.streamId, 1, [newEvent('ProbeRecorded', { after: 'restore' })]);
      expect(next.lastPosition).toBeGreaterThan(header.position);
      expect(await store.waitForPosition(next.lastPosition, PATIENCE_MS)).toBe(true);
      const { report } = await verifyLog(store);
      expect(report).toMatchObject({ ok: true, events: header.events + 1 });
    });
  });
});

describe.each(KINDS)('restore into %s refuses', (kind) => {
  const source = () => sources[kind === 'SQLite' ? 'PostgreSQL' : 'SQLite'];

  it('a store that is not empty, and changes nothing in it', async () => {
    const target = await fresh(kind);
    const before = await withStore(target, async (store) => {
      await store.appendToStream('occupied', 'no_stream', [newEvent('Probe', { n: 1 })], { commandId: 'occupied-1' });
      await store.appendToStream('occupied', 1, [newEvent('Probe', { n: 2 })]);
      return { log: await rawLog(store, 2), heads: await store.streamHeads() };
    });
    await withStore(target, async (store) => {
      await expect(restoreBackup(store, source().backup)).rejects.toThrow(new BackupRefused(
        'the target store is not empty (it holds events up to position 2): a restore never merges into or replaces a log, whose hash chains cannot be joined; point SQLITE_PATH or DATABASE_SCHEMA at a new, empty store',
      ));
      expect(await rawLog(store, 2)).toEqual(before.log);
      expect(await store.streamHeads()).toEqual(before.heads);
      expect((await verifyLog(store)).report).toMatchObject({ ok: true, events: 2 });
    });
  });

  const corruptions: Array<[string, (file: string, lines: string[]) => void, RegExp]> = [
    ['a file cut short in the middle of the gzip stream', (file) => writeFileSync(file, readFileSync(source().backup).subarray(0, Math.floor(statSync(source().backup).size * 0.8))), /is not an intact gzip stream .*truncated or corrupted/],
    [
      'a file with one altered byte in the gzip stream',
      (file) => {
        const bytes = Buffer.from(readFileSync(source().backup));
        bytes[Math.floor(bytes.length * 0.7)] ^= 0x01;
        writeFileSync(file, bytes);
      },
      // What the flipped bit turns into depends on the file's content (ids, times): any refusal of a line will do.
      /gzip stream|not a JSON|hash chains break|SHA-256|line \d+: /,
    ],
    ['a complete gzip stream whose last lines are missing', (file, lines) => writeBackupLines(file, lines.slice(0, -40)), /without a trailer: it is truncated/],
    [
      'a complete gzip stream with one altered byte in an event late in the log',
      (file, lines) => {
        const index = lines.length - 30;
        const altered = lines[index].replace(/"version":(\d)/, (_match, digit: string) => `"version":${(Number(digit) + 1) % 10}`);
        expect(altered).not.toBe(lines[index]);
        writeBackupLines(file, [...lines.slice(0, index), altered, ...lines.slice(index + 1)]);
      },
      /hash chains break at stream .* version \d+, position \d+: (stream version|stream hash mismatch)/,
    ],
    [
      'a complete gzip stream with an altered command result (not chained, but digested)',
      (file, lines) => writeBackupLines(file, [...lines.slice(0, -2), lines.at(-2)!.replace('"idempotentReplay":false', '"idempotentReplay":true'), lines.at(-1)!]),
      /SHA-256 of the lines does not match the trailer: the file was altered/,
    ],
  ];

  it.each(corruptions)('%s, after part of it was written, and leaves the store empty', async (_what, corrupt, reason) => {
    const file = join(dir, `corrupt-${kind}-${Math.random().toString(36).slice(2)}.jsonl.gz`);
    corrupt(file, backupLines(source().backup));
    const target = await fresh(kind);
    let written = 0;
    await withStore(target, async (store) => {
      const restoring = restoreBackup(store, file, { pageSize: 200, onProgress: (progress) => (written = progress.events) });
      await expect(restoring).rejects.toThrow(BackupRefused);
      await expect(restoring).rejects.toThrow(reason);
    });
    expect(written).toBeGreaterThan(200);
    await expectEmpty(target);
    // And the store is still usable: the intact backup restores into it.
    await withStore(target, async (store) => expect((await restoreBackup(store, source().backup)).matchesBackup).toBe(true));
  });

  it('a backup whose header does not match its content, even with a recomputed digest', async () => {
    const lines = backupLines(source().backup);
    const header = JSON.parse(lines[0]) as BackupHeader;
    const file = join(dir, `header-${kind}.jsonl.gz`);
    const body = [JSON.stringify({ ...header, events: header.events - 1 }), ...lines.slice(1, -1)];
    const sha256 = createHash('sha256').update(body.map((line) => `${line}\n`).join('')).digest('hex');
    writeBackupLines(file, [...body, JSON.stringify({ ...JSON.parse(lines.at(-1)!), sha256 })]);
    await expect(readBackup(file, { events: async () => undefined, commands: async () => undefined })).rejects.toThrow(
      new BackupRefused(`line ${lines.length}: ${header.events} events read, the header says ${header.events - 1} and the trailer ${header.events}`),
    );
  });
});

describe('npm run cli -- backup / restore (separate processes)', () => {
  it('backs up SQLite, restores into PostgreSQL, which then verifies and rebuilds; refusals exit 1, unusable input 2', async () => {
    const source = sources.SQLite;
    const file = join(dir, 'cli.jsonl.gz');
    const backup = await runCli(['backup', '--out', file], source.store.env);
    expect(backup.stderr).toBe(`backup: position 0/${source.header.position} (0%), 0 events, 0 ev/s\nbackup: position ${source.header.position}/${source.header.position} (100%), ${source.header.events} events, ${backup.stderr.match(/(\d+) ev\/s\n$/)?.[1]} ev/s\n`);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`backup of ${source.header.events} events in ${source.heads.length} streams and 1 command results from sqlite, up to position ${source.header.position} (global hash ${source.header.globalHash}): written to ${file}`);

    const again = await runCli(['backup', '--out', file], source.store.env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`error: ${file} already exists: a backup never replaces a file`);

    const target = await fresh('PostgreSQL');
    const restore = await runCli(['restore', '--from', file], target.env);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`restored ${source.header.events} events in ${source.heads.length} streams and 1 command results up to position ${source.header.position} from ${file} (sqlite,`);
    expect(restore.stdout).toContain('both hash chains and every stream head verify, ending at the backup’s global hash');
    expect(restore.stdout).toContain('read models are not in a backup: run `npm run cli -- rebuild` before starting the api');

    const refused = await runCli(['restore', '--from', file], target.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused: the target store is not empty (it holds events up to position');

    const verify = await runCli(['verify'], target.env);
    expect(verify.code).toBe(0);
    const rebuild = await runCli(['rebuild'], target.env);
    expect(rebuild.code).toBe(0);
    expect(await readModelTables(target.readModels)).toEqual(source.readModels.PostgreSQL);

    const checkpointFile = join(dir, 'cli-checkpoint.json');
    writeFileSync(checkpointFile, JSON.stringify(source.checkpoint));
    const against = await runCli(['verify', '--against', checkpointFile, '--public-key', join(dir, 'public.pem')], target.env);
    expect(against.code).toBe(0);
    expect(against.stdout).toContain('the store extends it');

    const truncated = join(dir, 'cli-truncated.jsonl.gz');
    writeFileSync(truncated, readFileSync(file).subarray(0, 1000));
    const empty = await fresh('SQLite');
    const corrupt = await runCli(['restore', '--from', truncated], empty.env);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/^refused: .* is not an intact gzip stream/m);
    await expectEmpty(empty);

    const missing = await runCli(['restore', '--from', join(dir, 'no-such-backup.jsonl.gz')], empty.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: there is no backup at');
  });
});
