import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrateSqlite } from './sqlite-migrations';

/**
 * A connection to the store's file as every writer of it runs: WAL, synchronous=FULL (a COMMIT returns
 * once the WAL is on disk), a long busy timeout; a larger page cache and rarer checkpoints cut the pages
 * each commit writes without changing durability. Migrations run once, on the first connection.
 */
export function openSqliteConnection(path: string, options: { migrate: boolean }): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = 10000');
    if (options.migrate) migrateSqlite(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
