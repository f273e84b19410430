import type { IsoDate } from '@reorg/domain';
import type { ExportBody, ExportUnit, NamePeriod, OrgExport } from './org-export';

/** A Popolo organization (https://www.popoloproject.com/specs/organization.html), with only the fields the register knows. */
export interface PopoloOrganization {
  id: string;
  name: string;
  classification: string;
  identifiers: { scheme: string; identifier: string }[];
  other_names: { name: string; start_date?: IsoDate; end_date?: IsoDate }[];
  founding_date?: IsoDate;
  dissolution_date?: IsoDate;
  parent_id?: string;
}

/** Classification of governing bodies; units are classified by their sector code. */
export const POPOLO_BODY_CLASSIFICATION = 'GOVERNING_BODY';
export const POPOLO_CODE_SCHEME = 'reorg:code';

/** Former names with the dates they were adopted and abandoned (the effective date of the next name). */
function otherNames(names: NamePeriod[]): PopoloOrganization['other_names'] {
  return names.slice(0, -1).map((n) => ({ name: n.name, ...(n.from ? { start_date: n.from } : {}), ...(n.until ? { end_date: n.until } : {}) }));
}

function bodyOrganization(body: ExportBody): PopoloOrganization {
  return {
    id: body.id,
    name: body.name,
    classification: POPOLO_BODY_CLASSIFICATION,
    identifiers: [{ scheme: POPOLO_CODE_SCHEME, identifier: body.code }],
    other_names: otherNames(body.names),
    ...(body.abolishedOn ? { dissolution_date: body.abolishedOn } : {}),
    ...(body.parentId ? { parent_id: body.parentId } : {}),
  };
}

function unitOrganization(unit: ExportUnit): PopoloOrganization {
  return {
    id: unit.unitId,
    name: unit.name,
    classification: unit.sector,
    identifiers: [{ scheme: POPOLO_CODE_SCHEME, identifier: unit.code }],
    other_names: otherNames(unit.names),
    founding_date: unit.establishedOn,
    ...(unit.endedOn ? { dissolution_date: unit.endedOn } : {}),
    parent_id: unit.governingBodyId,
  };
}

/** Popolo JSON: governing bodies, then units (ended ones with their dissolution_date), each by code. */
export function orgPopolo(data: OrgExport): { organizations: PopoloOrganization[] } {
  return { organizations: [...data.bodies.map(bodyOrganization), ...data.units.map(unitOrganization)] };
}
