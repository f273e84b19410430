import type { IsoDate } from '@reorg/domain';
import { type ChangeEvent, type ExportBody, type ExportUnit, type NamePeriod, type OrgExport, type UnitChanges, changesByUnit } from './org-export';
import { CHANGE_EVENT_CLASSES, ORG_EXPORT_CONTEXT, changeEventIri, decisionIri, organizationIri, sectorIri, sectorNodes, vocabularyNodes } from './org-vocabulary';
import { startOfDay } from './province-time';

export interface JsonLdOptions {
  /** The province's IANA time zone: effective dates become instants at its midnight. */
  timeZone: string;
}

const formerNames = (names: NamePeriod[]) => names.slice(0, -1).map((n) => n.name).filter((name, i, all) => all.indexOf(name) === i);
const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
const nonEmpty = (key: string, values: string[]) => (values.length === 0 ? {} : { [key]: values });

function bodyNode(body: ExportBody, time: (date: IsoDate) => string): object {
  return {
    '@id': organizationIri(body.id),
    '@type': 'org:FormalOrganization',
    'skos:prefLabel': body.name,
    ...nonEmpty('skos:altLabel', formerNames(body.names).filter((name) => name !== body.name)),
    'org:identifier': body.code,
    ...optional('org:subOrganizationOf', body.parentId && organizationIri(body.parentId)),
    ...optional('prov:invalidatedAtTime', body.abolishedOn && time(body.abolishedOn)),
  };
}

function unitNode(unit: ExportUnit, changes: UnitChanges | undefined, time: (date: IsoDate) => string): object {
  return {
    '@id': organizationIri(unit.unitId),
    '@type': 'org:FormalOrganization',
    'skos:prefLabel': unit.name,
    ...nonEmpty('skos:altLabel', formerNames(unit.names).filter((name) => name !== unit.name)),
    'org:identifier': unit.code,
    'org:subOrganizationOf': organizationIri(unit.governingBodyId),
    'org:classification': sectorIri(unit.sector),
    'prov:generatedAtTime': time(unit.establishedOn),
    ...optional('prov:invalidatedAtTime', unit.endedOn && time(unit.endedOn)),
    ...nonEmpty('org:resultedFrom', (changes?.resultedFrom ?? []).map(changeEventIri)),
    ...nonEmpty('org:changedBy', (changes?.changedBy ?? []).map(changeEventIri)),
  };
}

function changeEventNode(event: ChangeEvent, time: (date: IsoDate) => string): object {
  return {
    '@id': changeEventIri(event),
    '@type': ['org:ChangeEvent', `reorg:${CHANGE_EVENT_CLASSES[event.operation]}`],
    'prov:startedAtTime': time(event.effectiveDate),
    'dct:date': event.effectiveDate,
    ...nonEmpty('org:originalOrganization', event.originalUnitIds.map(organizationIri)),
    ...nonEmpty('org:resultingOrganization', event.resultingUnitIds.map(organizationIri)),
    'dct:source': decisionIri(event.decision.key),
  };
}

function decisionNodes(events: ChangeEvent[]): object[] {
  const decisions = new Map(events.map((e) => [e.decision.key, e.decision]));
  return [...decisions.values()].map((d) => ({
    '@id': decisionIri(d.key),
    '@type': 'reorg:Decision',
    'dct:identifier': d.number,
    'dct:issued': d.date,
    'reorg:effectiveDate': d.effectiveDate,
    'reorg:issuer': d.issuer,
    'reorg:signer': d.signer,
  }));
}

/**
 * The register as JSON-LD with the W3C Organization Ontology (ADR 0010): bodies and units as
 * org:FormalOrganization under their governing body, sectors as SKOS concepts, one
 * org:ChangeEvent (of a reorg: subclass per operation) per structural operation with its decision
 * as dct:source. The context is inline; every IRI is absolute.
 */
export function orgJsonLd(data: OrgExport, options: JsonLdOptions): object {
  const time = (date: IsoDate) => startOfDay(date, options.timeZone);
  const changes = changesByUnit(data.changeEvents);
  return {
    '@context': ORG_EXPORT_CONTEXT,
    '@graph': [
      ...vocabularyNodes(),
      ...sectorNodes(data.units.map((u) => u.sector)),
      ...data.bodies.map((body) => bodyNode(body, time)),
      ...data.units.map((unit) => unitNode(unit, changes.get(unit.unitId), time)),
      ...decisionNodes(data.changeEvents),
      ...data.changeEvents.map((event) => changeEventNode(event, time)),
    ],
  };
}
