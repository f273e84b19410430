import Database from 'better-sqlite3';
import { Client } from 'pg';
import { GENESIS_HASH, type JsonObject, type JsonValue, type RecordedEvent, eventHash, globalChainHash } from '@reorg/event-store';
import { EVENT_COLUMNS, type StoredEventRow, toRecordedEvent } from '@reorg/event-store/row-mapping';

/**
 * Someone who can write the database but has no signing key: rewrites the log and recomputes every
 * stream hash, the global chain and the stream heads, so that the chains verify again.
 */
export interface Forger {
  /** Changes the data of the event at `position`; every hash after it is recomputed. */
  rewriteData(position: number, mutate: (data: JsonObject) => JsonObject): Promise<void>;
  /** Deletes every event from `position` on and moves the heads back: a rolled-back log that verifies. */
  dropFrom(position: number): Promise<void>;
}

interface LogAccess {
  read(): Promise<RecordedEvent[]>;
  /** Replaces the whole log and every stream head in one transaction. */
  replace(events: RecordedEvent[]): Promise<void>;
}

/** Recomputes both chains in position order, as the store would have written them. */
function rechain(events: RecordedEvent[]): RecordedEvent[] {
  const streams = new Map<string, string>();
  let previousGlobal = GENESIS_HASH;
  return events.map((event) => {
    const hash = eventHash({ ...event, data: event.data as JsonValue, metadata: event.metadata as unknown as JsonValue }, streams.get(event.streamId) ?? GENESIS_HASH);
    const globalHash = globalChainHash(event.position, hash, previousGlobal);
    streams.set(event.streamId, hash);
    previousGlobal = globalHash;
    return { ...event, hash, globalHash };
  });
}

function headsOf(events: RecordedEvent[]): Map<string, RecordedEvent> {
  const heads = new Map<string, RecordedEvent>();
  for (const event of events) heads.set(event.streamId, event);
  return heads;
}

function forgerOn(access: LogAccess): Forger {
  const rewrite = async (transform: (events: RecordedEvent[]) => RecordedEvent[]) => access.replace(rechain(transform(await access.read())));
  return {
    rewriteData: (position, mutate) => rewrite((events) => events.map((event) => (event.position === position ? { ...event, data: mutate(structuredClone(event.data)) } : event))),
    dropFrom: (position) => rewrite((events) => events.filter((event) => event.position < position)),
  };
}

export function sqliteForger(path: string): Forger {
  const withDb = async <T>(work: (db: Database.Database) => T): Promise<T> => {
    const db = new Database(path);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return forgerOn({
    read: () => withDb((db) => (db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`).all() as StoredEventRow[]).map(toRecordedEvent)),
    replace: (events) =>
      withDb((db) => {
        const insert = db.prepare(
          'INSERT INTO events (position, event_id, stream_id, version, type, schema_version, data, metadata, hash, global_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        );
        const head = db.prepare('INSERT INTO streams (stream_id, version, hash) VALUES (?, ?, ?)');
        db.transaction(() => {
          db.exec('DELETE FROM events; DELETE FROM streams;');
          for (const e of events) {
            insert.run(e.position, e.eventId, e.streamId, e.version, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.hash, e.globalHash);
          }
          for (const e of headsOf(events).values()) head.run(e.streamId, e.version, e.hash);
        })();
      }),
  });
}

export function postgresForger(connectionString: string, schema: string): Forger {
  const s = `"${schema}"`;
  const withClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return forgerOn({
    read: () => withClient(async (client) => (await client.query<StoredEventRow>(`SELECT ${EVENT_COLUMNS} FROM ${s}.events ORDER BY position`)).rows.map(toRecordedEvent)),
    replace: (events) =>
      withClient(async (client) => {
        await client.query('BEGIN');
        try {
          await client.query(`DELETE FROM ${s}.events; DELETE FROM ${s}.streams;`);
          for (const e of events) {
            await client.query(
              `INSERT INTO ${s}.events (position, event_id, stream_id, version, type, schema_version, data, metadata, hash, global_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
              [e.position, e.eventId, e.streamId, e.version, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.hash, e.globalHash],
            );
          }
          for (const e of headsOf(events).values()) await client.query(`INSERT INTO ${s}.streams (stream_id, version, hash) VALUES ($1, $2, $3)`, [e.streamId, e.version, e.hash]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }),
  });
}
