import { OPERATION_TYPE_CODES } from '@reorg/domain';
import { backend } from './support/backends';
import { PROPERTY_SEED, assertTimeTravelProperty, propertyRuns } from './support/time-travel-property';

describe('time travel on SQLite equals a naive replay of the log (property)', () => {
  it('answers every unit, list, structure and diff as of any date and known at any instant like the replay, over random back-filled histories', async () => {
    const outcomes = await assertTimeTravelProperty(backend('SQLite file'), propertyRuns(25), PROPERTY_SEED);

    // The generated histories must exercise what the property is about, or it proves little.
    const accepted = new Set(outcomes.flatMap((o) => [...o.operationTypes]));
    expect([...accepted].sort()).toEqual([...OPERATION_TYPE_CODES].sort());
    expect(outcomes.reduce((n, o) => n + o.backFills, 0)).toBeGreaterThan(0);
    expect(outcomes.reduce((n, o) => n + o.annulled.length, 0)).toBeGreaterThan(0);
    expect(outcomes.reduce((n, o) => n + o.refused.length, 0)).toBeGreaterThan(0);
    // The 2025 reorganisation: body mergers and splits, and a province merger, among the accepted decisions.
    expect([...new Set(outcomes.flatMap((o) => [...o.bodyOperationTypes]))].sort()).toEqual(expect.arrayContaining(['ESTABLISH_BODY', 'MERGE_BODIES', 'SPLIT_BODY']));
    expect(outcomes.filter((o) => o.merged).length).toBeGreaterThan(0);
  }, 600_000);
});
