import { RaceBed } from './race-bed';
import { amendmentRace, decisionRace } from './race-scenarios';
import { eventuallyEqual, rebuildReadModels, registerAnswers } from './register-consistency';

describe('races across two api processes on one PostgreSQL schema', () => {
  let bed: RaceBed;

  beforeAll(async () => {
    bed = await RaceBed.start('postgres', { secondProcess: true });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('runs the app in two processes', () => {
    expect(bed.urls).toHaveLength(2);
    expect(new Set(bed.urls).size).toBe(2);
  });

  it('20 amendments with one If-Match, alternating between the processes: one 200, nineteen 412, one amendment recorded', async () => {
    await amendmentRace(bed, 20);
  });

  it('10 decisions on one unit and date, alternating between the processes: one 201, nine 422 CONFLICTING_DECISION, one change recorded', async () => {
    await decisionRace(bed, 10, 'H3', '2021-01-01', '2020-12-31');
  });

  it('leaves one consistent register: both processes answer alike, as a rebuild from the log does, and no request got a 5xx', async () => {
    await bed.caughtUp();
    const incremental = await registerAnswers(bed, 0);
    expect(await eventuallyEqual(() => registerAnswers(bed, 1), incremental)).toEqual(incremental);
    await rebuildReadModels(bed);
    expect(await registerAnswers(bed, 0)).toEqual(incremental);
    expect(await eventuallyEqual(() => registerAnswers(bed, 1), incremental)).toEqual(incremental);
    expect(bed.serverErrors()).toEqual([]);
  });
});
