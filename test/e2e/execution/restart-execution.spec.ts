import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, SqliteEventStore } from '@reorg/event-store';
import { waitFor } from '@reorg/testing';
import { proposalEventTypes } from '../../integration/approval/approved-proposal';
import { TEST_DEV_SECRET } from '../support/test-app';
import { ApiProcess } from './api-process';
import { ApprovalFlow, type ProposalBody, json } from './approval-flow';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a decision effective in the future is executed after a restart, exactly once (real process, kill -9)', () => {
  let dir: string;
  let api: ApiProcess | undefined;
  let store: EventStore | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reorg-restart-'));
  });

  afterAll(async () => {
    await api?.kill();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('approves over HTTP on 30 June for 1 July, waits, survives kill -9, and executes once the clock has passed the date', async () => {
    const env = {
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: join(dir, 'events.sqlite'),
      DATA_DIR: dir, READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite'),
      DEV_TOKEN_SECRET: TEST_DEV_SECRET,
      APPROVAL_TICK_SECONDS: '1',
    };
    // Monday 30 June 2025, 09:00 in Ho Chi Minh City.
    api = await ApiProcess.start({ ...env, CLOCK_FIXED_AT: '2025-06-30T09:00:00+07:00' });
    const flow = new ApprovalFlow(api.url);
    const seed = await flow.seed();
    const submitted = await flow.submitRename(seed, '2025-07-01');
    const approved = await flow.approveAll(submitted, { number: '77/QĐ-UBND', date: '2025-06-30', effectiveDate: '2025-07-01' });
    expect(approved.status).toBe('APPROVED');

    store = await SqliteEventStore.open({ path: env.SQLITE_PATH });
    await pause(2_500); // two ticks or more, still 30 June
    expect((await proposalEventTypes(store, approved.id)).at(-1)).toBe('ProposalApproved');

    await api.kill();
    api = await ApiProcess.start({ ...env, CLOCK_FIXED_AT: '2025-06-30T09:00:00+07:00', CLOCK_OFFSET_SECONDS: String(24 * 3600) });
    const [opened, started] = [store, api];
    await waitFor('execution after the restart', async () => (await proposalEventTypes(opened, approved.id)).at(-1) === 'ProposalExecuted').catch((error: Error) => {
      throw new Error(`${error.message}:\n${started.logs}`);
    });

    // Kill it again at once and start once more, a day later still: nothing executes twice.
    await api.kill();
    api = await ApiProcess.start({ ...env, CLOCK_FIXED_AT: '2025-07-02T09:00:00+07:00' });
    await pause(2_500);
    expect((await proposalEventTypes(store, approved.id)).filter((type) => type === 'ProposalExecuted')).toHaveLength(1);
    const log = await store.readAll({ after: 0, maxCount: 10_000 });
    expect(log.filter((e) => e.type === 'UnitRenamed').map((e) => e.streamId)).toEqual([`unit-${seed.unitId}`]);
    expect(log.filter((e) => e.type === 'DecisionRecorded')).toHaveLength(1);
    expect(log.find((e) => e.type === 'ProposalExecuted')?.data).toMatchObject({ proposalId: approved.id, executedAt: '2025-07-01T02:00:00.000Z' });
    const restarted = new ApprovalFlow(api.url);
    const shown = await json<ProposalBody>(await restarted.call(await restarted.token('auditor-1', ['auditor']), 'GET', `/api/v1/proposals/${approved.id}`), 200);
    expect(shown.status).toBe('EXECUTED');
  }, 180_000);
});
