import type { IsoDate } from '../shared/calendar';
import type { UnitSnapshot } from './unit';

/** A unit as the API answers it, as it stood on `asOf` (docs/http-contract.md#effective-time-and-recorded-time). */
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

/** The unit view of a snapshot, field for field as the api answers (optional fields left out when absent). */
export function unitViewOf(snapshot: UnitSnapshot): UnitView {
  const a = snapshot.attributes;
  return {
    unitId: snapshot.unitId,
    code: a.code,
    name: a.name,
    system: a.system,
    governingBodyId: a.governingBodyId,
    level: a.level,
    sector: a.sector,
    autonomyGroup: a.autonomyGroup,
    staffingQuota: a.staffingQuota,
    ...(a.basicEssentialService === undefined ? {} : { basicEssentialService: a.basicEssentialService }),
    status: snapshot.status,
    establishedOn: snapshot.establishedOn,
    ...(snapshot.endedOn ? { endedOn: snapshot.endedOn } : {}),
    validFrom: snapshot.validFrom,
    version: snapshot.version,
  };
}
