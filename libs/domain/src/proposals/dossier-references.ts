import type { IsoDate } from '../shared/calendar';
import { DomainRefusal, type Violation } from '../shared/violations';
import { type Operation, newUnitsOf, unitReferences } from '../register/operations';
import { type RegisterView, codeKey } from '../register/register-view';
import type { Actor, DossierContent } from './proposal';

interface BodyReference {
  bodyId: string;
  path: string;
  operationIndex?: number;
}

function bodyReferencesWithPaths(operation: Operation, index: number): BodyReference[] {
  const at = (field: string, bodyId: string): BodyReference => ({ bodyId, path: `operations[${index}].${field}`, operationIndex: index });
  switch (operation.type) {
    case 'ESTABLISH':
      return [at('unit.governingBodyId', operation.unit.governingBodyId)];
    case 'CONSOLIDATE':
    case 'SEPARATE':
      return [at('newUnit.governingBodyId', operation.newUnit.governingBodyId)];
    case 'DIVIDE':
      return operation.newUnits.map((unit, k) => at(`newUnits[${k}].governingBodyId`, unit.governingBodyId));
    case 'TRANSFER':
      return [at('toGoverningBodyId', operation.toGoverningBodyId)];
    default:
      return [];
  }
}

/** The governing body a named unit is under on the proposal's date (or last, if it does not exist then). */
function bodyOfUnit(register: RegisterView, unitId: string, date: IsoDate): string | undefined {
  const timeline = register.unit(unitId);
  if (!timeline?.exists) return undefined;
  return (timeline.asOf(date) ?? timeline.latest())?.attributes.governingBodyId;
}

/**
 * A proposer names only what exists and what is theirs: every unit and governing body the dossier
 * names must exist (else NOT_FOUND) and be under the bodies the actor acts for (else FORBIDDEN),
 * including the proposal's own body and a TRANSFER's target. A code may name a unit that an
 * earlier operation of the same dossier creates. Whether the operations can apply is checked at
 * submission, by the register's rules.
 */
export function dossierReferenceRefusal(content: DossierContent, register: RegisterView, actor: Actor): DomainRefusal | undefined {
  const missing: Violation[] = [];
  const foreign: Violation[] = [];
  const allowed = new Set(actor.governingBodyIds);
  const checkBody = ({ bodyId, path, operationIndex }: BodyReference) => {
    const where = operationIndex === undefined ? {} : { operationIndex };
    if (!register.body(bodyId)?.exists) missing.push({ code: 'UNKNOWN_GOVERNING_BODY', detail: `no governing body ${bodyId}`, params: { body: bodyId }, path, ...where });
    else if (!allowed.has(bodyId)) foreign.push({ code: 'GOVERNING_BODY_NOT_ALLOWED', detail: `you do not act for governing body ${bodyId}`, params: { body: bodyId }, path, ...where });
  };

  checkBody({ bodyId: content.governingBodyId, path: 'governingBodyId' });
  const createdCodes = new Set<string>();
  content.operations.forEach((operation, index) => {
    for (const ref of unitReferences(operation)) {
      const path = `operations[${index}].${ref.field}`;
      const unitId = ref.id ?? (ref.code === undefined ? undefined : register.unitIdByCode(ref.code));
      if (!unitId && ref.code !== undefined && createdCodes.has(codeKey(ref.code))) continue;
      const bodyId = unitId === undefined ? undefined : bodyOfUnit(register, unitId, content.proposedEffectiveDate);
      if (bodyId === undefined) missing.push({ code: 'UNKNOWN_UNIT', detail: `no unit ${ref.id ?? ref.code}`, params: { unit: ref.id ?? ref.code ?? '' }, variant: 'draft', path, operationIndex: index });
      else if (!allowed.has(bodyId)) foreign.push({
          code: 'UNIT_NOT_ALLOWED',
          detail: `unit ${ref.id ?? ref.code} is under governing body ${bodyId}, which you do not act for`,
          params: { unit: ref.id ?? ref.code ?? '', body: bodyId },
          path,
          operationIndex: index,
        });
    }
    bodyReferencesWithPaths(operation, index).forEach(checkBody);
    for (const unit of newUnitsOf(operation)) createdCodes.add(codeKey(unit.code));
  });

  if (missing.length > 0) return new DomainRefusal('NOT_FOUND', missing);
  if (foreign.length > 0) return new DomainRefusal('FORBIDDEN', foreign);
  return undefined;
}
