import { STORE_KINDS } from '../support/store-backends';
import { RaceBed } from './race-bed';
import { amendmentRace, decisionRace } from './race-scenarios';
import { rebuildReadModels, registerAnswers } from './register-consistency';

describe.each(STORE_KINDS)('races over HTTP on %s', (_label, kind) => {
  let bed: RaceBed;

  beforeAll(async () => {
    bed = await RaceBed.start(kind);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('20 concurrent amendments with one If-Match: one 200, nineteen 412 PRECONDITION_FAILED, one amendment recorded', async () => {
    await amendmentRace(bed, 20);
  });

  it('two concurrent decisions changing one unit on one date: one 201, one 422 CONFLICTING_DECISION, one change recorded', async () => {
    await decisionRace(bed, 2, 'H1', '2020-01-01', '2019-12-31');
  });

  it('ten concurrent decisions changing one unit on one date: one 201, nine 422 CONFLICTING_DECISION, one change recorded', async () => {
    await decisionRace(bed, 10, 'H2', '2020-06-30', '2020-06-29');
  });

  it('leaves the register consistent: every read model answers as a rebuild from the log does, and no request got a 5xx', async () => {
    await bed.caughtUp();
    const incremental = await registerAnswers(bed);
    const head = await bed.app.store.latestPosition();
    const rebuilt = await rebuildReadModels(bed);
    expect(rebuilt.map((result) => [result.projection, result.position])).toEqual(rebuilt.map((result) => [result.projection, head]));
    expect(rebuilt.every((result) => result.events > 0)).toBe(true);
    expect(await registerAnswers(bed)).toEqual(incremental);
    expect(Object.keys(incremental).length).toBeGreaterThan(20);
    expect(bed.serverErrors()).toEqual([]);
  });
});
