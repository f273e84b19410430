/*
 * National scale (issue 17): a generated national register (34 provinces of the 2025 map, 63
 * before it; BENCH_NATIONAL_UNITS units at the baseline, about BENCH_NATIONAL_EVENTS events over
 * 2016–2026) loaded into PostgreSQL through the store's append path, the api's read models rebuilt,
 * then the queries over HTTP through the api on that store — each beside a raw baseline measured in
 * the same run. Writes bench-results/national.json. Design and proportions: docs/adr/0029.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PostgresEventStore } from '@reorg/event-store';
import { openReadModelDataSource } from '@reorg/projections';
import { REGISTER_READ_MODELS } from '@reorg/read-models/catalogue';
import { ReportQueries } from '@reorg/read-models/reports';
import { AppConfig } from '@reorg/config';
import { readLevelValidity } from '@reorg/register';
import { runRebuild } from '../../apps/cli/src/rebuild/rebuild.command';
import { BULK_FOLDS } from '../../apps/cli/src/rebuild/rebuild-targets';
import { LAST_DAY } from './national/generate-national';
import { RecordingClock, generateLogFile, loadLogFile, readBatches } from './national/national-log';
import { startAppProcess } from './read/app-process';

const UNITS = Number(process.env.BENCH_NATIONAL_UNITS ?? 2_000);
const EVENTS = Number(process.env.BENCH_NATIONAL_EVENTS ?? 60_000);
const SEED = Number(process.env.BENCH_NATIONAL_SEED ?? 2025);
const BATCH = Number(process.env.BENCH_NATIONAL_BATCH ?? 2_000);
const REPS = Number(process.env.BENCH_NATIONAL_REPS ?? 30);
const PORT = Number(process.env.BENCH_NATIONAL_PORT ?? 3_701);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DATA_DIR = process.env.BENCH_NATIONAL_DIR ?? join(tmpdir(), 'bench-national');
/** The province of the 2025 map whose structure is read (Hồ Chí Minh: three provinces before 2025). */
const PROVINCE = process.env.BENCH_NATIONAL_PROVINCE ?? 'HO_CHI_MINH';
const REPORT = { from: '2016-01-01', to: '2025-12-31' };

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const seconds = (since: number) => (performance.now() - since) / 1000;

interface Percentiles {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { n: sorted.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1]) };
}

async function timedRuns(reps: number, run: (i: number) => Promise<unknown>): Promise<Percentiles> {
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await run(i);
    samples.push(performance.now() - t0);
  }
  return percentiles(samples);
}

/** The `i`-th of `n` distinct dates spread over the ten years. */
const dateAt = (i: number, n: number) => new Date(Date.UTC(2016, 0, 1) + Math.floor(((i * 7 + 3) % n) * ((Date.UTC(2026, 10, 30) - Date.UTC(2016, 0, 1)) / n))).toISOString().slice(0, 10);

