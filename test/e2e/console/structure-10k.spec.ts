import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { SqliteEventStore } from '@reorg/event-store';
import { type ReadModelDatabaseOptions, openReadModelDataSource } from '@reorg/projections';
import { rebuildProjection } from '@reorg/projections/rebuild';
import { governingBodiesProjection } from '@reorg/read-models';
import { GoverningBodiesBulkFold } from '@reorg/read-models/governing-bodies/governing-bodies.bulk-fold';
import { unitsProjection } from '@reorg/read-models/units';
import { UnitsBulkFold } from '@reorg/read-models/units/units.bulk-fold';
import { generateLog } from '../../bench/read/generate-log';
import { type RunningApp, startTestApp } from '../support/test-app';
import { type Browser, SCREENSHOTS, ensureConsoleBuilt, launchChromium, seriousViolations } from './browser';

jest.setTimeout(300_000);

const UNITS = 10_000;
const BODIES = 100;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/**
 * The structure screen over a register of 10k units (the read benchmark's generator, written straight
 * into a SQLite store and its read models rebuilt by the bulk folds, as test/bench/read.bench.ts does).
 * Reports, never asserts, how long the screen takes to become interactive, and the size of its JSON.
 */
describe('web console: the structure screen with 10k units (chromium, SQLite)', () => {
  let dir: string;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'console-10k-'));
    const sqlitePath = join(dir, 'events.sqlite');
    const database: ReadModelDatabaseOptions = { kind: 'sqlite', sqlitePath: join(dir, 'read-models.sqlite') };
    const store = SqliteEventStore.open({ path: sqlitePath });
    try {
      const log = await generateLog(store, BODIES + UNITS, UNITS);
      expect(log.units).toBe(UNITS);
      const projections = [
        { projection: governingBodiesProjection, bulkFold: () => new GoverningBodiesBulkFold() },
        { projection: unitsProjection, bulkFold: () => new UnitsBulkFold() },
      ];
      await (await openReadModelDataSource(database, projections.map((p) => p.projection))).destroy();
      for (const target of projections) await rebuildProjection(target, { store, database });
    } finally {
      await store.close();
    }
    app = await startTestApp({ SQLITE_PATH: sqlitePath, READ_MODEL_SQLITE_PATH: database.sqlitePath!, RATE_LIMIT_ENABLED: 'false' });
    browser = await launchChromium();
    page = browser.page;
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('shows 10k units in a virtual table that filters and scrolls; reports the time until interactive and the JSON size', async () => {
    const token = (await (await fetch(`${app.url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'kiem.toan', roles: ['auditor'] }) })).json()) as { accessToken: string };
    // Baseline of the same run: the bare API call (fetch and read the JSON) the screen makes, without a browser.
    const fetched = Date.now();
    const answer = await fetch(`${app.url}/api/v1/structure?asOf=${today}`, { headers: { authorization: `Bearer ${token.accessToken}` } });
    const json = Buffer.from(await answer.arrayBuffer());
    const baseline = Date.now() - fetched;
    expect((JSON.parse(json.toString('utf8')) as { totals: { active: number } }).totals.active).toBe(UNITS);

    await page.goto(app.url + '/');
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
    await page.getByRole('radio', { name: /Hoàng Minh Em/ }).check();
    // Where the time goes: the structure answer's arrival in the browser, and its body read in full.
    const structureAnswer = page.waitForResponse((r) => r.url().includes('/api/v1/structure?'));
    const started = Date.now();
    await page.getByRole('button', { name: /Đăng nhập với tư cách/ }).click();
    const structureResponse = await structureAnswer;
    const answered = Date.now() - started;
    await structureResponse.finished();
    const bodyRead = Date.now() - started;
    const structure = page.getByTestId('structure');
    const total = page.getByText(`Tổng: ${UNITS}`);
    await structure.locator('.ant-table-row a').first().waitFor();
    await total.waitFor();
    const firstRows = Date.now() - started;
    // Interactive: the filter answers over all 10k units (the last one is far below the first screen).
    await page.getByLabel('Tìm đơn vị', { exact: false }).first().fill('DV0010000');
    await structure.getByRole('link', { name: 'DV0010000', exact: true }).waitFor();
    const interactive = Date.now() - started;
    await expect(structure.locator('.ant-table-row').count()).resolves.toBe(1);
    await page.getByLabel('Tìm đơn vị', { exact: false }).first().fill('');
    await total.waitFor();
    // Virtual rows: a screenful is in the DOM, not 10k.
    expect(await structure.locator('.ant-table-row').count()).toBeLessThan(200);

    const violations = await seriousViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, '19-structure-10k.png'), fullPage: false });
    expect(violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${JSON.stringify(v.nodes)}`)).toEqual([]);

    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    process.stdout.write(
      `\n[console figures] structure with ${UNITS} units interactive ${interactive} ms after the sign-in click (structure answer headers ${answered} ms, body read ${bodyRead} ms, first rows drawn ${firstRows} ms; the filter then found the last unit); ` +
        `GET /api/v1/structure JSON ${(json.length / 1024).toFixed(0)} KiB (${(gzipSync(json).length / 1024).toFixed(0)} KiB gzip) fetched bare in ${baseline} ms (ratio ${(interactive / Math.max(1, baseline)).toFixed(1)}×); load average ${load}\n`,
    );
  });
});
