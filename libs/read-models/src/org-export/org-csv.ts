import { stringify } from 'csv-stringify/sync';
import { registerCsvOptions } from '../csv-options';
import { type ChangeEvent, type OrgExport, changesByUnit } from './org-export';

export const ORG_CSV_COLUMNS = [
  'unitId', 'code', 'name', 'system', 'governingBodyId', 'governingBodyCode', 'governingBodyName', 'level', 'sector', 'autonomyGroup',
  'staffingQuota', 'basicEssentialService', 'status', 'establishedOn', 'endedOn', 'establishedBy', 'establishedByDecision',
  'endedBy', 'endedByDecision', 'predecessorCodes', 'successorCodes',
] as const;

type Row = Partial<Record<(typeof ORG_CSV_COLUMNS)[number], string | number | boolean>>;

/** The event that created the unit (it is only on the resulting side) or ended it (only on the original side). */
const creation = (unitId: string, events: ChangeEvent[]) => events.find((e) => !e.originalUnitIds.includes(unitId));
const ending = (unitId: string, events: ChangeEvent[]) => events.find((e) => !e.resultingUnitIds.includes(unitId));

/**
 * One row per unit of the export (ended ones too), RFC 4180 (CRLF), UTF-8 with a BOM. Lineage as in
 * GET /units/{id}/lineage: predecessors and successors across the structural operations, by code,
 * separated by `;`.
 */
export function orgCsv(data: OrgExport): string {
  const changes = changesByUnit(data.changeEvents);
  const bodies = new Map(data.bodies.map((b) => [b.id, b]));
  const codes = new Map(data.units.map((u) => [u.unitId, u.code]));
  const others = (unitId: string, events: ChangeEvent[], side: (e: ChangeEvent) => string[]) =>
    [...new Set(events.flatMap(side).filter((id) => id !== unitId))].map((id) => codes.get(id) ?? id).sort().join(';');
  const rows = data.units.map((unit): Row => {
    const { resultedFrom = [], changedBy = [] } = changes.get(unit.unitId) ?? {};
    const created = creation(unit.unitId, resultedFrom);
    const ended = ending(unit.unitId, changedBy);
    return {
      ...unit,
      governingBodyCode: bodies.get(unit.governingBodyId)?.code,
      governingBodyName: bodies.get(unit.governingBodyId)?.name,
      establishedBy: created?.operation,
      establishedByDecision: created?.decision.number,
      endedBy: ended?.operation,
      endedByDecision: ended?.decision.number,
      predecessorCodes: others(unit.unitId, resultedFrom, (e) => e.originalUnitIds),
      successorCodes: others(unit.unitId, changedBy, (e) => e.resultingUnitIds),
    };
  });
  return stringify(rows, registerCsvOptions(ORG_CSV_COLUMNS));
}
