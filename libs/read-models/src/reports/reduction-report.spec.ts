import { type ReportChange, type ReportVersion, computeReductionReport } from './reduction-report';

const version = (unitId: string, validFrom: string, overrides: Partial<ReportVersion> = {}): ReportVersion => ({
  unitId,
  validFrom,
  status: 'ACTIVE',
  system: 'GOVERNMENT',
  sector: 'HEALTH',
  staffingQuota: 10,
  province: null,
  territory: null,
  ...overrides,
});

let position = 0;
const change = (unitId: string, eventType: string, operation: string | null, decisionKey: string | null, effectiveDate: string): ReportChange => ({
  position: ++position,
  unitId,
  eventType,
  operation,
  decisionKey,
  effectiveDate,
});

const report = (versions: ReportVersion[], changes: ReportChange[], sectors = ['HEALTH']) => computeReductionReport({ from: '2018-01-01', to: '2019-12-31', versions, changes, sectors });

describe('computeReductionReport', () => {
  it('counts a unit active on the day before from, but not one that ended that day', () => {
    const result = report([version('a', '2010-01-01'), version('b', '2010-01-01'), version('b', '2017-12-31', { status: 'DISSOLVED' })], []);
    expect([result.activeAtStart, result.activeAtEnd, result.staffingQuotaAtStart, result.ended]).toEqual([1, 1, 10, 0]);
  });

  it('counts an establishment and an ending on the last day of the period, in their year', () => {
    const result = report(
      [version('a', '2010-01-01'), version('a', '2019-12-31', { status: 'MERGED' }), version('n', '2019-12-31', { staffingQuota: 8 })],
      [change('a', 'UnitMerged', 'CONSOLIDATE', 'd1', '2019-12-31'), change('n', 'UnitEstablished', 'CONSOLIDATE', 'd1', '2019-12-31')],
    );
    expect(result).toMatchObject({ created: 1, ended: 1, netReduction: 0, staffingQuotaAtEnd: 8, byOperation: { CONSOLIDATE: { decisions: 1, unitsCreated: 1, unitsEnded: 1 } } });
    expect(result.byYear).toEqual([{ year: 2018, created: 0, ended: 0, joined: 0, left: 0, netReduction: 0 }, { year: 2019, created: 1, ended: 1, joined: 0, left: 0, netReduction: 0 }]);
  });

  it('moves a unit between system buckets at each transfer, keeping every bucket balanced', () => {
    const result = report(
      [version('t', '2010-01-01'), version('t', '2018-05-01', { system: 'PARTY_MASS' }), version('t', '2019-05-01', { system: 'GOVERNMENT' }), version('t', '2019-07-01', { system: 'PARTY_MASS' })],
      [change('t', 'UnitTransferred', 'TRANSFER', 'd1', '2018-05-01'), change('t', 'UnitTransferred', 'TRANSFER', 'd2', '2019-05-01'), change('t', 'UnitTransferred', 'TRANSFER', 'd3', '2019-07-01')],
    );
    expect(result.bySystem).toEqual({
      GOVERNMENT: { activeAtStart: 1, activeAtEnd: 0, netReduction: 1, created: 0, ended: 0, transferredIn: 1, transferredOut: 2, joined: 0, left: 0 },
      PARTY_MASS: { activeAtStart: 0, activeAtEnd: 1, netReduction: -1, created: 0, ended: 0, transferredIn: 2, transferredOut: 1, joined: 0, left: 0 },
    });
    expect(result.byOperation).toEqual({ TRANSFER: { decisions: 3, unitsCreated: 0, unitsEnded: 0 } });
  });

  it('leaves out an annulled decision, but not one re-recorded after its annulment', () => {
    const annulled = change('x', 'UnitRenamed', 'RENAME', 'd1', '2018-03-01');
    const annulment = change('x', 'UnitDecisionAnnulled', null, 'd1', '2018-03-01');
    expect(report([version('x', '2010-01-01')], [annulled, annulment]).byOperation).toEqual({});
    const again = change('x', 'UnitRenamed', 'RENAME', 'd1', '2018-03-01');
    expect(report([version('x', '2010-01-01')], [annulled, annulment, again]).byOperation).toEqual({ RENAME: { decisions: 1, unitsCreated: 0, unitsEnded: 0 } });
  });

  it('lists both systems and every sector present, zeros included, and never counts a baseline registration as created', () => {
    const result = report([version('r', '2018-06-01', { sector: 'IT' })], [], ['HEALTH', 'IT', 'CULTURE']);
    expect(Object.keys(result.bySystem)).toEqual(['GOVERNMENT', 'PARTY_MASS']);
    expect(Object.keys(result.bySector)).toEqual(['CULTURE', 'HEALTH', 'IT']);
    expect([result.created, result.activeAtEnd]).toEqual([0, 1]);
  });
});
