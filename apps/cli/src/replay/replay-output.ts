import { registerCsvOptions } from '@reorg/read-models/csv-options';
import { stringify } from 'csv-stringify/sync';
import type { ReplayedRegister } from './register-replay';
import type { ReplayFormat } from './replay-options';

/** The unit view's fields in the api's order, then the governing body as it stood on asOf (for spreadsheet readers). */
export const REPLAY_CSV_COLUMNS = [
  'unitId', 'code', 'name', 'system', 'governingBodyId', 'level', 'sector', 'autonomyGroup', 'staffingQuota', 'basicEssentialService',
  'status', 'establishedOn', 'endedOn', 'validFrom', 'version', 'governingBodyCode', 'governingBodyName',
] as const;

/** `{ asOf, knownAt, status, position, total, items, bodies }`; `items` are unit views as GET /api/v1/units answers them. */
export function replayJson(register: ReplayedRegister): string {
  const { asOf, knownAt, status, position, units, bodies } = register;
  return `${JSON.stringify({ asOf, knownAt, status, position, total: units.length, items: units, bodies }, null, 2)}\n`;
}

/** RFC 4180 (CRLF, quotes only where needed), UTF-8 with a BOM, formula-safe text; absent values are empty cells. */
export function replayCsv(register: ReplayedRegister): string {
  const bodies = new Map(register.bodies.map((body) => [body.id, body]));
  const rows = register.units.map((unit) => ({
    ...unit,
    governingBodyCode: bodies.get(unit.governingBodyId)?.code,
    governingBodyName: bodies.get(unit.governingBodyId)?.name,
  }));
  return stringify(rows, registerCsvOptions(REPLAY_CSV_COLUMNS));
}

export function formatReplay(register: ReplayedRegister, format: ReplayFormat): string {
  return format === 'csv' ? replayCsv(register) : replayJson(register);
}
