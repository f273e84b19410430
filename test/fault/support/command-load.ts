import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** Dev tokens signed with this secret stay valid across restarts of the api. */
export const FAULT_DEV_SECRET = 'fault-tests-dev-token-secret-at-least-32-chars';
export const ADMIN_SUB = 'admin-1';
/** The governing body every command's units belong to (registered by seed()). */
export const SEED_BODY = 'FLT';
const REQUEST_TIMEOUT_MS = 20_000;

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export type CommandKind = 'governing-body' | 'unit-import' | 'decision';

/** One command as the load issued it, with what came back (no status: the connection failed or timed out). */
export interface CommandRecord {
  kind: CommandKind;
  key: string;
  path: string;
  body: unknown;
  /** A code that only this command registers (body code, unit code). */
  code: string;
  phase: string;
  status?: number;
  answer?: Record<string, unknown>;
  error?: string;
  /** True when the request got no answer within REQUEST_TIMEOUT_MS. */
  hung?: boolean;
  /** The api answered from its Idempotency-Key record (Idempotent-Replayed: true). */
  replayed?: boolean;
  contentType?: string;
  retryAfter?: string;
}

/** HTTP to the api under test, whose address changes when it is restarted. */
export class FaultClient {
  private token: string | undefined;

  constructor(public baseUrl: string) {}

  async adminToken(): Promise<string> {
    if (this.token) return this.token;
    const response = await fetch(`${this.baseUrl}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: ADMIN_SUB, roles: ['admin'] }),
    });
    if (response.status !== 201) throw new Error(`dev token: ${response.status} ${await response.text()}`);
    this.token = ((await response.json()) as { accessToken: string }).accessToken;
    return this.token;
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.adminToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async get(path: string): Promise<Record<string, unknown>> {
    const answer = await this.call('GET', path);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Sends the command with its Idempotency-Key and notes the outcome on the record. */
  async issue(record: CommandRecord): Promise<CommandRecord> {
    try {
      const answer = await this.call('POST', record.path, record.body, { 'idempotency-key': record.key });
      const header = (name: string) => answer.headers.get(name) ?? undefined;
      return { ...record, status: answer.status, answer: answer.body, error: undefined, hung: false, replayed: header('idempotent-replayed') === 'true', contentType: header('content-type'), retryAfter: header('retry-after') };
    } catch (error) {
      const hung = error instanceof Error && error.name === 'TimeoutError';
      return { ...record, status: undefined, answer: undefined, error: error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error), hung };
    }
  }
}

const newUnit = (code: string) => ({ code, name: `Đơn vị ${code}`, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 30 });
const unitRow = (code: string) => ({ ...newUnit(code), governingBodyCode: SEED_BODY });

/** Registers the governing body the load's units belong to; answers its id. */
export async function seed(client: FaultClient): Promise<string> {
  const answer = await client.call('POST', '/api/v1/governing-bodies', { code: SEED_BODY, name: 'Sở thử lỗi', system: 'GOVERNMENT', level: 'PROVINCE' }, { 'idempotency-key': `seed-${SEED_BODY}` });
  if (answer.status !== 201) throw new Error(`seeding: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.id as string;
}

/** Always-valid commands with codes of their own: a body, a baseline unit, a back-filled establishment. */
export function nextCommand(bodyId: string, tag: string, worker: number, n: number, phase: string): CommandRecord {
  const code = `${tag}-${worker}-${n}`.toUpperCase();
  const key = randomUUID();
  switch (n % 3) {
    case 0:
      return { kind: 'governing-body', key, code, phase, path: '/api/v1/governing-bodies', body: { code, name: `Cơ quan ${code}`, system: 'GOVERNMENT', level: 'PROVINCE' } };
    case 1:
      return { kind: 'unit-import', key, code, phase, path: '/api/v1/units/import', body: { asOf: '2017-12-31', units: [unitRow(code)] } };
    default:
      return {
        kind: 'decision',
        key,
        code,
        phase,
        path: '/api/v1/decisions/import',
        body: { decisions: [{ number: `${code}/QĐ-UBND`, date: '2020-06-01', effectiveDate: '2020-06-01', signer: 'Nguyễn Văn A', issuer: 'Ủy ban nhân dân tỉnh Phú Yên', operations: [{ type: 'ESTABLISH', unit: { ...newUnit(code), governingBodyId: bodyId } }] }] },
      };
  }
}

export interface CommandLoad {
  records: CommandRecord[];
  /** Label for the commands issued from now on (e.g. before / during / after the fault). */
  phase: string;
  /** Resolves once at least `count` more commands got an answer. */
  answered(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<CommandRecord[]>;
}

const LOAD_LIMITS = { maxMs: 120_000, maxCommands: 4_000 };

/** `workers` concurrent clients, each issuing one command after another until stopped (or the limits are reached). */
export function startCommandLoad(client: FaultClient, bodyId: string, tag: string, workers = 4, pauseMs = 5): CommandLoad {
  let stopped = false;
  const deadline = Date.now() + LOAD_LIMITS.maxMs;
  const answeredCount = () => load.records.filter((r) => r.status !== undefined).length;
  const load: CommandLoad = {
    records: [],
    phase: 'before',
    answered: async (count, timeoutMs = 60_000) => {
      const target = answeredCount() + count;
      const until = Date.now() + timeoutMs;
      while (answeredCount() < target) {
        if (Date.now() > until || stopped) throw new Error(`the load got fewer than ${count} answers within ${timeoutMs} ms`);
        await sleep(20);
      }
    },
    stop: async () => {
      stopped = true;
      await Promise.all(running);
      return load.records;
    },
  };
  const running = Array.from({ length: workers }, async (_, worker) => {
    for (let n = 0; !stopped; n++) {
      if (Date.now() > deadline || load.records.length >= LOAD_LIMITS.maxCommands) stopped = true;
      else {
        const record = await client.issue(nextCommand(bodyId, tag, worker, n, load.phase));
        load.records.push(record);
        // Nobody listening, or asked to come back later: do not spin.
        await sleep(isSuccess(record) ? pauseMs : 100);
      }
    }
  });
  return load;
}

/** The event store's command id for an Idempotency-Key of the admin (as apps/api/src/idempotency derives it). */
export function commandIdFor(key: string, sub = ADMIN_SUB): string {
  return `idem-${createHash('sha256').update(`${sub}\n${key}`, 'utf8').digest('hex').slice(0, 48)}`;
}

export const isSuccess = (record: CommandRecord): boolean => record.status !== undefined && record.status >= 200 && record.status < 300;

/**
 * Sends the command again with its key, as a client does after losing the answer: waits out answers
 * that ask to retry later (409 CONFLICT while the key's first request is still claimed, 503) and failed connections.
 */
export async function resend(client: FaultClient, record: CommandRecord, timeoutMs = 90_000): Promise<CommandRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const again = await client.issue(record);
    const retryLater = again.status === undefined || again.status === 503 || (again.status === 409 && again.answer?.code === 'CONFLICT');
    if (!retryLater || Date.now() > deadline) return again;
    await sleep(250);
  }
}
