import fc from 'fast-check';
import type { Fixtures } from './hostile-bed';
import { BLANKS, hostileString, hugeString, invalidToken, nonString, notACount } from './hostile-values';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];
type Kind = 'text' | 'id' | 'date' | 'count' | 'array' | 'object';

interface Node {
  path: Path;
  kind: Kind;
  /** An object property (deleting it leaves a required field missing). */
  property: boolean;
}

/**
 * A valid body per route, holding required fields only: every mutation below then makes it invalid
 * (all request schemas are strict objects, so an unknown field is refused too).
 */
export function validTemplates(f: Fixtures): Record<string, Json> {
  const decision = { number: '9/QĐ-UBND', date: '2024-01-01' };
  const proposal = {
    title: 'Đổi tên đơn vị',
    rationale: 'Theo Nghị quyết 19-NQ/TW',
    governingBodyId: f.bodies.health,
    proposedEffectiveDate: '2024-07-01',
    operations: [{ type: 'RENAME', unitId: f.units.h1, newName: 'Bệnh viện Tỉnh' }],
  };
  return {
    'POST /api/v1/auth/dev-token': { sub: 'fuzz', roles: ['admin'] },
    'POST /api/v1/governing-bodies': { code: 'FZ', name: 'Sở Thử nghiệm', system: 'GOVERNMENT', level: 'PROVINCE' },
    'POST /api/v1/governing-bodies/{id}/rename': { name: 'Sở Y tế và Dân số', effectiveDate: '2024-01-01', decision },
    'POST /api/v1/governing-bodies/{id}/abolish': { effectiveDate: '2024-01-01', decision, transferUnitsTo: f.bodies.education },
    'POST /api/v1/units/import': {
      asOf: '2017-12-31',
      units: [{ code: 'FZ1', name: 'Trạm Y tế', governingBodyCode: 'SYT', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 10 }],
    },
    'POST /api/v1/decisions/import': {
      decisions: [{ number: '9/QĐ-UBND', date: '2024-01-01', effectiveDate: '2024-01-01', signer: 'Nguyễn Văn A', issuer: 'UBND tỉnh', operations: [{ type: 'CHANGE_STAFFING_QUOTA', unitId: f.units.h1, staffingQuota: 30 }] }],
    },
    'POST /api/v1/provinces/{province}/merge': { effectiveDate: '2025-07-01', decision: { number: '202/2025/QH15', date: '2025-06-12', issuer: 'Quốc hội' } },
    'POST /api/v1/decisions/{number}/annul': { issuer: 'UBND tỉnh', reason: 'Ban hành sai', annulledBy: { number: '10/QĐ-UBND', date: '2024-01-01' } },
    'POST /api/v1/proposals': proposal,
    'PUT /api/v1/proposals/{id}': proposal,
    'POST /api/v1/proposals/{id}/withdraw': { reason: 'Chờ chủ trương mới' },
    'POST /api/v1/proposals/{id}/steps/{stepId}/decision': { outcome: 'APPROVE', dossierVersion: 1 },
  };
}

/**
 * Further valid bodies for a route (same rule: required fields only), so that each variant of a
 * discriminated body is attacked too: a decision that only restructures governing bodies.
 */
export function alternativeTemplates(f: Fixtures): Record<string, Json[]> {
  const decision = { number: '11/QĐ-UBND', date: '2025-03-01', effectiveDate: '2025-03-01', signer: 'Nguyễn Văn A', issuer: 'UBND tỉnh' };
  return {
    'POST /api/v1/decisions/import': [
      { decisions: [{ ...decision, bodyOperations: [{ type: 'SPLIT_BODY', bodyId: f.bodies.health, unitDestinations: [{ unitId: f.units.h1, toBodyId: f.bodies.education }] }] }] },
      { decisions: [{ ...decision, bodyOperations: [{ type: 'MERGE_BODIES', sourceBodyIds: [f.bodies.health], successorBodyId: f.bodies.education }, { type: 'RENAME_BODY', bodyId: f.bodies.education, newName: 'Sở Y tế và Giáo dục' }] }] },
    ],
  };
}

