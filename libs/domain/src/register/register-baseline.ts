import type { IsoDate } from '../shared/calendar';
import type { Violation } from '../shared/violations';
import type { NewUnit } from './operations';
import type { WorkingRegister } from './register-view';
import type { GoverningBodySnapshot } from './governing-body';
import { codeIsIdentifier, sectorValidOn, violation } from './rules';
import { codeKey } from './register-view';

export interface BaselineUnit extends NewUnit {
  establishedOn?: IsoDate;
}

/**
 * The baseline register: units accurate as of `asOf`, active from `establishedOn` (or `asOf`).
 * All or nothing; violations carry the row index in `path` (`units[i].field`).
 */
export function registerBaseline(
  register: WorkingRegister,
  asOf: IsoDate,
  units: BaselineUnit[],
  newId: () => string,
): { ok: true; value: { code: string; unitId: string }[] } | { ok: false; violations: (Violation & { row: number })[] } {
  const rollback = register.mark();
  const violations: (Violation & { row: number })[] = [];
  const seen = new Set<string>();
  const created: { code: string; unitId: string }[] = [];
  units.forEach((unit, row) => {
    const path = (field: string) => `units[${row}].${field}`;
    const fail = (v: Violation) => violations.push({ ...v, row });
    const invalidCode = codeIsIdentifier(unit.code, path('code'));
    if (invalidCode) return fail(invalidCode);
    if (seen.has(codeKey(unit.code)) || register.unitIdByCode(unit.code) !== undefined) {
      fail(violation('DUPLICATE_CODE', `unit code ${unit.code} is already used`, path('code'), { code: unit.code }, 'usedBaseline'));
    }
    seen.add(codeKey(unit.code));
    const body = register.body(unit.governingBodyId)?.asOf(asOf);
    if (!body) return fail(violation('UNKNOWN_GOVERNING_BODY', `no governing body ${unit.governingBodyId}`, path('governingBodyId'), { body: unit.governingBodyId }));
    if (body.status !== 'ACTIVE') return fail(violation('GOVERNING_BODY_NOT_ACTIVE', `governing body ${body.code} was abolished on ${body.abolishedOn}`, path('governingBodyId'), { body: body.code, abolishedOn: body.abolishedOn ?? '' }));
    if (unit.system && unit.system !== body.system) {
      return fail(
        violation('BODY_SYSTEM_MISMATCH', `unit ${unit.code} is declared ${unit.system} but its governing body ${body.code} is ${body.system}`, path('system'), {
          unit: unit.code,
          system: unit.system,
          body: body.code,
          bodySystem: body.system,
        }),
      );
    }
    if (unit.establishedOn && unit.establishedOn > asOf) {
      return fail({
        code: 'ESTABLISHED_AFTER_BASELINE',
        detail: `establishedOn ${unit.establishedOn} is after the baseline date ${asOf}`,
        params: { establishedOn: unit.establishedOn, asOf },
        path: path('establishedOn'),
      });
    }
    const sector = sectorValidOn(unit.sector, unit.establishedOn ?? asOf, path('sector'), { allowRetired: true });
    if (sector) return fail(sector);
    if (violations.length) return;
    const unitId = newId();
    const { establishedOn, basicEssentialService, ...attributes } = unit;
    register.reserveCode(unit.code, unitId);
    register.record(unitId, {
      type: 'UnitRegistered',
      data: {
        unitId,
        attributes: { ...attributes, system: body.system, ...(basicEssentialService ? { basicEssentialService } : {}), ...placeOf(body) },
        effectiveDate: establishedOn ?? asOf,
        registeredAsOf: asOf,
      },
    });
    created.push({ code: unit.code, unitId });
  });
  if (violations.length) {
    rollback();
    return { ok: false, violations };
  }
  return { ok: true, value: created };
}

function placeOf(body: GoverningBodySnapshot): { province?: string; territory?: string } {
  const territory = body.territory ?? body.province;
  return { ...(body.province ? { province: body.province } : {}), ...(territory ? { territory } : {}) };
}
