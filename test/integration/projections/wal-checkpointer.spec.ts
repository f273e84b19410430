import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { WalCheckpointer } from '@reorg/projections';

/** A read-model-like writer: WAL, synchronous=NORMAL, its own automatic checkpoints at `autocheckpoint` pages. */
function writer(path: string, autocheckpoint: number) {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  db.exec('CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return db;
}

const walBytes = (path: string) => statSync(`${path}-wal`).size;
const PAGE = 4096;

/** Bursts of commits with the event loop's gaps between them, as projection batches arrive. */
async function commitInBursts(db: BetterSqlite3.Database, bursts: number, perBurst: number): Promise<void> {
  const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
  for (let burst = 0; burst < bursts; burst++) {
    for (let i = 0; i < perBurst; i++) db.transaction(() => insert.run('x'.repeat(3_000)))();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WalCheckpointer: the WAL checkpointed from a thread of its own', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the WAL small while the committing connection never checkpoints, and loses no row', async () => {
    const path = join(dir, 'read-models.sqlite');
    const db = writer(path, 100_000);
    const checkpointer = new WalCheckpointer(path, 10);
    try {
      // The thread is running (it answers) before the commits start.
      expect((await checkpointer.checkpoint()).error).toBeUndefined();
      await commitInBursts(db, 80, 25);
      // 2,000 commits of a 3 kB row: without a checkpoint the WAL holds at least 2,000 pages (8 MB).
      expect(walBytes(path)).toBeLessThan(1_000 * PAGE);
      const result = await checkpointer.checkpoint();
      expect(result.error).toBeUndefined();
      expect(result.checkpointed).toBe(result.log);
    } finally {
      await checkpointer.close();
      db.close();
    }
    const reopened = new BetterSqlite3(path, { readonly: true });
    expect((reopened.prepare('SELECT count(*) AS n FROM rows').get() as { n: number }).n).toBe(2_000);
    reopened.close();
  });

  it('without it the same commits grow the WAL past 2,000 pages (the check above can fail)', async () => {
    const path = join(dir, 'read-models.sqlite');
    const db = writer(path, 100_000);
    try {
      await commitInBursts(db, 80, 25);
      expect(walBytes(path)).toBeGreaterThan(2_000 * PAGE);
    } finally {
      db.close();
    }
  });

  it('closes when its file cannot be opened, and answers a checkpoint with an error instead of hanging', async () => {
    const checkpointer = new WalCheckpointer(join(dir, 'missing.sqlite'), 10);
    await checkpointer.close();
    expect((await checkpointer.checkpoint()).error).toBeDefined();
  });
});
