import { AppConfig } from '@reorg/config';
import { ProjectionRunner } from '@reorg/projections';
import { PATIENCE_MS } from '@reorg/testing';
import { ApiProcess } from '../execution/api-process';
import { type AppOnStore, type StoreKind, startAppOnStore } from '../support/store-backends';
import { TEST_DEV_SECRET } from '../support/test-app';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  body: T;
}

export const ISSUER = 'Ủy ban nhân dân tỉnh Phú Yên';

/**
 * The real app on a store, optionally with a second api process on the same PostgreSQL schema,
 * seeded with one governing body (SYT) and units H1..H4. Every answer is kept, so that a test can
 * say no 5xx was seen.
 */
export class RaceBed {
  readonly answers: Answer[] = [];
  private readonly tokens = new Map<string, string>();

  private constructor(
    readonly app: AppOnStore,
    readonly urls: string[],
    private readonly child: ApiProcess | undefined,
    readonly bodyId: string,
    readonly units: Record<string, string>,
  ) {}

  static async start(kind: StoreKind, options: { secondProcess?: boolean } = {}): Promise<RaceBed> {
    const app = await startAppOnStore(kind, { RATE_LIMIT_ENABLED: 'false' }, 'race');
    let child: ApiProcess | undefined;
    try {
      if (options.secondProcess) {
        if (kind !== 'postgres') throw new Error('a second process shares only a PostgreSQL store');
        child = await ApiProcess.start({ ...app.storeEnv, DEV_TOKEN_SECRET: TEST_DEV_SECRET, RATE_LIMIT_ENABLED: 'false' });
      }
      const urls = child ? [app.url, child.url] : [app.url];
      const seeding = new RaceBed(app, urls, child, '', {});
      const bodyId = (await seeding.expect<{ id: string }>(seeding.call('admin', 'POST', '/api/v1/governing-bodies', { code: 'SYT', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' }), 201)).id;
      const row = (code: string) => ({ code, name: `Đơn vị ${code}`, governingBodyCode: 'SYT', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 40 });
      const imported = await seeding.expect<{ units: { code: string; unitId: string }[] }>(
        seeding.call('admin', 'POST', '/api/v1/units/import', { asOf: '2017-12-31', units: ['H1', 'H2', 'H3', 'H4'].map(row) }),
        201,
      );
      seeding.answers.length = 0;
      return new RaceBed(app, urls, child, bodyId, Object.fromEntries(imported.units.map((u) => [u.code, u.unitId])));
    } catch (error) {
      await child?.kill();
      await app.close();
      throw error;
    }
  }

  /** The read-model database of the in-process app (for a rebuild). */
  get readModels(): AppConfig['readModels'] {
    return this.app.running.app.get(AppConfig).readModels;
  }

  /** Waits until the in-process read models hold every event in the log (writes through another process reach them asynchronously). */
  async caughtUp(): Promise<void> {
    const head = await this.app.store.latestPosition();
    if (!(await this.app.running.app.get(ProjectionRunner).waitUntil(head, PATIENCE_MS))) throw new Error(`read models did not reach position ${head}`);
  }

  async close(): Promise<void> {
    await this.child?.kill();
    await this.app.close();
  }

  /** A dev token for a user (`proposer` acts for SYT); cached per user. */
  async token(user: 'admin' | 'proposer'): Promise<string> {
    const cached = this.tokens.get(user);
    if (cached) return cached;
    const claims = user === 'admin' ? { sub: 'admin-1', roles: ['admin'] } : { sub: 'proposer-1', roles: ['proposer'], governingBodyIds: [this.bodyId] };
    const response = await fetch(`${this.urls[0]}/api/v1/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claims) });
    if (response.status !== 201) throw new Error(`dev token: ${response.status} ${await response.text()}`);
    const { accessToken } = (await response.json()) as { accessToken: string };
    this.tokens.set(user, accessToken);
    return accessToken;
  }

  /** A request through process `via` (0: in-process; 1: the second process, when there is one). */
  async call<T = Record<string, unknown>>(user: 'admin' | 'proposer', method: string, path: string, body?: unknown, headers: Record<string, string> = {}, via = 0): Promise<Answer<T>> {
    const response = await fetch(`${this.urls[via % this.urls.length]}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.token(user)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const answer = { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : {}) as T };
    this.answers.push(answer as Answer);
    return answer;
  }

  async expect<T>(pending: Promise<Answer<T>>, status: number): Promise<T> {
    const answer = await pending;
    if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Statuses of 500 and above among every answer so far. */
  serverErrors(): Answer[] {
    return this.answers.filter((answer) => answer.status >= 500);
  }
}

export function backFilled(number: string, effectiveDate: string, operations: unknown[]) {
  return { decisions: [{ number, date: effectiveDate, effectiveDate, signer: 'Nguyễn Văn A', issuer: ISSUER, operations }] };
}
