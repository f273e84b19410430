import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@reorg/config';
import type { RecordedEvent } from '@reorg/event-store';
import type { UnitQueries, UnitView } from '@reorg/read-models/units';
import { Command, CommanderError } from 'commander';
import { parse } from 'csv-parse/sync';
import { type ReplayOptions, ReplayRefused, registerReplayCommand, runReplay } from '../../../apps/cli/src/replay/replay.command';
import { REPLAY_CSV_COLUMNS } from '../../../apps/cli/src/replay/replay-output';
import { readScenario } from '../../fixtures/scenario/scenario-file';
import { ScenarioReports } from '../reports/reports-scenario-bed';
import { readWholeLog } from '../scenario/register-from-log';
import { REPLAY_BACKENDS, type ReplayBackend } from './replay-backends';

const scenario = readScenario();
const ROOT = join(__dirname, '..', '..', '..');
/** Effective dates around the scenario's turning points: baseline, the 2018 transfers, year ends, the 2023 abolition. */
const DATES = ['2017-12-31', '2018-01-01', '2018-06-30', '2019-12-31', '2021-03-31', '2023-07-01', '2023-12-31'];
const PAGE_SIZE = 500; // the api's largest page

interface Loaded {
  name: string;
  backend: ReplayBackend;
  model: ScenarioReports;
  config: AppConfig;
  log: RecordedEvent[];
}

interface ReplayJson {
  asOf: string;
  knownAt: string | null;
  status: string;
  position: number;
  total: number;
  items: UnitView[];
  bodies: { id: string; code: string; name: string }[];
}

async function replayJson(config: AppConfig, options: Partial<ReplayOptions> & { asOf: string }): Promise<ReplayJson> {
  let text = '';
  await runReplay(config, { format: 'json', status: 'ACTIVE', ...options }, { write: (chunk) => (text += chunk), note: () => undefined });
  return JSON.parse(text) as ReplayJson;
}

