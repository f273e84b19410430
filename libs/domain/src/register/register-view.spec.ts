import { applyDecision } from './apply-decision';
import { WorkingRegister, codeKey } from './register-view';
import { counterIds, decision, newUnit } from './testing/given-when-then';
import { givenProvince } from './testing/province';

describe('codeKey', () => {
  it('compares codes NFC-normalised, trimmed and case-insensitively', () => {
    expect(codeKey(' yTế-01 '.normalize('NFD'))).toBe(codeKey('YTẾ-01'));
    expect(codeKey('đ-1')).toBe('Đ-1');
  });
});

describe('WorkingRegister', () => {
  it('reads through to the preloaded register', () => {
    const given = givenProvince();
    const working = new WorkingRegister(given.store);
    expect(working.unitIdByCode('BV-01')).toBe(given.idOf('BV-01'));
    expect(working.unit(given.idOf('BV-01'))?.latest()?.attributes.code).toBe('BV-01');
    expect(working.body('body-party')?.latest()?.system).toBe('PARTY_MASS');
  });

  it('layers recorded events over the preloaded register without changing it', () => {
    const given = givenProvince();
    const working = new WorkingRegister(given.store);
    const id = given.idOf('BV-01');
    working.record(id, { type: 'UnitRenamed', data: { unitId: id, effectiveDate: '2020-01-01', decision: decision('1', '2020-01-01', []).decision, operationIndex: 0, name: 'x', previousName: 'y' } });
    expect(working.unit(id)?.latest()?.attributes.name).toBe('x');
    expect(given.store.unit(id)?.latest()?.attributes.name).toBe('Bệnh viện Đa khoa tỉnh');
  });

  it('forgets everything recorded and reserved after a mark when rolled back', () => {
    const working = new WorkingRegister(givenProvince().store);
    working.reserveCode('A', 'a');
    const rollback = working.mark();
    working.reserveCode('B', 'b');
    working.record('b', { type: 'UnitRegistered', data: { unitId: 'b', attributes: { ...newUnit('B'), system: 'GOVERNMENT' }, effectiveDate: '2020-01-01', registeredAsOf: '2020-01-01' } });
    rollback();
    expect(working.pending).toEqual([]);
    expect(working.reservedCodes).toEqual([{ code: 'A', unitId: 'a' }]);
    expect(working.unitIdByCode('B')).toBeUndefined();
    expect(working.unit('b')).toBeUndefined();
  });

  describe('in a batch of decisions (an import)', () => {
    it('lets a later decision name a unit an earlier one created', () => {
      const working = new WorkingRegister(givenProvince().store);
      const ids = counterIds('new');
      expect(applyDecision(working, decision('1/QĐ', '2019-01-01', [{ type: 'ESTABLISH', unit: newUnit('N-1') }]), ids).ok).toBe(true);
      const second = applyDecision(working, decision('2/QĐ', '2020-01-01', [{ type: 'RENAME', unitCode: 'N-1', newName: 'Tên mới' }]), ids);
      expect(second.ok).toBe(true);
      expect(working.pending.map((p) => p.event.type)).toEqual(['UnitEstablished', 'UnitRenamed']);
    });

    it('keeps the earlier decision\'s events and codes exactly when a later decision is refused', () => {
      const working = new WorkingRegister(givenProvince().store);
      const ids = counterIds('new');
      applyDecision(working, decision('1/QĐ', '2019-01-01', [{ type: 'ESTABLISH', unit: newUnit('N-1') }]), ids);
      const pending = [...working.pending];
      const reserved = [...working.reservedCodes];
      const refused = applyDecision(working, decision('2/QĐ', '2020-01-01', [
        { type: 'ESTABLISH', unit: newUnit('N-2') },
        { type: 'RENAME', unitCode: 'N-1', newName: 'x' },
        { type: 'DISSOLVE', unitCode: 'N-2', settlementRef: '' },
      ]), ids);
      expect(refused.ok).toBe(false);
      expect(working.pending).toEqual(pending);
      expect(working.reservedCodes).toEqual(reserved);
      expect(working.unitIdByCode('N-2')).toBeUndefined();
      expect(working.unit(working.unitIdByCode('N-1')!)?.latest()?.attributes.name).toBe('Đơn vị N-1');
    });
  });
});
