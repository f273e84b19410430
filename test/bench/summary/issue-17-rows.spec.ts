import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchResults, type IssueRow, NOT_MEASURED, issue17Rows, numberOf } from './issue-17-rows';

const sample = (name: string) => JSON.parse(readFileSync(join(__dirname, 'samples', `${name}.json`), 'utf8')) as Record<string, unknown>;

const ALL: BenchResults = {
  unitsRebuild: sample('units-rebuild'),
  read: sample('read'),
  httpEdge: sample('http-edge'),
  http: sample('http'),
  store: sample('store'),
  relay: sample('relay'),
};

const byMeasure = (rows: IssueRow[], prefix: string) => {
  const found = rows.filter((row) => row.measure.startsWith(prefix));
  expect(found.length).toBeGreaterThan(0);
  return found;
};

describe("npm run bench's issue 17 table (from the benches' JSON)", () => {
  it('has a row for every measure of the issue with its goal, the baseline of the same run, the ratio and the verdict', () => {
    const rows = issue17Rows(ALL);
    expect(rows.map((row) => row.measure)).toEqual([
      'units.v1 rebuild, SQLite (200,000 events)',
      'units.v1 rebuild, PostgreSQL (200,000 events)',
      'whole structure as of a date, 10k units, over HTTP',
      'unit as of a date, over HTTP',
      'the HTTP edge: GET /health against bare Fastify, same run',
      'durable commands over HTTP, SQLite',
      'durable commands over HTTP, PostgreSQL',
      'embedded store, single-event appends from 50 writers (SQLite)',
      'Kafka relay drain, PostgreSQL',
      'Kafka relay drain, SQLite',
    ]);
    expect(rows[0]).toEqual({ measure: expect.any(String), value: '9,419 ev/s', baseline: '66,053 ev/s reading the log alone', ratio: '0.14 × read ceiling', goal: '≥ 150,000 ev/s at 1M events', verdict: 'NOT met' });
    expect(rows[1]).toMatchObject({ value: '64,970 ev/s', verdict: 'met' });
    expect(rows[2]).toMatchObject({ value: 'p50 842 ms, p99 2973 ms', goal: 'p99 ≤ 100 ms', verdict: 'NOT met' });
    // The issue's goal (10 ms), not the bench's own older target (15 ms).
    expect(rows[3]).toMatchObject({ value: 'p50 12 ms, p99 9 ms', goal: 'p99 ≤ 10 ms', verdict: 'met' });
    expect(rows[4]).toEqual({ measure: expect.any(String), value: '6,417 req/s', baseline: '39,176 req/s bare Fastify', ratio: '0.16 × bare', goal: '≥ 0.5 × bare', verdict: 'NOT met' });
    expect(rows[5]).toMatchObject({ value: '5,831/s, p99 43 ms', baseline: '12,772 req/s its own /health', ratio: '0.52 × /health', verdict: 'met' });
    expect(rows[6]).toMatchObject({ value: '1,588/s, p99 114 ms', goal: '≥ 3,000/s', verdict: 'NOT met' });
    expect(rows[7]).toMatchObject({ value: '8,894 appends/s, p99 23 ms', baseline: '15,488 appends/s raw better-sqlite3 group commit', ratio: '0.57 × raw', verdict: 'NOT met' });
    expect(rows[8]).toMatchObject({ value: '45,000 ev/s', ratio: '0.40 × broker ceiling', verdict: 'NOT met' });
    // The ceiling of the file when the row has none; both goals met.
    expect(rows[9]).toMatchObject({ value: '60,000 ev/s', baseline: "113,000 rec/s the broker's own producer", ratio: '0.53 × broker ceiling', verdict: 'met' });
  });

  it('prints "not measured" for benches that did not run and fields that are missing, without throwing', () => {
    const rows = issue17Rows({});
    expect(rows).toHaveLength(9); // one relay row without its stores
    for (const row of rows) expect(row.verdict).toBe(NOT_MEASURED);
    expect(rows[0].value).toBe(NOT_MEASURED);

    const odd = issue17Rows({ unitsRebuild: { rows: 'renamed' }, read: { http: [{ query: 'GET /api/v1/structure?asOf=', p99: 'n/a' }] }, httpEdge: { rows: [null, 3] }, http: { summary: {} }, store: { results: [{ adapter: 'sqlite', 'x raw': null }] }, relay: { summary: [{}] } });
    expect(odd.every((row) => row.verdict === NOT_MEASURED)).toBe(true);
  });

  it('falls back to bench:read’s rebuild rate when bench:units-rebuild did not run (no ceiling then)', () => {
    const [sqlite] = issue17Rows({ read: sample('read') });
    expect(sqlite).toMatchObject({ value: '13,000 ev/s', baseline: NOT_MEASURED, ratio: '', verdict: 'NOT met' });
  });

  it("adds bench:national's rows when its results exist, reported as measured with their baselines and load", () => {
    const rows = issue17Rows({ ...ALL, national: sample('national') });
    const national = byMeasure(rows, 'national');
    expect(national.map((row) => [row.measure, row.value, row.verdict])).toEqual([
      ['national (2,000,000 events, 50,000 units): load into PostgreSQL', '21,000 ev/s', 'measured'],
      ['national (2,000,000 events, 50,000 units): rebuild', '48,000 ev/s', 'measured'],
      ['national: whole-country reduction report', 'p50 310 ms, p99 420 ms', 'measured'],
      ["national: one province's structure as of a date", 'p50 40 ms, p99 75.3 ms', 'measured'],
      ["national: one unit's history", 'p50 3 ms, p99 8 ms', 'measured'],
    ]);
    expect(national[0].baseline).toBe('readCeilingEventsPerSec 90,000; load average 3.1 2.9 2.5');
    expect(issue17Rows({ national: {} }).filter((row) => row.measure.startsWith('national')).every((row) => row.verdict === NOT_MEASURED)).toBe(true);
    expect(byMeasure(issue17Rows(ALL), 'units.v1').length).toBe(2);
    expect(issue17Rows(ALL).some((row) => row.measure.startsWith('national'))).toBe(false);
  });

  it('reads numbers from numbers and numeric strings only', () => {
    expect([numberOf(3), numberOf('1 234'), numberOf('12,345'), numberOf(''), numberOf('45%'), numberOf(Number.NaN), numberOf(null)]).toEqual([3, 1234, 12345, undefined, undefined, undefined, undefined]);
  });
});
