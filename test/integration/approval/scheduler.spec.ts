import { Logger } from '@nestjs/common';
import type { EventStore } from '@reorg/event-store';
import { PATIENCE_MS, waitFor } from '@reorg/testing';
import { ProjectionRunner } from '@reorg/projections';
import { DecisionService } from '@reorg/register';
import { Clock } from '@reorg/register/clock';
import { ApprovalScheduler, OverdueDetector, ProposalExecutor, ScheduledExecution, approvalScheduleProjection } from '@reorg/register/execution';
import type { DataSource } from 'typeorm';
import { readingOwnWrites } from '../event-store/support';
import { appendApprovedProposal, appendPendingProposal, decisionFor, establish, proposalEventTypes, registerHealthDepartment } from './approved-proposal';
import { SHARED_BACKENDS, type SharedBackend } from './backends';

const quiet = { log: () => undefined, warn: () => undefined, error: (message: string) => new Logger('test').error(message) };

// Ticks only once an hour, so an execution seen within a test's wait came from a wake, not a tick.
const TICK_MS = 3_600_000;

function schedulerOn(store: EventStore, dataSource: DataSource, clock: Clock): ApprovalScheduler {
  return new ApprovalScheduler(dataSource, new ProposalExecutor(store, new DecisionService(store), clock), new OverdueDetector(store, clock), clock, { intervalMs: TICK_MS, logger: quiet });
}

describe.each(SHARED_BACKENDS)('approval scheduler on %s', (_name, open) => {
  let backend: SharedBackend;
  let store: EventStore;
  let dataSource: DataSource;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    backend = await open();
    // Appends wait until readable: on a busy PostgreSQL cluster the head lags behind a resolved append.
    store = readingOwnWrites(await backend.openStore());
    dataSource = await backend.openReadModels([approvalScheduleProjection]);
    runner = new ProjectionRunner(store, dataSource, { logger: quiet });
    await runner.start([approvalScheduleProjection]);
  });

  afterEach(async () => {
    await runner.stop();
    await dataSource.destroy();
    await store.close();
    await backend.dispose();
  });

  it('executes what is due, keeps what is not, and flags late steps, from the schedule projection', async () => {
    const bodyId = await registerHealthDepartment(store);
    const due = await appendApprovedProposal(store, { bodyId, operations: [establish(bodyId, 'DUE-1')], decision: decisionFor('2025-07-01') });
    const later = await appendApprovedProposal(store, { bodyId, operations: [establish(bodyId, 'LATER-1')], decision: decisionFor('2025-07-02') });
    const waiting = await appendPendingProposal(store, { bodyId, operations: [establish(bodyId, 'WAIT-1')], dueDate: '2025-06-30' });
    await expect(runner.waitUntil(await store.latestPosition(), PATIENCE_MS)).resolves.toBe(true);
    const clock = new Clock({ timezone: 'Asia/Ho_Chi_Minh', fixedAt: '2025-07-01T01:00:00Z' });
    // Two schedulers (two processes) tick at once over the same schedule.
    const reports = await Promise.all([schedulerOn(store, dataSource, clock).tick(), schedulerOn(store, dataSource, clock).tick()]);

    expect(reports.flatMap((r) => r.executions).filter((e) => e.outcome === 'executed')).toEqual([{ proposalId: due, outcome: 'executed' }]);
    expect(reports.flatMap((r) => r.overdue)).toEqual([{ proposalId: waiting.proposalId, stepId: waiting.stepId }]);
    expect(reports.flatMap((r) => r.errors)).toEqual([]);
    expect((await proposalEventTypes(store, due)).at(-1)).toBe('ProposalExecuted');
    expect((await proposalEventTypes(store, later)).at(-1)).toBe('ProposalApproved');
    expect((await proposalEventTypes(store, waiting.proposalId)).at(-1)).toBe('StepOverdue');

    await expect(runner.waitUntil(await store.latestPosition(), PATIENCE_MS)).resolves.toBe(true);
    const rows = await dataSource.getRepository(ScheduledExecution).find({ order: { effectiveDate: 'ASC' } });
    expect(rows.map(({ proposalId, status }) => ({ proposalId, status }))).toEqual([
      { proposalId: due, status: 'EXECUTED' },
      { proposalId: later, status: 'SCHEDULED' },
    ]);
    const again = await schedulerOn(store, dataSource, clock).tick();
    expect({ executions: again.executions, overdue: again.overdue }).toEqual({ executions: [], overdue: [] });
  });

  it('executes a proposal approved for today once started, woken by the projection before any further tick', async () => {
    const clock = new Clock({ timezone: 'Asia/Ho_Chi_Minh' });
    const scheduler = schedulerOn(store, dataSource, clock);
    const unsubscribe = runner.onLag((lag) => lag.projection === approvalScheduleProjection.name && scheduler.wake());
    scheduler.start();
    try {
      const bodyId = await registerHealthDepartment(store);
      const proposalId = await appendApprovedProposal(store, { bodyId, operations: [establish(bodyId, 'NOW-1')], decision: decisionFor(clock.today()) });
      await waitFor('the proposal executed by a wake', async () => (await proposalEventTypes(store, proposalId)).at(-1) === 'ProposalExecuted');
    } finally {
      unsubscribe();
      await scheduler.stop();
    }
  });
});
