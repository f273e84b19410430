import type { GoverningBodyEvent } from '@reorg/domain';
import { bodyPeriods } from './governing-bodies.projection';

const decision = { number: '1/QĐ-UBND', date: '2020-01-01' };
const registered: GoverningBodyEvent = { type: 'GoverningBodyRegistered', data: { bodyId: 'b1', code: 'SYT', name: 'Sở Y tế', system: 'GOVERNMENT', level: 'PROVINCE' } };

describe('bodyPeriods', () => {
  it('has one open period for a body never changed', () => {
    expect(bodyPeriods('b1', [registered])).toEqual([expect.objectContaining({ validFrom: '0000-01-01', validTo: null, name: 'Sở Y tế', status: 'ACTIVE', parentId: null })]);
  });

  it('orders dated changes by effective date, whatever the order they were recorded in', () => {
    const events: GoverningBodyEvent[] = [
      registered,
      { type: 'GoverningBodyRenamed', data: { bodyId: 'b1', name: 'Sở Y tế mới', previousName: 'Sở Y tế', effectiveDate: '2022-01-01', decision } },
      { type: 'GoverningBodyAbolished', data: { bodyId: 'b1', effectiveDate: '2025-07-01', decision, transferUnitsTo: 'b2' } },
      { type: 'GoverningBodyRenamed', data: { bodyId: 'b1', name: 'Sở Y tế (2019)', previousName: 'Sở Y tế', effectiveDate: '2019-01-01', decision } },
    ];
    expect(bodyPeriods('b1', events).map((p) => [p.validFrom, p.validTo, p.name, p.status, p.abolishedOn])).toEqual([
      ['0000-01-01', '2019-01-01', 'Sở Y tế', 'ACTIVE', null],
      ['2019-01-01', '2022-01-01', 'Sở Y tế (2019)', 'ACTIVE', null],
      ['2022-01-01', '2025-07-01', 'Sở Y tế mới', 'ACTIVE', null],
      ['2025-07-01', null, 'Sở Y tế mới', 'ABOLISHED', '2025-07-01'],
    ]);
  });
});
