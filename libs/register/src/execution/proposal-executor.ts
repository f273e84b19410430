import { DomainRefusal } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import type { Clock } from '../clock';
import type { CommandContext } from '../command-context';
import { metadataOf } from '../command-context';
import type { DecisionService } from '../decision-service';
import { readWholeStream, toNewEvents } from '../register-repository';
import { retryOnConflict } from '../retry-on-conflict';
import { Streams, decisionKey } from '../streams';
import type { ExecutionError, ProposalExecutedData, ProposalExecutionFailedData } from './approval-events';
import { foldProgress } from './proposal-progress';
import { decideExecution } from './scheduling';

/** The executor acts as the system, on the authority of the approved decision. */
export const EXECUTOR_CONTEXT: CommandContext = { actor: 'system:approval-executor', roles: [] };

export type ExecutionOutcome =
  | { outcome: 'executed'; lastPosition: number; createdUnits: ProposalExecutedData['createdUnits'] }
  | { outcome: 'failed'; lastPosition: number; errors: ExecutionError[] }
  | { outcome: 'not-due'; effectiveDate: string }
  | { outcome: 'nothing'; status: string };

const isRefusal = (error: unknown): error is DomainRefusal =>
  error instanceof DomainRefusal || (error instanceof Error && error.name === 'DomainRefusal' && 'violations' in error);

/**
 * Executes an approved proposal whose effective date has come: its decision's unit events and
 * `ProposalExecuted` go in one atomic append, the proposal stream at the version just read. A
 * concurrent executor therefore loses with a version conflict, re-reads, finds the proposal
 * executed and does nothing: a proposal executes exactly once.
 */
export class ProposalExecutor {
  constructor(
    private readonly store: EventStore,
    private readonly decisions: DecisionService,
    private readonly clock: Clock,
  ) {}

  execute(proposalId: string): Promise<ExecutionOutcome> {
    return retryOnConflict(() => this.tryExecute(proposalId));
  }

  private async tryExecute(proposalId: string): Promise<ExecutionOutcome> {
    const streamId = Streams.proposal(proposalId);
    const recorded = await readWholeStream(this.store, streamId);
    const next = decideExecution(foldProgress(recorded), this.clock.today());
    if (next.action === 'nothing') return { outcome: 'nothing', status: next.status };
    if (next.action === 'wait') return { outcome: 'not-due', effectiveDate: next.until };
    const expectedVersion = recorded.length;
    const context: CommandContext = { ...EXECUTOR_CONTEXT, correlationId: streamId };
    const metadata = metadataOf(context, { source: 'proposal' });
    try {
      const { plan, results } = await this.decisions.prepare([{ ...next.decision, operations: next.operations, proposalId }], context, 'proposal');
      const createdUnits = results[0]?.createdUnits ?? [];
      const executed: ProposalExecutedData = { proposalId, executedAt: this.clock.now(), decisionKey: decisionKey(next.decision.issuer, next.decision.number, next.decision.date), createdUnits };
      plan.add(streamId, expectedVersion, toNewEvents([{ type: 'ProposalExecuted', data: executed }], metadata));
      const appended = await this.store.appendMultiple(plan.appends);
      return { outcome: 'executed', lastPosition: appended.lastPosition, createdUnits };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // A refusal read from a register another executor has just changed is settled by the version check.
      const errors = error.violations.map(({ code, detail, path, operationIndex }): ExecutionError => ({
        code,
        detail,
        ...(path !== undefined ? { path } : {}),
        ...(operationIndex !== undefined ? { operationIndex } : {}),
      }));
      const failed: ProposalExecutionFailedData = { proposalId, failedAt: this.clock.now(), errors };
      const appended = await this.store.appendToStream(streamId, expectedVersion, toNewEvents([{ type: 'ProposalExecutionFailed', data: failed }], metadata));
      return { outcome: 'failed', lastPosition: appended.lastPosition, errors };
    }
  }
}