async function main(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  const loadAtStart = load();
  const levels = readLevelValidity('deploy/register/levels.vn.json');
  // v2: the receiving provinces' bodies carry their territory (so a 2025 province is data); a v1 file would be read as is.
  const logPath = join(DATA_DIR, `national-v2-${UNITS}-${EVENTS}-${SEED}.ndjson`);

  // 1. Generate (cached in DATA_DIR: the same seed and sizes give the same file).
  const t0 = performance.now();
  const log = await generateLogFile(logPath, { units: UNITS, events: EVENTS, seed: SEED, levels, batch: BATCH });
  process.stderr.write(`generated ${log.events} events (${log.unitsEver} units ever, ${log.decisions} decisions) in ${round(log.seconds)} s${seconds(t0) < 1 ? ' (cached file)' : ''}\n`);

  // 2. Load through the store's append path.
  const schema = process.env.BENCH_NATIONAL_SCHEMA ?? `national_${UNITS}_${EVENTS}`;
  const clock = new RecordingClock();
  const admin = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, clock: clock.now });
  await admin.dropSchema();
  await admin.close();
  const store = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, clock: clock.now, maxClockSkewMs: 3_600_000 * 24 * 365 * 20 });
  const loadAverageLoad = load();
  const loaded = await loadLogFile(logPath, store, clock, log.events);
  const loadEventsPerSec = Math.round(loaded.events / loaded.seconds);
  process.stderr.write(`loaded ${loaded.events} events in ${round(loaded.seconds)} s: ${loadEventsPerSec} ev/s (load ${loadAverageLoad})\n`);

  const pool = store.connectionPool;
  const baselines: Record<string, unknown> = {};
  try {
    // 2b. Raw baselines for the load: the same rows by COPY (psql \copy) and by plain INSERT … unnest batches.
    const raw = `${schema}_raw`;
    await pool.query(`DROP SCHEMA IF EXISTS "${raw}" CASCADE; CREATE SCHEMA "${raw}"`);
    const columns = '(position bigint PRIMARY KEY, event_id uuid NOT NULL UNIQUE, stream_id text NOT NULL, version int NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)';
    await pool.query(`CREATE TABLE "${raw}".copied ${columns}; CREATE TABLE "${raw}".inserted ${columns}`);
    const tsv = join(DATA_DIR, `${schema}.tsv`);
    const out = createWriteStream(tsv);
    const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
    let position = 0;
    const versions = new Map<string, number>();
    for await (const batch of readBatches(logPath)) {
      for (const append of batch.appends) {
        for (const event of append.events) {
          const version = (versions.get(append.streamId) ?? 0) + 1;
          versions.set(append.streamId, version);
          if (!out.write(`${++position}\t${event.eventId}\t${append.streamId}\t${version}\t${event.type}\t${escape(JSON.stringify(event.data))}\t${escape(JSON.stringify(event.metadata))}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
      }
    }
    await new Promise<void>((resolve) => out.end(resolve));
    const c0 = performance.now();
    execFileSync('psql', [DATABASE_URL, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy "${raw}".copied FROM '${tsv}'`]);
    const copySeconds = seconds(c0);
    rmSync(tsv, { force: true });
    versions.clear();
    position = 0;
    const i0 = performance.now();
    for await (const batch of readBatches(logPath)) {
      const rows: [number[], string[], string[], number[], string[], string[], string[]] = [[], [], [], [], [], [], []];
      for (const append of batch.appends) {
        for (const event of append.events) {
          const version = (versions.get(append.streamId) ?? 0) + 1;
          versions.set(append.streamId, version);
          rows[0].push(++position); rows[1].push(event.eventId); rows[2].push(append.streamId); rows[3].push(version); rows[4].push(event.type); rows[5].push(JSON.stringify(event.data)); rows[6].push(JSON.stringify(event.metadata));
        }
      }
      await pool.query(`INSERT INTO "${raw}".inserted SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::jsonb[], $7::jsonb[])`, rows);
    }
    const insertSeconds = seconds(i0);
    baselines.load = {
      copyEventsPerSec: Math.round(loaded.events / copySeconds),
      plainInsertEventsPerSec: Math.round(loaded.events / insertSeconds),
      storeLoadVsCopy: round(loadEventsPerSec / (loaded.events / copySeconds), 2),
      storeLoadVsPlainInsert: round(loadEventsPerSec / (loaded.events / insertSeconds), 2),
      how: `the same ${loaded.events} rows (position, event id, stream, version, type, data, metadata; primary key and unique event id): psql \\copy from a TSV file, and INSERT … SELECT FROM unnest in the store's batches of about ${BATCH} events; neither hashes, checks versions or keeps the streams table`,
    };
    await pool.query(`DROP SCHEMA IF EXISTS "${raw}" CASCADE`);
    process.stderr.write(`load baselines: ${JSON.stringify(baselines.load)}\n`);

    // 3. Rebuild every read model the api uses, beside the raw read of the log.
    const r0 = performance.now();
    let after = 0;
    let read = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 10_000 });
      if (page.length === 0) break;
      read += page.length;
      after = page[page.length - 1].position;
    }
    const readCeiling = Math.round(read / seconds(r0));
    const apiEnv = {
      NODE_ENV: 'development', LOG_LEVEL: 'silent', EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema, AUTH_MODE: 'dev',
      DEV_TOKEN_SECRET: 'bench-dev-token-secret-at-least-32-characters', RATE_LIMIT_ENABLED: 'false', EVENT_STORE_MAX_CLOCK_SKEW_SECONDS: '3600',
    };
    const loadAverageRebuild = load();
    // Every read model the api projects (the cli's `rebuild`: bulk folds for units and bodies, `apply` for the others).
    const results = await runRebuild(AppConfig.fromEnv({ ...process.env, ...apiEnv }), undefined, { line: (text) => process.stderr.write(`${text}\n`) });
    const rebuild = results.map((r) => ({ projection: r.projection, how: BULK_FOLDS[r.projection] ? 'bulk fold' : 'apply', events: r.events, seconds: round(r.seconds), eventsPerSec: Math.round(r.events / Math.max(r.seconds, 0.001)) }));
    const units = rebuild.find((r) => r.projection === 'units.v1')!;
    const totalRebuildSeconds = rebuild.reduce((s, r) => s + r.seconds, 0);
    baselines.rebuild = { readOnlyEventsPerSec: readCeiling, unitsVsReadOnly: round(units.eventsPerSec / readCeiling, 2), how: 'the same store read page by page (10,000 events) and nothing else' };

    // 4. Queries over HTTP through the api on this store.
    const app = await startAppProcess(apiEnv, { port: PORT });
    let queries;
    try {
      // The api's own projections (the ones not rebuilt above) catch up before anything is timed.
      for (const deadline = Date.now() + 30 * 60_000; ; ) {
        if ((await fetch(`${app.base}/health/ready`)).status === 200) break;
        if (Date.now() > deadline) throw new Error('the api did not become ready within 30 minutes');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      const tokenResponse = await fetch(`${app.base}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'bench', roles: ['auditor'] }) });
      const { accessToken } = (await tokenResponse.json()) as { accessToken: string };
      const get = async (path: string) => {
        const response = await fetch(`${app.base}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${(await response.text()).slice(0, 500)}`);
        return response.json() as Promise<unknown>;
      };
      // The api projects the read models no rebuild covers (the messaging ones) from 0 on start: wait until it answers.
      const c0 = performance.now();
      let firstReport: { activeAtStart: number; activeAtEnd: number; netReduction: number } | undefined;
      for (const deadline = Date.now() + 40 * 60_000; !firstReport; ) {
        try {
          firstReport = (await get(`/api/v1/reports/reduction?from=${REPORT.from}&to=${REPORT.to}`)) as typeof firstReport;
        } catch (error) {
          if (!String(error).includes('503') || Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      }
      const apiCatchUpSeconds = round(seconds(c0));
      process.stderr.write(`the api answered after ${apiCatchUpSeconds} s of catching up\n`);
      // The whole country's reduction report over the ten years (distinct end days: no cache can answer).
      const reportReps = Math.max(5, Math.round(REPS / 3));
      const report = await timedRuns(reportReps, (i) => get(`/api/v1/reports/reduction?from=${REPORT.from}&to=2025-12-${String(31 - (i % 28)).padStart(2, '0')}`));
      // The first structure loads the api's snapshot of current versions (ADR 0025): once, untimed, so that neither structure figure below includes it.
      await get('/api/v1/structure?asOf=2015-12-31');
      // One province of the 2025 map on a date, one request: GET /api/v1/structure?province= (its former provinces' units and bodies).
      type Structure = { totals: { active: number }; bodies: { units: unknown[] }[] };
      const structureDates = Array.from({ length: REPS }, (_, i) => dateAt(i, REPS));
      let provinceUnits = 0;
      const provinceStructure = await timedRuns(REPS, async (i) => {
        const answer = (await get(`/api/v1/structure?asOf=${structureDates[i]}&province=${PROVINCE}`)) as Structure;
        provinceUnits = Math.max(provinceUnits, answer.totals.active);
      });
      // Before the route: every unit under its bodies (its joined provinces' included), page by page, 8 at once — fewer repetitions, same dates.
      const bodyIds = [...new Set(log.provinces.filter((p) => p.into === PROVINCE).flatMap((p) => p.bodyIds))];
      let pagedUnits = 0;
      const pagedStructureOf = async (asOf: string) => {
        let count = 0;
        const pending = [...bodyIds];
        const worker = async () => {
          for (let bodyId = pending.shift(); bodyId; bodyId = pending.shift()) {
            for (let page = 1; ; page++) {
              const list = (await get(`/api/v1/units?asOf=${asOf}&governingBodyId=${bodyId}&pageSize=500&page=${page}`)) as { items: unknown[]; total: number };
              count += list.items.length;
              if (page * 500 >= list.total) break;
            }
          }
        };
        await Promise.all(Array.from({ length: 8 }, worker));
        return count;
      };
      const pagedReps = Math.max(5, Math.round(REPS / 3));
      const provinceByBodies = await timedRuns(pagedReps, async (i) => (pagedUnits = Math.max(pagedUnits, await pagedStructureOf(structureDates[i]))));
      // The whole country's structure on a date (one request, heavy), fewer repetitions.
      const countryReps = Math.max(3, Math.round(REPS / 6));
      const countryStructure = await timedRuns(countryReps, (i) => get(`/api/v1/structure?asOf=${dateAt(i, countryReps)}`));
      // One unit's history (audit route).
      const sample = log.sampleUnitIds;
      const unitReps = REPS * 5;
      const unitHistory = await timedRuns(unitReps, (i) => get(`/api/v1/units/${sample[(i * 7919) % sample.length]}/history`));
      queries = {
        apiCatchUpSeconds,
        firstReport,
        report,
        provinceStructure: { ...provinceStructure, unitsAtMost: provinceUnits },
        provinceByBodies: { ...provinceByBodies, bodies: bodyIds.length, unitsAtMost: pagedUnits, how: 'GET /api/v1/units?asOf=&governingBodyId=&pageSize=500 for every body of its former provinces, all pages, 8 at once (before the province filter)' },
        countryStructure,
        unitHistory,
      };
    } finally {
      await app.stop();
    }

    // 4b. Raw baselines for the reads, in SQL on the same tables.
    const countEvents = await timedRuns(Math.max(5, Math.round(REPS / 3)), () => pool.query(`SELECT count(*) FROM "${schema}".events`));
    const places = log.provinces.filter((p) => p.into === PROVINCE).map((p) => p.key);
    const provinceRows = await timedRuns(REPS, (i) =>
      pool.query(`SELECT * FROM "${schema}".unit_versions WHERE recorded_to IS NULL AND status = 'ACTIVE' AND COALESCE(territory, province) = ANY($1) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`, [places, dateAt(i, REPS)]),
    );
    const reportRows = await timedRuns(Math.max(5, Math.round(REPS / 3)), () =>
      pool.query(`SELECT unit_id, valid_from, status, system, sector, staffing_quota FROM "${schema}".unit_versions WHERE recorded_to IS NULL AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $2)`, [REPORT.to, '2015-12-31']),
    );
    const streamRows = await timedRuns(REPS * 5, (i) => pool.query(`SELECT * FROM "${schema}".events WHERE stream_id = $1 ORDER BY version`, [`unit-${log.sampleUnitIds[(i * 7919) % log.sampleUnitIds.length]}`]));
    // 4c. The report in this process, both ways on the same tables: SQL counts (the route's) and the in-memory fold of every version and change it replaced.
    const readModels = await openReadModelDataSource({ kind: 'postgres', databaseUrl: DATABASE_URL, schema, synchronize: false }, REGISTER_READ_MODELS);
    let reportInProcess;
    try {
      const reports = new ReportQueries(readModels);
      const period = (i: number) => ({ from: REPORT.from, to: `2025-12-${String(31 - (i % 28)).padStart(2, '0')}` });
      const equal = isDeepStrictEqual(await reports.reduction(period(0)), await reports.reductionInMemory(period(0)));
      const reps = Math.max(5, Math.round(REPS / 3));
      const sqlCounts = await timedRuns(reps, (i) => reports.reduction(period(i)));
      const inMemoryFold = await timedRuns(reps, (i) => reports.reductionInMemory(period(i)));
      reportInProcess = { equal, sqlCounts, inMemoryFold, ratio: round(inMemoryFold.p50 / sqlCounts.p50, 2), how: 'ReportQueries.reduction and .reductionInMemory in the bench process, same periods, one after the other' };
      process.stderr.write(`report in process: ${JSON.stringify(reportInProcess)}\n`);
    } finally {
      await readModels.destroy();
    }

    baselines.reads = {
      selectCountEvents: countEvents,
      reportVersionsScan: { ...reportRows, how: 'the report\'s version scan alone (current versions overlapping the period)' },
      provinceVersionsQuery: { ...provinceRows, how: 'the active current versions of the province\'s former provinces (territory, else province) on the date, one query' },
      unitStreamRead: { ...streamRows, how: 'SELECT the unit\'s stream from events' },
    };

    const result = {
      conditions: {
        date: new Date().toISOString(),
        node: process.version,
        cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        command: `BENCH_NATIONAL_UNITS=${UNITS} BENCH_NATIONAL_EVENTS=${EVENTS} npm run bench:national`,
        loadAverage: { start: loadAtStart, load: loadAverageLoad, rebuild: loadAverageRebuild, end: load() },
        postgres: `${DATABASE_URL.replace(/\/\/[^@]*@/, '//')} schema ${schema} (store and read models, as the api runs)`,
        generation: `${round(log.seconds)} s, ${log.batches} batches of about ${BATCH} events; seed ${SEED}; decisions to ${LAST_DAY}`,
        http: `the api in a child process on port ${PORT} (PostgreSQL, logging silent), requests one at a time from this process; province = ${PROVINCE} of the 2025 map via GET /api/v1/structure?asOf=&province= (and, before it, its bodies' units via GET /api/v1/units?asOf=&governingBodyId=&pageSize=500, 8 at once); report ${REPORT.from}..${REPORT.to} (distinct end days); dates distinct`,
      },
      events: loaded.events,
      units: UNITS,
      unitsEver: log.unitsEver,
      decisions: log.decisions,
      operations: log.operations,
      loadEventsPerSec,
      loadSeconds: round(loaded.seconds),
      rebuildEventsPerSec: units.eventsPerSec,
      rebuildAllSeconds: round(totalRebuildSeconds),
      rebuild,
      apiCatchUpSeconds: queries.apiCatchUpSeconds,
      report: { p50: queries.report.p50, p99: queries.report.p99, n: queries.report.n, figures: queries.firstReport },
      reportInProcess,
      provinceStructure: { p50: queries.provinceStructure.p50, p99: queries.provinceStructure.p99, n: queries.provinceStructure.n, unitsAtMost: queries.provinceStructure.unitsAtMost },
      provinceByBodies: queries.provinceByBodies,
      countryStructure: queries.countryStructure,
      unitHistory: { p50: queries.unitHistory.p50, p99: queries.unitHistory.p99, n: queries.unitHistory.n },
      baselines,
      loadAverage: load(),
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync('bench-results', { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync('bench-results/national.json', JSON.stringify(result, null, 2));
    console.log('written bench-results/national.json');
  } finally {
    if (!process.env.BENCH_NATIONAL_KEEP) await store.dropSchema();
    await store.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
