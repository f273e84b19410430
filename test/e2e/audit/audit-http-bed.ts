import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PATIENCE_MS, createThrowawaySchema } from '@reorg/testing';
import { postgresTamperer, schemaSql } from '../../integration/event-store/postgres-fixture';
import { sqliteTamperer } from '../../integration/event-store/sqlite-fixture';
import type { Tamperer } from '../../integration/event-store/tamper';
import { type ApprovalBed, json, startApprovalBed } from '../approval/approval-bed';

export interface AuditEvent {
  position: number;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  hash: string;
  globalHash: string;
}

export interface VerifyAnswer {
  ok: boolean;
  streams: number;
  events: number;
  failures: { streamId: string; version: number; position: number; reason: string }[];
  position: number;
  globalHash: string;
}

/** The seeded app (two bodies, three units) on a store that the test can edit directly and put back. */
export interface AuditHttpBed {
  bed: ApprovalBed;
  tamperer: Tamperer;
  /** Copies the event log and the stream heads aside. */
  saveLog(): Promise<void>;
  /** Puts the saved copy back, undoing every edit since. */
  restoreLog(): Promise<void>;
  get<T>(token: string, path: string, status?: number): Promise<T>;
  allEvents(token: string): Promise<AuditEvent[]>;
  close(): Promise<void>;
}

const SAVE = ['DROP TABLE IF EXISTS {s}events_saved', 'DROP TABLE IF EXISTS {s}streams_saved', 'CREATE TABLE {s}events_saved AS SELECT * FROM {s}events', 'CREATE TABLE {s}streams_saved AS SELECT * FROM {s}streams'];
const RESTORE = ['DELETE FROM {s}events', 'INSERT INTO {s}events SELECT * FROM {s}events_saved', 'DELETE FROM {s}streams', 'INSERT INTO {s}streams SELECT * FROM {s}streams_saved'];

function withBed(bed: ApprovalBed, tamperer: Tamperer, run: (statements: string[]) => Promise<void>, cleanup: () => Promise<void>): AuditHttpBed {
  const get = async <T>(token: string, path: string, status = 200) => json<T>(await bed.call(token, 'GET', path), status);
  return {
    bed,
    tamperer,
    saveLog: () => run(SAVE),
    restoreLog: () => run(RESTORE),
    get,
    allEvents: async (token) => {
      const events: AuditEvent[] = [];
      for (let from = 1; ; ) {
        const page = await get<{ items: AuditEvent[]; nextPosition: number }>(token, `/api/v1/audit/events?fromPosition=${from}&limit=1000`);
        if (page.items.length === 0) return events;
        events.push(...page.items);
        from = page.nextPosition;
      }
    },
    close: async () => {
      await bed.close();
      await cleanup();
    },
  };
}

export async function sqliteAuditHttpBed(): Promise<AuditHttpBed> {
  const dir = await mkdtemp(join(tmpdir(), 'reorg-audit-e2e-'));
  const path = join(dir, 'events.sqlite');
  const bed = await startApprovalBed({ env: { SQLITE_PATH: path } });
  const run = async (statements: string[]) => {
    const db = new Database(path);
    try {
      db.transaction(() => statements.forEach((sql) => db.exec(sql.replaceAll('{s}', ''))))();
    } finally {
      db.close();
    }
  };
  return withBed(bed, sqliteTamperer(path), run, () => rm(dir, { recursive: true, force: true }));
}

export async function postgresAuditHttpBed(): Promise<AuditHttpBed> {
  const schema = await createThrowawaySchema('audit_e2e');
  const bed = await startApprovalBed({ env: { EVENT_STORE: 'postgres', DATABASE_URL: schema.connectionString, DATABASE_SCHEMA: schema.name } });
  const sql = schemaSql(schema.name, schema.connectionString);
  // While any write transaction in the cluster is open (other suites, other work), committed events
  // are not yet readable through the store: wait until every stored event is, before reading the log.
  const allReadable = async () => {
    const [{ last }] = await sql<{ last: string | null }>('SELECT max(position) AS last FROM $s.events');
    if (last !== null && !(await bed.store.waitForPosition(Number(last), PATIENCE_MS))) throw new Error(`position ${last} never became readable`);
  };
  const run = async (statements: string[]) => {
    await sql(['BEGIN', ...statements.map((s) => s.replaceAll('{s}', '$s.')), 'COMMIT'].join(';\n'));
    await allReadable();
  };
  await allReadable();
  return withBed(bed, postgresTamperer(sql), run, () => schema.drop());
}

export const AUDIT_HTTP_BEDS: Array<[string, () => Promise<AuditHttpBed>]> = [
  ['SQLite', sqliteAuditHttpBed],
  ['PostgreSQL', postgresAuditHttpBed],
];
