import type { DecisionRef, UnitAttributes, UnitEvent } from './unit';
import { UnitTimeline } from './unit-timeline';

const attributes: UnitAttributes = { code: 'BV-01', name: 'Bệnh viện A', system: 'GOVERNMENT', governingBodyId: 'body-health', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 40 };
const ref = (number: string, effectiveDate: string): DecisionRef => ({ key: `UBND|${number}`, number, date: effectiveDate, effectiveDate, issuer: 'UBND', signer: 'A' });
const change = (number: string, effectiveDate: string) => ({ unitId: 'u1', effectiveDate, decision: ref(number, effectiveDate), operationIndex: 0 });

const registered: UnitEvent = { type: 'UnitRegistered', data: { unitId: 'u1', attributes, effectiveDate: '2017-12-31', registeredAsOf: '2017-12-31' } };
const renamed = (number: string, effectiveDate: string, name: string): UnitEvent => ({ type: 'UnitRenamed', data: { ...change(number, effectiveDate), name, previousName: '?' } });
const quota = (number: string, effectiveDate: string, staffingQuota: number): UnitEvent => ({
  type: 'UnitStaffingQuotaChanged',
  data: { ...change(number, effectiveDate), staffingQuota, previousStaffingQuota: 0 },
});
const dissolved = (number: string, effectiveDate: string): UnitEvent => ({ type: 'UnitDissolved', data: { ...change(number, effectiveDate), settlementRef: 'BB' } });
const annulled = (number: string, effectiveDate: string): UnitEvent => ({
  type: 'UnitDecisionAnnulled',
  data: { unitId: 'u1', decisionKey: `UBND|${number}`, effectiveDate, annulment: { number: `A-${number}`, date: '2024-01-01', reason: 'sai' } },
});