/** Optional fields of the request schemas: adding one is not an "unknown field". */
const KNOWN_OPTIONAL = new Set([
  'name', 'parentId', 'issuer', 'signer', 'system', 'governingBodyId', 'governingBodyCode', 'governingBodyIds', 'basicEssentialService', 'establishedOn',
  'unitId', 'unitCode', 'targetUnitCode', 'sourceUnitCode', 'sourceUnitCodes', 'staffingQuotaAfter', 'autonomyGroupAfter', 'comment', 'decision',
  // decisions that restructure governing bodies, a province merger, an abolition with several destinations
  'operations', 'bodyOperations', 'bodyId', 'bodyCode', 'sourceBodyIds', 'sourceBodyCodes', 'successorBodyId', 'successorBodyCode', 'defaultBodyId', 'defaultBodyCode',
  'unitDestinations', 'toBodyId', 'toBodyCode', 'bodyContinues', 'transferUnitsTo', 'transferUnitsToId', 'transferUnitsToCode', 'province', 'territory',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function kindOf(value: Json): Kind {
  if (Array.isArray(value)) return 'array';
  if (value !== null && typeof value === 'object') return 'object';
  if (typeof value === 'number') return 'count';
  if (typeof value === 'string' && UUID.test(value)) return 'id';
  if (typeof value === 'string' && DATE.test(value)) return 'date';
  return 'text';
}

function nodesOf(value: Json, path: Path = []): Node[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [{ path: [...path, i], kind: kindOf(item), property: false }, ...nodesOf(item, [...path, i])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [{ path: [...path, key], kind: kindOf(item), property: true }, ...nodesOf(item, [...path, key])]);
  }
  return [];
}

/** The containers (root included) at which an unknown field can be added. */
const objectPaths = (template: Json): Path[] => [[], ...nodesOf(template).filter((n) => n.kind === 'object').map((n) => n.path)];

function at(root: Json, path: Path): Json {
  return path.reduce<Json>((value, key) => (value as Record<string | number, Json>)[key], root);
}

/** Sets (or with `undefined` deletes) a field; defineProperty so that a key named __proto__ is an own field. */
function withValue(root: Json, path: Path, value: unknown): Json {
  const copy = structuredClone(root);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1];
  if (value === undefined) delete parent[key];
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A value the schema refuses for a field of this kind. */
function invalidFor(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'text':
      return fc.oneof(nonString, fc.constantFrom(...BLANKS), hugeString);
    case 'id':
    case 'date':
      return fc.oneof(nonString, invalidToken, hugeString);
    case 'count':
      return notACount;
    case 'array':
      return fc.oneof(fc.constantFrom('', 'x', 0, true, null, {}), fc.constant([]), fc.array(invalidToken, { minLength: 1, maxLength: 3 }));
    case 'object':
      return fc.constantFrom('', 'x', 0, true, null, [], [{}]);
  }
}

const unknownKey = fc
  .oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', 'extra', 'isAdmin', 'role', "x' OR 1=1"), fc.string({ minLength: 1, maxLength: 20 }))
  .filter((key) => !KNOWN_OPTIONAL.has(key));

/** Valid-looking content in other fields: hostile text where text goes, unknown ids where ids go. */
function decorated(template: Json): fc.Arbitrary<Json> {
  const targets = nodesOf(template).filter((n) => n.kind === 'text' || n.kind === 'id');
  if (targets.length === 0) return fc.constant(template);
  const decoration = fc.nat({ max: targets.length - 1 }).chain((i) => fc.tuple(fc.constant(targets[i]), targets[i].kind === 'id' ? fc.uuid() : hostileString));
  return fc.array(decoration, { maxLength: 3 }).map((changes) => changes.reduce<Json>((body, [node, value]) => withValue(body, node.path, value), template));
}

/** The template with hostile content and at least one change that makes it invalid. */
export function invalidBody(template: Json): fc.Arbitrary<Json> {
  const nodes = nodesOf(template);
  const properties = nodes.filter((n) => n.property);
  const containers = objectPaths(template);
  const wrongValue = fc.nat({ max: nodes.length - 1 }).chain((i) => fc.tuple(fc.constant(nodes[i].path), invalidFor(nodes[i].kind)));
  const missing = fc.nat({ max: properties.length - 1 }).map((i): [Path, unknown] => [properties[i].path, undefined]);
  const extra = fc.tuple(fc.constantFrom(...containers), unknownKey, fc.jsonValue({ maxDepth: 3 })).map(([path, key, value]): [Path, unknown] => [[...path, key], value]);
  return fc
    .tuple(decorated(template), fc.oneof({ arbitrary: wrongValue, weight: 3 }, { arbitrary: missing, weight: 1 }, { arbitrary: extra, weight: 1 }))
    .map(([body, [path, value]]) => withValue(body, path, value));
}

/**
 * A well-formed body, hostile text included, whose every id names nothing: refused because what it
 * refers to does not exist (so the hostile text travels past validation into the store's queries).
 * Undefined when the template refers to nothing by id.
 */
export function bodyWithUnknownIds(template: Json): fc.Arbitrary<Json> | undefined {
  const ids = nodesOf(template).filter((n) => n.kind === 'id');
  if (ids.length === 0) return undefined;
  return fc
    .tuple(decorated(template), fc.array(fc.uuid(), { minLength: ids.length, maxLength: ids.length }))
    .map(([body, uuids]) => ids.reduce<Json>((result, node, i) => withValue(result, node.path, uuids[i]), body));
}
