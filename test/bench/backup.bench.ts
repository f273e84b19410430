/* Backup and restore throughput (ADR 0011): events/s per source and target kind, printed with the sizes. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as timeOrderedUuid } from 'uuid';
import { type EventStore, type NewEvent, PostgresEventStore, SqliteEventStore, type StreamAppend } from '@reorg/event-store';
import { restoreBackup, writeBackup } from '@reorg/event-store/backup';
import { Client } from 'pg';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
type Kind = 'sqlite' | 'postgres';

function unitEvent(i: number): NewEvent {
  return {
    eventId: timeOrderedUuid(),
    type: 'UnitEstablished',
    data: { code: `U${i}`, name: `Trường Trung học cơ sở số ${i}`, governingBodyId: '6f1c2c3e-8f7e-4a51-9a43-0d2f1c6b7a10', sector: 'EDUCATION', autonomyGroup: 'G3', staffingQuota: 42, level: 'DISTRICT' },
    metadata: { actor: 'bench', roles: ['admin'], correlationId: randomUUID(), effectiveDate: '2020-01-01' },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'reorg-backup-bench-'));
const schemas: string[] = [];

async function open(kind: Kind, name: string): Promise<EventStore> {
  if (kind === 'sqlite') return SqliteEventStore.open({ path: join(dir, `${name}.sqlite`) });
  const schema = `bench_backup_${name}_${process.pid}`;
  schemas.push(schema);
  return PostgresEventStore.connect({ connectionString: DATABASE_URL, schema });
}

/** 10 events per stream, 1,000 per atomic append. */
async function fill(store: EventStore): Promise<void> {
  for (let start = 0; start < EVENTS; start += 1000) {
    const appends: StreamAppend[] = [];
    for (let i = start; i < Math.min(EVENTS, start + 1000); i += 10) {
      appends.push({ streamId: `unit-${i}`, expectedVersion: 'no_stream', events: Array.from({ length: Math.min(10, EVENTS - i) }, (_, k) => unitEvent(i + k)) });
    }
    await store.appendMultiple(appends);
  }
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const from of ['sqlite', 'postgres'] as Kind[]) {
    const source = await open(from, `src_${from}`);
    await fill(source);
    const file = join(dir, `${from}.jsonl.gz`);
    const backup = await writeBackup(source, file);
    await source.close();
    rows.push(`backup  ${from.padEnd(8)}            ${EVENTS} events  ${backup.seconds.toFixed(2)} s  ${Math.round(EVENTS / backup.seconds)} ev/s  ${(backup.bytes / 2 ** 20).toFixed(1)} MiB`);
    for (const to of ['sqlite', 'postgres'] as Kind[]) {
      const target = await open(to, `${from}_to_${to}`);
      const restored = await restoreBackup(target, file);
      await target.close();
      if (!restored.matchesBackup) throw new Error(`${from} → ${to} did not verify`);
      rows.push(
        `restore ${from.padEnd(8)} → ${to.padEnd(8)}  ${EVENTS} events  ${restored.seconds.toFixed(2)} s  ${Math.round(EVENTS / restored.seconds)} ev/s  (then verify ${restored.verifySeconds.toFixed(2)} s)`,
      );
    }
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    rmSync(dir, { recursive: true, force: true });
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });
