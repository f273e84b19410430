import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { startTestApp, type RunningApp } from '../support/test-app';
import { bearer } from '../support/tokens';

export interface Bed {
  running: RunningApp;
  url: string;
  admin: string;
  bodies: { health: string; education: string; party: string };
  units: { h1: string; h2: string; e1: string };
  /** Highest position in the global log: unchanged after a refused request. */
  head(): Promise<number>;
  token(sub: string, roles: string[], governingBodyIds?: string[]): Promise<string>;
  call(token: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/**
 * The real app on SQLite in a temp folder, with three governing bodies and units H1, H2 (Health)
 * and E1 (Education). `env` may point the app at files of an earlier run (then `seed` is false).
 */
export async function startProposalsBed(env: Record<string, string> = {}, seed = true): Promise<Bed> {
  const running = await startTestApp(env);
  const url = running.url;
  const store = running.app.get<symbol, EventStore>(EVENT_STORE);
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
  const admin = await token('admin', ['admin']);
  const base = { running, url, admin, head: () => store.latestPosition(), token, call, close: () => running.close() };
  if (!seed) return { ...base, bodies: { health: '', education: '', party: '' }, units: { h1: '', h2: '', e1: '' } };
  const body = async (code: string, name: string, system: string) =>
    (await json<{ id: string }>(await call(admin, 'POST', '/api/v1/governing-bodies', { code, name, system, level: 'PROVINCE' }), 201)).id;
  const bodies = { health: await body('SYT', 'Sở Y tế', 'GOVERNMENT'), education: await body('SGDDT', 'Sở Giáo dục và Đào tạo', 'GOVERNMENT'), party: await body('TU', 'Tỉnh ủy', 'PARTY_MASS') };
  const unit = (code: string, name: string, governingBodyCode: string) => ({ code, name, governingBodyCode, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 40 });
  const imported = await json<{ units: { code: string; unitId: string }[] }>(
    await call(admin, 'POST', '/api/v1/units/import', {
      asOf: '2017-12-31',
      units: [unit('H1', 'Bệnh viện Đa khoa tỉnh', 'SYT'), unit('H2', 'Trung tâm Y tế dự phòng', 'SYT'), unit('E1', 'Trường Cao đẳng Y tế', 'SGDDT')],
    }),
    201,
  );
  const idOf = (code: string) => imported.units.find((u) => u.code === code)!.unitId;
  return { ...base, bodies, units: { h1: idOf('H1'), h2: idOf('H2'), e1: idOf('E1') } };
}

export function absorbH2IntoH1(bed: Bed, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Sáp nhập Trung tâm Y tế dự phòng vào Bệnh viện Đa khoa tỉnh',
    rationale: 'Tinh gọn bộ máy theo Nghị quyết 19-NQ/TW',
    governingBodyId: bed.bodies.health,
    proposedEffectiveDate: '2024-07-01',
    operations: [{ type: 'ABSORB', targetUnitId: bed.units.h1, sourceUnitIds: [bed.units.h2] }],
    ...overrides,
  };
}
