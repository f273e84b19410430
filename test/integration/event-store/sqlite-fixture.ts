import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@reorg/event-store';
import type { StoreFixture, StoreOptions } from './support';
import type { TamperFixture, Tamperer } from './tamper';

export interface SqliteFixture extends StoreFixture {
  readonly path: string;
  open(options?: StoreOptions): Promise<SqliteEventStore>;
}

/** A fresh database file in its own temp directory (WAL needs real files beside it). */
export async function sqliteFixture(): Promise<SqliteFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'reorg-event-store-'));
  const path = join(dir, 'events.db');
  return {
    path,
    open: async (options = {}) => SqliteEventStore.open({ path, ...options }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Edits the file through a connection of its own, as an outsider with access to the file would. */
export function sqliteTamperer(path: string): Tamperer {
  const run = (sql: string, ...params: unknown[]): void => {
    const db = new Database(path);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  };
  return {
    replaceInData: async (position, search, replacement) => run('UPDATE events SET data = replace(data, ?, ?) WHERE position = ?', search, replacement, position),
    deleteEvent: async (position) => run('DELETE FROM events WHERE position = ?', position),
    movePosition: async (from, to) => run('UPDATE events SET position = ? WHERE position = ?', to, from),
    setRecordedAt: async (position, recordedAt) => run("UPDATE events SET metadata = json_set(metadata, '$.recordedAt', ?) WHERE position = ?", recordedAt, position),
  };
}

/** Tampers through a connection of its own, as an outsider with access to the file would. */
export async function sqliteTamperFixture(): Promise<TamperFixture> {
  const fixture = await sqliteFixture();
  return { ...fixture, tamperer: sqliteTamperer(fixture.path) };
}
