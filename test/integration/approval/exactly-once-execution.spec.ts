import type { EventStore } from '@reorg/event-store';
import { DecisionService, Streams, readWholeStream } from '@reorg/register';
import { Clock } from '@reorg/register/clock';
import { OverdueDetector, ProposalExecutor } from '@reorg/register/execution';
import { readingOwnWrites } from '../event-store/support';
import { appendApprovedProposal, appendPendingProposal, decisionFor, establish, proposalEventTypes, registerHealthDepartment } from './approved-proposal';
import { SHARED_BACKENDS, type SharedBackend } from './backends';

const clockAt = (iso: string) => new Clock({ timezone: 'Asia/Ho_Chi_Minh', fixedAt: iso });
const executorOn = (store: EventStore, clock: Clock) => new ProposalExecutor(store, new DecisionService(store), clock);
const AFTER_DATE = '2025-07-01T03:00:00Z';

describe.each(SHARED_BACKENDS)('approval execution on %s', (_name, open) => {
  let backend: SharedBackend;
  let stores: EventStore[];

  beforeEach(async () => {
    backend = await open();
    // Two store instances over one database stand for two executor processes.
    // Appends wait until readable: on a busy PostgreSQL cluster the head lags behind a resolved append.
    stores = [readingOwnWrites(await backend.openStore()), readingOwnWrites(await backend.openStore())];
  });

  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await backend.dispose();
  });

  it('executes a proposal exactly once when executors in two processes race', async () => {
    const [one, two] = stores;
    const bodyId = await registerHealthDepartment(one);
    const decision = decisionFor('2025-07-01');
    const proposalId = await appendApprovedProposal(one, { bodyId, operations: [establish(bodyId, 'CDC-01')], decision });
    const executors = [executorOn(one, clockAt(AFTER_DATE)), executorOn(two, clockAt(AFTER_DATE))];

    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => executors[i % 2].execute(proposalId)));

    expect(outcomes.filter((o) => o.outcome === 'executed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome !== 'executed')).toEqual(Array.from({ length: 7 }, () => ({ outcome: 'nothing', status: 'EXECUTED' })));
    expect(await proposalEventTypes(two, proposalId)).toEqual(['ProposalDrafted', 'ProposalSubmitted', 'StepApproved', 'StepApproved', 'ProposalApproved', 'ProposalExecuted']);
    const log = await two.readAll({ after: 0, maxCount: 10_000 });
    expect(log.filter((e) => e.type === 'UnitEstablished')).toHaveLength(1);
    expect(log.filter((e) => e.type === 'DecisionRecorded')).toHaveLength(1);
    const [executed] = (await readWholeStream(two, Streams.proposal(proposalId))).slice(-1);
    const [established] = log.filter((e) => e.type === 'UnitEstablished');
    expect(executed.data).toMatchObject({ proposalId, executedAt: '2025-07-01T03:00:00.000Z', createdUnits: [{ code: 'CDC-01', unitId: established.streamId.replace(/^unit-/, '') }] });
  });

  it('waits for the effective date in the province and leaves the store untouched before it', async () => {
    const [one] = stores;
    const bodyId = await registerHealthDepartment(one);
    const proposalId = await appendApprovedProposal(one, { bodyId, operations: [establish(bodyId, 'CDC-02')], decision: decisionFor('2025-07-01') });
    const head = await one.latestPosition();
    // 16:59 UTC on 30 June is still 30 June in Ho Chi Minh City; 17:00 UTC is 1 July there.
    await expect(executorOn(one, clockAt('2025-06-30T16:59:00Z')).execute(proposalId)).resolves.toEqual({ outcome: 'not-due', effectiveDate: '2025-07-01' });
    expect(await one.latestPosition()).toBe(head);
    await expect(executorOn(one, clockAt('2025-06-30T17:00:00Z')).execute(proposalId)).resolves.toMatchObject({ outcome: 'executed' });
  });

  it('records ProposalExecutionFailed with the rule errors and changes nothing else when a rule refuses', async () => {
    const [one, two] = stores;
    const bodyId = await registerHealthDepartment(one);
    const proposalId = await appendApprovedProposal(one, { bodyId, operations: [establish(bodyId, 'CDC-03', 5)], decision: decisionFor('2025-07-01') });
    const head = await one.latestPosition();

    const outcomes = await Promise.all([executorOn(one, clockAt(AFTER_DATE)).execute(proposalId), executorOn(two, clockAt(AFTER_DATE)).execute(proposalId)]);

    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['failed', 'nothing']);
    const log = await one.readAll({ after: head, maxCount: 100 });
    expect(log.map((e) => e.type)).toEqual(['ProposalExecutionFailed']);
    expect(log[0].data).toMatchObject({ proposalId, failedAt: '2025-07-01T03:00:00.000Z', errors: [{ code: 'MIN_STAFFING_FOR_NEW_UNIT', operationIndex: 0 }] });
  });

  it('flags an overdue step exactly once, also when two detectors race, and only after its due date', async () => {
    const [one, two] = stores;
    const bodyId = await registerHealthDepartment(one);
    const { proposalId, stepId } = await appendPendingProposal(one, { bodyId, operations: [establish(bodyId, 'CDC-04')], dueDate: '2025-06-13' });
    await expect(new OverdueDetector(one, clockAt('2025-06-13T10:00:00Z')).flag(proposalId)).resolves.toEqual([]);

    const later = clockAt('2025-06-16T01:00:00Z');
    const flagged = await Promise.all(Array.from({ length: 6 }, (_, i) => new OverdueDetector(i % 2 ? one : two, later).flag(proposalId)));

    expect(flagged.flat()).toEqual([{ proposalId, round: 1, stepId, dueDate: '2025-06-13', detectedAt: '2025-06-16T01:00:00.000Z' }]);
    expect((await proposalEventTypes(one, proposalId)).filter((type) => type === 'StepOverdue')).toHaveLength(1);
  });
});
