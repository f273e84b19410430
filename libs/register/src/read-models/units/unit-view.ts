import type { IsoDate } from '@reorg/domain';
import type { UnitVersionRow } from './unit-read-model.entities';

/** A unit as API.md shapes it. */
export interface UnitView {
  unitId: string;
  code: string;
  name: string;
  system: string;
  governingBodyId: string;
  level: string;
  sector: string;
  autonomyGroup: string;
  staffingQuota: number;
  basicEssentialService?: boolean;
  status: string;
  establishedOn: IsoDate;
  endedOn?: IsoDate;
  validFrom: IsoDate;
  version: number;
}

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

