import type { Database } from 'better-sqlite3';

export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}

/** Append-only list: a released migration is never edited, only followed by a new one. */
export const SQLITE_MIGRATIONS: SqliteMigration[] = [
  {
    version: 1,
    name: 'event log, stream heads, command results',
    sql: `
      CREATE TABLE events (
        position INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE,
        stream_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        hash TEXT NOT NULL,
        global_hash TEXT NOT NULL,
        UNIQUE (stream_id, version)
      );
      CREATE TABLE streams (
        stream_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE commands (
        command_id TEXT PRIMARY KEY,
        result TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'recordedAt only in the hashed metadata; the store identity',
    // recorded_at copied metadata.recordedAt where no hash covered it (and the clock read it).
    // The identity binds read models and idempotency keys to this store (ADR 0017); a restore gets a new one.
    sql: `
      ALTER TABLE events DROP COLUMN recorded_at;
      CREATE TABLE store_identity (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        store_id TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      INSERT INTO store_identity (singleton, store_id, created_at)
        VALUES (1, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `,
  },
];

export function migrateSqlite(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of SQLITE_MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
