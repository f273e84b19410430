import { backend } from './support/backends';
import { PROPERTY_SEED, assertTimeTravelProperty, propertyRuns } from './support/time-travel-property';

// Fails (never skips) when PostgreSQL is unreachable: createThrowawaySchema requires it.
describe('time travel on PostgreSQL equals a naive replay of the log (property)', () => {
  it('answers like the replay over random back-filled histories', async () => {
    const outcomes = await assertTimeTravelProperty(backend('PostgreSQL'), propertyRuns(5), PROPERTY_SEED + 1);
    expect(outcomes.reduce((n, o) => n + o.accepted.length, 0)).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.bodyOperationTypes.size > 0 || o.merged)).toBe(true);
  }, 600_000);
});