/** Every unit the api's list answers, page by page. */
async function readModelUnits(units: UnitQueries, query: { asOf: string; knownAt?: string; status: ReplayOptions['status'] }): Promise<UnitView[]> {
  const items: UnitView[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await units.list({ ...query, page, pageSize: PAGE_SIZE });
    items.push(...answer.items);
    if (answer.items.length === 0 || items.length >= answer.total) return items;
  }
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'replay', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

const recordedAt = (event: RecordedEvent) => new Date(event.metadata.recordedAt).toISOString();
const millisecondBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

/** The instant the annulment was recorded, and the kindergarten the annulled decision wrongly merged. */
function annulment(log: RecordedEvent[]): { at: string; effectiveDate: string; wronglyMergedCode: string } {
  const step = scenario.steps.find((s) => s.kind === 'annulment');
  if (step?.kind !== 'annulment') throw new Error('the scenario has no annulment');
  const [wrong, corrected] = scenario.steps.flatMap((s) => (s.kind === 'decisions' ? s.decisions : [])).filter((d) => d.number === step.number && d.issuer === step.issuer);
  const [wrongOp] = wrong.operations;
  const [correctOp] = corrected.operations;
  if (wrongOp.type !== 'CONSOLIDATE' || correctOp.type !== 'CONSOLIDATE') throw new Error('expected consolidations');
  const [wronglyMergedCode] = wrongOp.sourceUnitCodes.filter((code) => !correctOp.sourceUnitCodes.includes(code));
  const event = log.find((e) => e.type === 'DecisionAnnulled');
  if (!event) throw new Error('no DecisionAnnulled in the log');
  return { at: recordedAt(event), effectiveDate: wrong.effectiveDate, wronglyMergedCode };
}

/** The instant the 2019 batch found late was recorded (after decisions effective in 2022). */
function lateBackFill(log: RecordedEvent[]): string {
  const decisions = log.filter((e) => e.type === 'DecisionRecorded');
  const first2022 = decisions.findIndex((e) => String(e.data.effectiveDate).startsWith('2022-'));
  const late = decisions.slice(first2022 + 1).find((e) => String(e.data.effectiveDate).startsWith('2019-'));
  if (first2022 < 0 || !late) throw new Error('the scenario has no late 2019 back-fill');
  return recordedAt(late);
}

describe('npm run cli -- replay: the register folded from the log equals the read model, on SQLite and PostgreSQL', () => {
  const loaded: Loaded[] = [];

  beforeAll(async () => {
    for (const [name, open] of REPLAY_BACKENDS) {
      const backend = await open();
      const model = await ScenarioReports.open(async () => backend, scenario);
      loaded.push({ name, backend, model, config: AppConfig.fromEnv(backend.cliEnv), log: await readWholeLog(model.bed.store) });
    }
  }, 600_000);

  afterAll(async () => {
    for (const { model } of loaded) await model.bed.close();
  });

  it('loads the scenario into both backends with caught-up read models', () => {
    expect(loaded.map((l) => [l.name, l.model.bed.logger.errors])).toEqual([
      ['SQLite', []],
      ['PostgreSQL', []],
    ]);
  });

  it(`lists the same active units with identical fields on ${DATES.length} dates`, async () => {
    for (const { name, model, config } of loaded) {
      for (const asOf of DATES) {
        const replayed = await replayJson(config, { asOf });
        const expected = await readModelUnits(model.units, { asOf, status: 'ACTIVE' });
        expect({ name, asOf, total: replayed.total, position: replayed.position }).toEqual({ name, asOf, total: expected.length, position: model.load.lastPosition });
        expect({ name, asOf, items: replayed.items }).toStrictEqual({ name, asOf, items: expected });
      }
    }
  });

  it('counts 596 active units on 2017-12-31 and 478 on 2023-12-31, by system as the fixture expects', async () => {
    for (const { name, config } of loaded) {
      const bySystem = (units: UnitView[]) => ({ GOVERNMENT: units.filter((u) => u.system === 'GOVERNMENT').length, PARTY_MASS: units.filter((u) => u.system === 'PARTY_MASS').length });
      const start = await replayJson(config, { asOf: '2017-12-31' });
      const end = await replayJson(config, { asOf: '2023-12-31' });
      expect({ name, start: start.total, end: end.total }).toEqual({ name, start: 596, end: 478 });
      expect({ name, start: bySystem(start.items), end: bySystem(end.items) }).toEqual({ name, start: scenario.expected.activeAtStart, end: scenario.expected.activeAtEnd });
    }
  });

  it('lists ended units too with --status ALL, and only the merged ones with MERGED', async () => {
    for (const { name, model, config } of loaded) {
      for (const asOf of ['2021-03-31', '2023-12-31']) {
        for (const status of ['ALL', 'MERGED'] as const) {
          const replayed = await replayJson(config, { asOf, status });
          expect({ name, asOf, status, items: replayed.items }).toStrictEqual({ name, asOf, status, items: await readModelUnits(model.units, { asOf, status }) });
        }
      }
      const all = await replayJson(config, { asOf: '2023-12-31', status: 'ALL' });
      expect(all.total).toBe(scenario.baseline.length + scenario.expected.created);
      expect(all.items.filter((u) => u.status !== 'ACTIVE').length).toBe(scenario.expected.ended);
    }
  });

  it('honours --known-at: just before the annulment the wrongly merged kindergarten is gone, from the annulment on it is back', async () => {
    for (const { name, model, config, log } of loaded) {
      const { at, effectiveDate, wronglyMergedCode } = annulment(log);
      const before = millisecondBefore(at);
      for (const knownAt of [before, at]) {
        const replayed = await replayJson(config, { asOf: effectiveDate, knownAt });
        expect({ name, knownAt, echoed: replayed.knownAt, items: replayed.items }).toStrictEqual({
          name,
          knownAt,
          echoed: knownAt,
          items: await readModelUnits(model.units, { asOf: effectiveDate, knownAt, status: 'ACTIVE' }),
        });
      }
      const codesKnownAt = async (knownAt: string) => (await replayJson(config, { asOf: effectiveDate, knownAt })).items.map((u) => u.code);
      expect({ name, before: (await codesKnownAt(before)).includes(wronglyMergedCode), at: (await codesKnownAt(at)).includes(wronglyMergedCode) }).toEqual({ name, before: false, at: true });
    }
  });

  it('honours --known-at for the 2019 batch recorded late: 2019-12-31 as known before it differs, and equals the read model', async () => {
    for (const { name, model, config, log } of loaded) {
      const knownAt = millisecondBefore(lateBackFill(log));
      const asOf = '2019-12-31';
      const thenKnown = await replayJson(config, { asOf, knownAt, status: 'ALL' });
      expect({ name, items: thenKnown.items }).toStrictEqual({ name, items: await readModelUnits(model.units, { asOf, knownAt, status: 'ALL' }) });
      const nowKnown = await replayJson(config, { asOf, status: 'ALL' });
      expect(thenKnown.items).not.toEqual(nowKnown.items);
    }
  });

  it('spawned on SQLite, prints CSV with a BOM, CRLF rows and the same units, each with its body as it stood', async () => {
    const { model, backend } = loaded[0];
    const asOf = '2023-12-31';
    const { code, stdout, stderr } = await runCli(['--as-of', asOf, '--format', 'csv'], backend.cliEnv);
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.stringContaining(`ACTIVE units as of ${asOf}`) });
    expect([...stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = stdout.toString('utf8');
    expect(text.startsWith(`\uFEFF${REPLAY_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);

    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    const structure = await model.units.structure({ asOf }, new Date().toISOString());
    const bodyOf = new Map(structure.bodies.flatMap((body) => body.units.map((unit) => [unit.unitId, body] as const)));
    const expected = (await readModelUnits(model.units, { asOf, status: 'ACTIVE' })).map((unit) => ({
      ...Object.fromEntries(REPLAY_CSV_COLUMNS.map((column) => [column, ''])),
      ...Object.fromEntries(Object.entries(unit).map(([field, value]) => [field, String(value)])),
      governingBodyCode: bodyOf.get(unit.unitId)?.code,
      governingBodyName: bodyOf.get(unit.unitId)?.name,
    }));
    expect(rows.length).toBe(478);
    expect(rows).toEqual(expected);
    expect(rows.some((row) => /[ăâđêôơư]/i.test(row.name))).toBe(true);
    // RFC 4180 quoting (names with commas) and the one unit flagged as a basic, essential service.
    expect(text).toMatch(/,"[^"\r\n]*, [^"\r\n]*",/);
    expect(rows.filter((row) => row.basicEssentialService === 'true')).toHaveLength(1);
    expect(rows.every((row) => row.governingBodyCode !== '' && row.governingBodyName !== '')).toBe(true);
  });

  it('spawned on PostgreSQL with --status ALL --out, writes the JSON file and nothing to stdout', async () => {
    const { model, backend } = loaded[1];
    const dir = mkdtempSync(join(tmpdir(), 'replay-out-'));
    try {
      const out = join(dir, 'register.json');
      const { code, stdout, stderr } = await runCli(['--as-of', '2023-12-31', '--status', 'ALL', '--out', out], backend.cliEnv);
      expect({ code, stdout: stdout.toString('utf8'), stderr }).toEqual({ code: 0, stdout: '', stderr: expect.stringContaining(`written to ${out}`) });
      const written = JSON.parse(readFileSync(out, 'utf8')) as ReplayJson;
      expect(written.items).toStrictEqual(await readModelUnits(model.units, { asOf: '2023-12-31', status: 'ALL' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('spawned with a bad option, exits non-zero naming the option and prints no register', async () => {
    const { code, stdout, stderr } = await runCli(['--as-of', '2019-12-31', '--known-at', '2020-01-05'], loaded[0].backend.cliEnv);
    expect(code).not.toBe(0);
    expect(stdout.length).toBe(0);
    expect(stderr).toContain("option '--known-at <instant>' argument '2020-01-05' is invalid");
    expect(stderr).toContain('A date alone is refused');
  });
});

describe('replay options', () => {
  /** Parses as the CLI would, without exiting; the configuration must never be reached. */
  async function refusal(args: string[]): Promise<CommanderError> {
    const errors: string[] = [];
    const cli = new Command('reorg').exitOverride().configureOutput({ writeErr: (text) => errors.push(text), writeOut: () => undefined });
    registerReplayCommand(cli, () => {
      throw new Error('the configuration was read although the options were bad');
    });
    const error = await cli.parseAsync(['node', 'reorg', 'replay', ...args]).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof CommanderError)) throw new Error(`expected a refusal of ${args.join(' ')}, got ${String(error)}`);
    expect(errors.join('')).toContain(error.message);
    return error;
  }

  it.each([
    [[], "required option '--as-of <date>' not specified"],
    [['--as-of', '2019-02-29'], "option '--as-of <date>' argument '2019-02-29' is invalid"],
    [['--as-of', '31/12/2019'], "option '--as-of <date>' argument '31/12/2019' is invalid"],
    [['--as-of', '2019-12-31', '--known-at', '2020-01-05'], 'A date alone is refused'],
    [['--as-of', '2019-12-31', '--known-at', '2020-01-05T08:00:00'], "option '--known-at <instant>' argument '2020-01-05T08:00:00' is invalid"],
    [['--as-of', '2019-12-31', '--format', 'xml'], "option '--format <format>' argument 'xml' is invalid. Allowed choices are json, csv."],
    [['--as-of', '2019-12-31', '--status', 'active'], "option '--status <status>' argument 'active' is invalid"],
  ])('refuses %j: %s', async (args, message) => {
    const error = await refusal(args);
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain(message);
  });

  it('accepts an instant with an offset and normalises it to UTC', async () => {
    let seen: ReplayOptions | undefined;
    const cli = new Command('reorg').exitOverride();
    registerReplayCommand(cli, () => {
      throw new Error('stop before opening any store');
    });
    cli.commands[0].hook('preAction', (_parent, action) => {
      seen = action.opts<ReplayOptions>();
    });
    await expect(cli.parseAsync(['node', 'reorg', 'replay', '--as-of', '2019-12-31', '--known-at', '2020-01-05T07:00:00+07:00'])).rejects.toThrow('stop before opening any store');
    expect(seen).toEqual({ asOf: '2019-12-31', knownAt: '2020-01-05T00:00:00.000Z', format: 'json', status: 'ACTIVE' });
  });

  it('refuses a SQLite store that does not exist instead of creating an empty one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-missing-'));
    try {
      const config = AppConfig.fromEnv({ EVENT_STORE: 'sqlite', SQLITE_PATH: join(dir, 'events.sqlite') });
      await expect(runReplay(config, { asOf: '2019-12-31', status: 'ACTIVE', format: 'json' })).rejects.toThrow(ReplayRefused);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
