import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@reorg/event-store';
import { PATIENCE_MS } from '@reorg/testing';
import { startApp } from '../../../apps/api/src/create-app';
import { TEST_DEV_SECRET } from '../support/test-app';
import { bearer } from '../support/tokens';

/** "Today" for the approval tests: Friday 1 March 2024, 10:00 in Asia/Ho_Chi_Minh. */
export const TODAY = '2024-03-01';
export const FIXED_AT = '2024-03-01T03:00:00Z';

export interface Step {
  stepId: string;
  name: string;
  role: string;
  status: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  dueDate?: string;
  dossierVersion?: number;
  dossierHash?: string;
}

export interface Proposal {
  id: string;
  status: string;
  dossierVersion: number;
  dossierHash: string;
  proposedBy: string;
  round: number;
  steps: Step[];
  currentStepId?: string;
  decision?: Record<string, string>;
  execution?: { status: string; at?: string; errors?: unknown[]; createdUnits?: { code: string; unitId: string }[] };
}

export interface ApprovalBed {
  app: NestFastifyApplication;
  dir: string;
  store: EventStore;
  bodies: { health: string; party: string };
  units: { h1: string; h2: string; p1: string };
  token(sub: string, roles: string[], governingBodyIds?: string[]): Promise<string>;
  call(token: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Highest global position: unchanged after a refused request. */
  head(): Promise<number>;
  streamTypes(streamId: string): Promise<string[]>;
  /** Stops the app, keeping its files (for a restart). */
  stop(): Promise<void>;
  /** Stops the app and removes its files. */
  close(): Promise<void>;
}

export async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/**
 * The real application over HTTP on SQLite files in `dir` (a fresh temp folder unless given, so
 * that a second start resumes the first one's data), its clock fixed at `fixedAt`. `seed` adds a
 * government body SYT with units H1, H2 and a Party body TU with unit P1, as of 2017-12-31.
 */
export async function startApprovalBed(options: { dir?: string; fixedAt?: string; env?: Record<string, string>; seed?: ApprovalBed } = {}): Promise<ApprovalBed> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'reorg-approval-')));
  const app = await startApp({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: join(dir, 'events.sqlite'),
      DATA_DIR: dir, READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite'),
      DEV_TOKEN_SECRET: TEST_DEV_SECRET,
      CLOCK_FIXED_AT: options.fixedAt ?? FIXED_AT,
      RATE_LIMIT_ENABLED: 'false',
      APPROVAL_TICK_SECONDS: '1',
      ...options.env,
    },
  });
  const url = await app.getUrl();
  const store = app.get<symbol, EventStore>(EVENT_STORE);
  const token = async (sub: string, roles: string[], governingBodyIds: string[] = []) => {
    const response = await fetch(`${url}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, roles, governingBodyIds }) });
    return (await json<{ accessToken: string }>(response, 201)).accessToken;
  };
  const call = (bearerToken: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: { ...bearer(bearerToken), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const streamTypes = async (streamId: string) => (await store.readStream(streamId, { maxCount: 1000 })).map((e: RecordedEvent) => e.type);
  const base = {
    app,
    dir,
    store,
    token,
    call,
    head: () => store.latestPosition(),
    streamTypes,
    stop: () => app.close(),
    close: async () => {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  if (options.seed) return { ...base, bodies: options.seed.bodies, units: options.seed.units };

  const admin = await token('admin', ['admin']);
  const body = async (code: string, name: string, system: string) =>
    (await json<{ id: string }>(await call(admin, 'POST', '/api/v1/governing-bodies', { code, name, system, level: 'PROVINCE' }), 201)).id;
  const bodies = { health: await body('SYT', 'Sở Y tế', 'GOVERNMENT'), party: await body('TU', 'Tỉnh ủy', 'PARTY_MASS') };
  const unit = (code: string, name: string, governingBodyCode: string) => ({ code, name, governingBodyCode, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 40 });
  const imported = await json<{ units: { code: string; unitId: string }[] }>(
    await call(admin, 'POST', '/api/v1/units/import', {
      asOf: '2017-12-31',
      units: [unit('H1', 'Bệnh viện Đa khoa tỉnh', 'SYT'), unit('H2', 'Trung tâm Y tế dự phòng', 'SYT'), { ...unit('P1', 'Trung tâm Chính trị', 'TU'), sector: 'OTHER' }],
    }),
    201,
  );
  const idOf = (code: string) => imported.units.find((u) => u.code === code)?.unitId ?? '';
  return { ...base, bodies, units: { h1: idOf('H1'), h2: idOf('H2'), p1: idOf('P1') } };
}

/** A dossier absorbing H2 into H1 (a reorganisation: the Party Standing Board gives its opinion). */
export function absorbH2IntoH1(bed: ApprovalBed, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Sáp nhập Trung tâm Y tế dự phòng vào Bệnh viện Đa khoa tỉnh',
    rationale: 'Tinh gọn bộ máy theo Nghị quyết 19-NQ/TW',
    governingBodyId: bed.bodies.health,
    proposedEffectiveDate: TODAY,
    operations: [{ type: 'ABSORB', targetUnitId: bed.units.h1, sourceUnitIds: [bed.units.h2] }],
    ...overrides,
  };
}

/** A rename of H1 (no Party step); two changes of one unit on one date conflict, so tests pick distinct dates. */
export function renameH1(bed: ApprovalBed, newName: string, proposedEffectiveDate: string) {
  return absorbH2IntoH1(bed, { title: 'Đổi tên Bệnh viện Đa khoa tỉnh', proposedEffectiveDate, operations: [{ type: 'RENAME', unitId: bed.units.h1, newName }] });
}

/** Polls the proposal until `done` holds (the executor runs asynchronously), at most `timeoutMs`. */
export async function eventually(bed: ApprovalBed, token: string, id: string, done: (p: Proposal) => boolean, timeoutMs = PATIENCE_MS): Promise<Proposal> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const proposal = await json<Proposal>(await bed.call(token, 'GET', `/api/v1/proposals/${id}`));
    if (done(proposal) || Date.now() > deadline) return proposal;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const DECISION = { number: '123/QĐ-UBND', date: TODAY, effectiveDate: TODAY, signer: 'Chủ tịch UBND tỉnh' };

/** The proposal routes as a proposer and an approver use them; each asserts the success status. */
export function approvalClient(bed: ApprovalBed) {
  return {
    draft: async (token: string, body: unknown) => json<Proposal>(await bed.call(token, 'POST', '/api/v1/proposals', body), 201),
    submit: async (token: string, id: string) => json<Proposal>(await bed.call(token, 'POST', `/api/v1/proposals/${id}/submit`)),
    get: async (token: string, id: string) => json<Proposal>(await bed.call(token, 'GET', `/api/v1/proposals/${id}`)),
    decideRaw: (token: string, id: string, stepId: string, body: unknown) => bed.call(token, 'POST', `/api/v1/proposals/${id}/steps/${stepId}/decision`, body),
    /** Decides the current step (APPROVE unless the body says otherwise). */
    decide: async (token: string, p: Proposal, body: Record<string, unknown> = {}) =>
      json<Proposal>(await bed.call(token, 'POST', `/api/v1/proposals/${p.id}/steps/${p.currentStepId ?? ''}/decision`, { outcome: 'APPROVE', dossierVersion: p.dossierVersion, ...body })),
  };
}
