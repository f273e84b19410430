import type { UnitAttributes } from '../../register/unit';
import { bodyRegistered } from '../../register/testing/given-when-then';
import { InMemoryRegister } from '../../register/testing/in-memory-register';
import { codeKey } from '../../register/register-view';
import type { Actor, DossierContent } from '../proposal';

export const HEALTH = 'body-health';
export const EDUCATION = 'body-education';
export const PARTY = 'body-party';

export const proposer: Actor = { id: 'nguyen.van.a', governingBodyIds: [HEALTH] };
export const AT = '2024-03-01T08:00:00.000Z';
export const LATER = '2024-03-02T09:30:00.000Z';

function attributes(code: string, governingBodyId: string): UnitAttributes {
  return { code, name: `Đơn vị ${code}`, system: 'GOVERNMENT', governingBodyId, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 30 };
}

/** Three bodies; units H1, H2 under Health and E1 under Education, registered as of 2017-12-31. */
export function registerWithUnits(): InMemoryRegister {
  const register = new InMemoryRegister();
  for (const [id, system] of [[HEALTH, 'GOVERNMENT'], [EDUCATION, 'GOVERNMENT'], [PARTY, 'PARTY_MASS']] as const) {
    register.appendBodyEvents(id, [bodyRegistered({ id, system })]);
  }
  for (const [unitId, code, body] of [['unit-h1', 'H1', HEALTH], ['unit-h2', 'H2', HEALTH], ['unit-e1', 'E1', EDUCATION]] as const) {
    register.appendUnitEvents(unitId, [{ type: 'UnitRegistered', data: { unitId, attributes: attributes(code, body), effectiveDate: '2017-12-31', registeredAsOf: '2017-12-31' } }]);
    register.codes.set(codeKey(code), unitId);
  }
  return register;
}

export function content(overrides: Partial<DossierContent> = {}): DossierContent {
  return {
    title: 'Sáp nhập Trung tâm H2 vào Bệnh viện H1',
    rationale: 'Tinh gọn bộ máy theo Nghị quyết 19-NQ/TW',
    governingBodyId: HEALTH,
    proposedEffectiveDate: '2024-07-01',
    operations: [{ type: 'ABSORB', targetUnitId: 'unit-h1', sourceUnitIds: ['unit-h2'] }],
    ...overrides,
  };
}
