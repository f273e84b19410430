import { type GoverningBodyEvent, GoverningBodyTimeline } from './governing-body';
import { bodyRegistered } from './testing/given-when-then';

const registered = bodyRegistered({ id: 'body-district', code: 'UBND-H1', name: 'UBND huyện A', level: 'DISTRICT' });
const renamed = (name: string, previousName: string, effectiveDate: string): GoverningBodyEvent => ({
  type: 'GoverningBodyRenamed',
  data: { bodyId: 'body-district', name, previousName, effectiveDate, decision: { number: `R-${effectiveDate}`, date: effectiveDate } },
});
const abolished = (effectiveDate: string): GoverningBodyEvent => ({
  type: 'GoverningBodyAbolished',
  data: { bodyId: 'body-district', effectiveDate, decision: { number: '1/NQ-UBTVQH', date: '2025-06-12' }, transferUnitsTo: 'body-province' },
});

describe('GoverningBodyTimeline', () => {
  it('does not exist without a registration', () => {
    const timeline = GoverningBodyTimeline.from([]);
    expect(timeline.exists).toBe(false);
    expect(timeline.asOf('2020-01-01')).toBeUndefined();
    expect(timeline.isActiveOn('2020-01-01')).toBe(false);
  });

  it('is active with its registered attributes on any date after registration', () => {
    const timeline = GoverningBodyTimeline.from([registered]);
    expect(timeline.exists).toBe(true);
    expect(timeline.asOf('1990-01-01')).toEqual({ bodyId: 'body-district', code: 'UBND-H1', name: 'UBND huyện A', system: 'GOVERNMENT', level: 'DISTRICT', status: 'ACTIVE' });
  });

  it('takes a new name from the rename effective date, not before', () => {
    const timeline = GoverningBodyTimeline.from([registered, renamed('UBND thị xã A', 'UBND huyện A', '2020-01-01')]);
    expect(timeline.asOf('2019-12-31')?.name).toBe('UBND huyện A');
    expect(timeline.asOf('2020-01-01')?.name).toBe('UBND thị xã A');
    expect(timeline.latest()?.name).toBe('UBND thị xã A');
  });

  it('applies renames by effective date whatever order they were recorded in', () => {
    const timeline = GoverningBodyTimeline.from([
      registered,
      renamed('UBND thành phố A', 'UBND thị xã A', '2022-07-01'),
      renamed('UBND thị xã A', 'UBND huyện A', '2020-01-01'),
    ]);
    expect(timeline.asOf('2021-06-30')?.name).toBe('UBND thị xã A');
    expect(timeline.asOf('2022-07-01')?.name).toBe('UBND thành phố A');
  });

  it('is abolished from the abolition date and active the day before', () => {
    const timeline = GoverningBodyTimeline.from([registered, abolished('2025-07-01')]);
    expect(timeline.isActiveOn('2025-06-30')).toBe(true);
    expect(timeline.asOf('2025-07-01')).toMatchObject({ status: 'ABOLISHED', abolishedOn: '2025-07-01' });
    expect(timeline.isActiveOn('2026-01-01')).toBe(false);
    expect(timeline.abolishedOn()).toBe('2025-07-01');
  });

  it('has no abolition date while it stands', () => {
    expect(GoverningBodyTimeline.from([registered, renamed('B', 'UBND huyện A', '2020-01-01')]).abolishedOn()).toBeUndefined();
  });
});
