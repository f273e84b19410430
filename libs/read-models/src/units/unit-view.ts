import type { UnitView } from '@reorg/domain';
import type { UnitVersionRow } from './unit-read-model.entities';

export type { UnitView };

export function toUnitView(row: UnitVersionRow): UnitView {
  return {
    unitId: row.unitId,
    code: row.code,
    name: row.name,
    system: row.system,
    governingBodyId: row.governingBodyId,
    level: row.level,
    sector: row.sector,
    autonomyGroup: row.autonomyGroup,
    staffingQuota: row.staffingQuota,
    ...(row.basicEssentialService === null ? {} : { basicEssentialService: row.basicEssentialService }),
    status: row.status,
    establishedOn: row.establishedOn,
    ...(row.endedOn ? { endedOn: row.endedOn } : {}),
    validFrom: row.validFrom,
    version: row.version,
  };
}


/** Columns of a UnitView, selected raw (alias `u`) so that large results skip entity hydration. */
export const UNIT_VIEW_COLUMNS = {
  unitId: 'unit_id', code: 'code', name: 'name', system: 'system', governingBodyId: 'governing_body_id', level: 'level', sector: 'sector',
  autonomyGroup: 'autonomy_group', staffingQuota: 'staffing_quota', basicEssentialService: 'basic_essential_service', status: 'status',
  establishedOn: 'established_on', endedOn: 'ended_on', validFrom: 'valid_from', version: 'version',
} as const;

export type RawUnitView = Record<keyof typeof UNIT_VIEW_COLUMNS, string | number | boolean | null>;

/** A raw row of UNIT_VIEW_COLUMNS as toUnitView shapes an entity (SQLite answers booleans as 0/1). */
export function rawToUnitView(raw: RawUnitView): UnitView {
  return {
    unitId: String(raw.unitId),
    code: String(raw.code),
    name: String(raw.name),
    system: String(raw.system),
    governingBodyId: String(raw.governingBodyId),
    level: String(raw.level),
    sector: String(raw.sector),
    autonomyGroup: String(raw.autonomyGroup),
    staffingQuota: Number(raw.staffingQuota),
    ...(raw.basicEssentialService === null ? {} : { basicEssentialService: Boolean(raw.basicEssentialService) }),
    status: String(raw.status),
    establishedOn: String(raw.establishedOn),
    ...(raw.endedOn ? { endedOn: String(raw.endedOn) } : {}),
    validFrom: String(raw.validFrom),
    version: Number(raw.version),
  };
}