describe('UnitTimeline', () => {
  it('is empty: it does not exist and has no state', () => {
    const timeline = UnitTimeline.empty('u1');
    expect(timeline.exists).toBe(false);
    expect(timeline.asOf('2020-01-01')).toBeUndefined();
    expect(timeline.latest()).toBeUndefined();
    expect(timeline.isActiveOn('2020-01-01')).toBe(false);
  });

  it('starts at the registration date with version 1', () => {
    const timeline = UnitTimeline.from('u1', [registered]);
    expect(timeline.asOf('2017-12-30')).toBeUndefined();
    expect(timeline.asOf('2017-12-31')).toEqual({ unitId: 'u1', attributes, status: 'ACTIVE', establishedOn: '2017-12-31', validFrom: '2017-12-31', version: 1 });
  });

  it('folds changes by effective date whatever order they were recorded in', () => {
    const timeline = UnitTimeline.from('u1', [registered, renamed('3', '2022-01-01', 'C'), renamed('1', '2019-01-01', 'A'), renamed('2', '2020-06-30', 'B')]);
    expect(['2018-06-01', '2019-01-01', '2020-06-29', '2020-06-30', '2022-01-01'].map((d) => timeline.asOf(d)?.attributes.name)).toEqual(['Bệnh viện A', 'A', 'A', 'B', 'C']);
    expect(timeline.asOf('2020-06-30')?.version).toBe(3);
  });

  it('gives the same answers whether events come in one batch or one at a time', () => {
    const events = [registered, quota('2', '2021-01-01', 30), renamed('1', '2019-01-01', 'A')];
    const stepwise = events.reduce((t, e) => t.with([e]), UnitTimeline.empty('u1'));
    expect(stepwise.asOf('2021-01-01')).toEqual(UnitTimeline.from('u1', events).asOf('2021-01-01'));
  });

  it('folds changes with the same effective date in recording order', () => {
    const timeline = UnitTimeline.from('u1', [registered, renamed('1', '2020-01-01', 'first'), renamed('1', '2020-01-01', 'second')]);
    expect(timeline.asOf('2020-01-01')?.attributes.name).toBe('second');
  });

  it('ends the unit with endedOn and keeps it ended', () => {
    const timeline = UnitTimeline.from('u1', [registered, dissolved('1', '2021-03-01')]);
    expect(timeline.isActiveOn('2021-02-28')).toBe(true);
    expect(timeline.asOf('2021-03-01')).toMatchObject({ status: 'DISSOLVED', endedOn: '2021-03-01' });
    expect(timeline.latest()?.status).toBe('DISSOLVED');
  });

  it('does not change the events it was built from', () => {
    const events = [registered];
    const before = UnitTimeline.from('u1', events);
    const after = before.with([renamed('1', '2019-01-01', 'A')]);
    expect(before.latest()?.attributes.name).toBe('Bệnh viện A');
    expect(after.latest()?.attributes.name).toBe('A');
  });

  describe('decision queries', () => {
    const timeline = UnitTimeline.from('u1', [registered, renamed('2', '2021-01-01', 'B'), renamed('1', '2020-01-01', 'A'), quota('2', '2021-01-01', 30)]);

    it('lists the decisions on a date, except a given one', () => {
      expect(timeline.decisionsOn('2021-01-01')).toEqual(['UBND|2']);
      expect(timeline.decisionsOn('2021-01-01', 'UBND|2')).toEqual([]);
      expect(timeline.decisionsOn('2020-06-01')).toEqual([]);
    });

    it('lists the decisions after a date', () => {
      expect(timeline.decisionsAfter('2019-12-31')).toEqual(['UBND|1', 'UBND|2']);
      expect(timeline.decisionsAfter('2020-01-01')).toEqual(['UBND|2']);
      expect(timeline.decisionsAfter('2021-01-01')).toEqual([]);
    });

    it('lists every decision once, in effective order', () => {
      expect(timeline.decisionKeys()).toEqual(['UBND|1', 'UBND|2']);
    });

    it('returns the changes one decision made', () => {
      expect(timeline.changesBy('UBND|2').map((e) => e.type)).toEqual(['UnitRenamed', 'UnitStaffingQuotaChanged']);
    });
  });

  describe('annulment', () => {
    it('drops the annulled decision\'s changes from every date', () => {
      const timeline = UnitTimeline.from('u1', [registered, renamed('1', '2020-01-01', 'A'), annulled('1', '2020-01-01')]);
      expect(timeline.asOf('2020-01-01')).toMatchObject({ version: 1, validFrom: '2017-12-31', attributes: { name: 'Bệnh viện A' } });
      expect(timeline.decisionKeys()).toEqual([]);
      expect(timeline.decisionsOn('2020-01-01')).toEqual([]);
    });

    it('reactivates a unit whose ending is annulled', () => {
      const timeline = UnitTimeline.from('u1', [registered, dissolved('1', '2021-03-01'), annulled('1', '2021-03-01')]);
      expect(timeline.latest()).toMatchObject({ status: 'ACTIVE' });
      expect(timeline.latest()?.endedOn).toBeUndefined();
    });

    it('makes a unit whose establishment is annulled not exist', () => {
      const established: UnitEvent = { type: 'UnitEstablished', data: { ...change('1', '2021-01-01'), attributes, operation: 'ESTABLISH', predecessorIds: [] } };
      const timeline = UnitTimeline.from('u1', [established, annulled('1', '2021-01-01')]);
      expect(timeline.exists).toBe(false);
      expect(timeline.asOf('2021-01-01')).toBeUndefined();
    });

    it('keeps the changes of the same decision recorded again after the annulment', () => {
      const timeline = UnitTimeline.from('u1', [registered, renamed('1', '2020-01-01', 'sai'), annulled('1', '2020-01-01'), renamed('1', '2020-01-01', 'đúng')]);
      expect(timeline.asOf('2020-01-01')).toMatchObject({ version: 2, attributes: { name: 'đúng' } });
      expect(timeline.changesBy('UBND|1')).toHaveLength(1);
    });

    it('drops both recordings when the re-recorded decision is annulled again', () => {
      const timeline = UnitTimeline.from('u1', [registered, renamed('1', '2020-01-01', 'sai'), annulled('1', '2020-01-01'), renamed('1', '2020-01-01', 'đúng'), annulled('1', '2020-01-01')]);
      expect(timeline.latest()?.attributes.name).toBe('Bệnh viện A');
    });
  });

  it('answers on each of many dates in one pass what asOf answers on each', () => {
    const events = [registered, quota('2', '2021-01-01', 30), renamed('1', '2019-01-01', 'A'), annulled('2', '2021-01-01'), dissolved('3', '2022-06-30'), renamed('1', '2019-01-01', 'A2')];
    const timeline = UnitTimeline.from('u1', events);
    const dates = ['2017-01-01', '2017-12-31', '2018-05-01', '2019-01-01', '2021-01-01', '2022-06-29', '2022-06-30', '2030-01-01'];
    expect(timeline.asOfEach(dates)).toEqual(dates.map((date) => timeline.asOf(date)));
    expect(timeline.asOfEach(dates)[4]?.attributes.name).toBe('A2');
  });

  it('answers asOf\'s states in one pass even around a change without an effective date', () => {
    const undated = { type: 'UnitRenamed', data: { ...change('4', '2020-01-01'), effectiveDate: undefined, name: 'X', previousName: '?' } } as unknown as UnitEvent;
    const timeline = UnitTimeline.from('u1', [registered, undated, renamed('1', '2019-01-01', 'A'), quota('2', '2021-01-01', 30)]);
    const dates = ['2017-12-31', '2019-01-01', '2021-01-01'];
    expect(timeline.asOfEach(dates)).toEqual(dates.map((date) => timeline.asOf(date)));
  });
});
