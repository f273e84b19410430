import { OPERATION_TYPES, SECTORS } from '@reorg/domain';
import { v5 as nameBasedUuid } from 'uuid';
import type { ChangeEvent, StructuralOperation } from './org-export';

/** The register's own terms (ADR 0010): change-event classes, the decision and its fields. */
export const REORG_VOCAB = 'https://w3id.org/reorg/vocab#';
/** The sector code list as a SKOS concept scheme; a concept is `<scheme>/<code>`. */
export const SECTOR_SCHEME = 'https://w3id.org/reorg/sector';

/** Namespace of the name-based (v5) UUIDs that identify decisions and change events across exports. */
const EXPORT_ID_NAMESPACE = 'c203ecec-e23f-4119-b9f1-147772376bfb';

export const CHANGE_EVENT_CLASSES: Record<StructuralOperation, string> = {
  ESTABLISH: 'Establishment',
  CONSOLIDATE: 'Consolidation',
  ABSORB: 'Absorption',
  DIVIDE: 'Division',
  SEPARATE: 'Separation',
  DISSOLVE: 'Dissolution',
};

const typed = (type: string) => ({ '@type': type });
const references = { '@type': '@id', '@container': '@set' };

/** Inline, so that a consumer never fetches a remote context. */
export const ORG_EXPORT_CONTEXT = {
  org: 'http://www.w3.org/ns/org#',
  prov: 'http://www.w3.org/ns/prov#',
  dct: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  reorg: REORG_VOCAB,
  sector: `${SECTOR_SCHEME}/`,
  'org:subOrganizationOf': typed('@id'),
  'org:classification': typed('@id'),
  'org:originalOrganization': references,
  'org:resultingOrganization': references,
  'org:changedBy': references,
  'org:resultedFrom': references,
  'dct:source': typed('@id'),
  'skos:inScheme': typed('@id'),
  'rdfs:subClassOf': typed('@id'),
  'rdfs:domain': typed('@id'),
  'prov:startedAtTime': typed('xsd:dateTime'),
  'prov:generatedAtTime': typed('xsd:dateTime'),
  'prov:invalidatedAtTime': typed('xsd:dateTime'),
  'dct:date': typed('xsd:date'),
  'dct:issued': typed('xsd:date'),
  'reorg:effectiveDate': typed('xsd:date'),
  'skos:prefLabel': { '@language': 'vi' },
  'skos:altLabel': { '@language': 'vi', '@container': '@set' },
} as const;

export const organizationIri = (id: string): string => `urn:uuid:${id}`;
export const decisionIri = (decisionKey: string): string => `urn:uuid:${nameBasedUuid(`decision|${decisionKey}`, EXPORT_ID_NAMESPACE)}`;
export const changeEventIri = (event: ChangeEvent): string => `urn:uuid:${nameBasedUuid(`change|${event.decision.key}#${event.operationIndex}`, EXPORT_ID_NAMESPACE)}`;
export const sectorIri = (code: string): string => `sector:${code}`;

const labels = (en: string, vi: string) => [
  { '@value': en, '@language': 'en' },
  { '@value': vi, '@language': 'vi' },
];

/** The register's terms, declared in every export so that it is self-describing. */
export function vocabularyNodes(): object[] {
  const events = Object.entries(CHANGE_EVENT_CLASSES).map(([code, name]) => {
    const type = OPERATION_TYPES.find((t) => t.code === code)!;
    return { '@id': `reorg:${name}`, '@type': 'rdfs:Class', 'rdfs:subClassOf': 'org:ChangeEvent', 'rdfs:label': labels(type.name_en, type.name_vi), 'skos:notation': code };
  });
  const property = (name: string, en: string, vi: string) => ({ '@id': `reorg:${name}`, '@type': 'rdf:Property', 'rdfs:domain': 'reorg:Decision', 'rdfs:label': labels(en, vi) });
  return [
    ...events,
    { '@id': 'reorg:Decision', '@type': 'rdfs:Class', 'rdfs:subClassOf': 'prov:Entity', 'rdfs:label': labels('Decision', 'Quyết định') },
    property('effectiveDate', 'effective date', 'ngày có hiệu lực'),
    property('issuer', 'issuer', 'cơ quan ban hành'),
    property('signer', 'signer', 'người ký'),
  ];
}

/** The sector code list; codes a province added outside it are labelled by their code. */
export function sectorNodes(codes: Iterable<string>): object[] {
  const scheme = { '@id': SECTOR_SCHEME, '@type': 'skos:ConceptScheme', 'skos:prefLabel': labels('Sectors', 'Lĩnh vực') };
  const known = new Map<string, { name_en: string; name_vi: string }>(SECTORS.map((s) => [s.code, s]));
  const concepts = [...new Set([...known.keys(), ...codes])].map((code) => ({
    '@id': sectorIri(code),
    '@type': 'skos:Concept',
    'skos:inScheme': SECTOR_SCHEME,
    'skos:notation': code,
    'skos:prefLabel': labels(known.get(code)?.name_en ?? code, known.get(code)?.name_vi ?? code),
  }));
  return [scheme, ...concepts];
}
