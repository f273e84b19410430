import type { RegisterClient } from './register-client';

export interface Body {
  id: string;
  code: string;
}

let sequence = 0;
/** Codes unique within a test file (each file starts its own app). */
export const uniqueCode = (prefix: string) => `${prefix}-${++sequence}`;

export async function registerBody(client: RegisterClient, overrides: Record<string, unknown> = {}): Promise<Body> {
  return client.ok<Body>('/api/v1/governing-bodies', { code: uniqueCode('SYT'), name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE', ...overrides });
}

export function unitRow(body: Body, overrides: Record<string, unknown> = {}) {
  return { code: uniqueCode('U'), name: 'Bệnh viện Đa khoa tỉnh', governingBodyId: body.id, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 40, ...overrides };
}

/** Imports baseline units as of 2017-12-31 and returns unitId by code. */
export async function importUnits(client: RegisterClient, rows: Record<string, unknown>[], asOf = '2017-12-31'): Promise<Map<string, string>> {
  const result = await client.ok<{ units: { code: string; unitId: string }[] }>('/api/v1/units/import', { asOf, units: rows });
  return new Map(result.units.map((u) => [u.code, u.unitId]));
}

export function decision(number: string, effectiveDate: string, operations: unknown[], issuer = 'Ủy ban nhân dân tỉnh Phú Yên') {
  return { number, date: effectiveDate, effectiveDate, signer: 'Nguyễn Văn A', issuer, operations };
}
