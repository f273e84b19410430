import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadModelDataSource } from '@reorg/projections';
import { CountingProjection } from './counting-projection';

describe('read-model database', () => {
  it('opens a SQLite file in WAL mode with synchronous=NORMAL (rebuildable) and a busy timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-models-'));
    const dataSource = await openReadModelDataSource({ kind: 'sqlite', sqlitePath: join(dir, 'reads.sqlite') }, [
      new CountingProjection('pragmas'),
    ]);
    try {
      expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
      expect(await dataSource.query('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
      const tables = await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
      expect(tables.map((t: { name: string }) => t.name)).toEqual(
        expect.arrayContaining(['projection_checkpoints', 'pragmas_stream_counts', 'pragmas_applied']),
      );
    } finally {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('syncs every commit (synchronous=FULL) of a database marked durable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-models-'));
    const dataSource = await openReadModelDataSource({ kind: 'sqlite', sqlitePath: join(dir, 'keys.sqlite'), durable: true }, []);
    try {
      expect(await dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
    } finally {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
