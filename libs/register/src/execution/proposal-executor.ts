import { DomainRefusal } from '@reorg/domain';
import { nextExecution } from '@reorg/domain/approval';
import { type ExecutionErrorItem, type ProposalCommand, type ProposalEvent, type ProposalState, evolveProposal, fold, initialProposalState } from '@reorg/domain/proposals';
import type { EventStore, StreamAppend } from '@reorg/event-store';
import type { Clock } from '../clock';
import { CommandPipeline, type Decided } from '../command-pipeline';
import { type CommandContext, metadataOf } from '../command-context';
import type { DecisionService } from '../decisions/decision-service';
import { readWholeStream, toNewEvents } from '../register-repository';
import { Streams, decisionKey } from '../streams';
import { proposalDecider } from '../proposals/proposal-decider';

/** The executor acts as the system, on the authority of the approved decision. */
export const EXECUTOR_CONTEXT: CommandContext = { actor: 'system:approval-executor', roles: [] };

export type ExecutionError = ExecutionErrorItem;

export type ExecutionOutcome =
  | { outcome: 'executed'; lastPosition: number; createdUnits: { code: string; unitId: string }[] }
  | { outcome: 'failed'; lastPosition: number; errors: ExecutionError[] }
  | { outcome: 'not-due'; effectiveDate: string }
  | { outcome: 'nothing'; status: string };

const isRefusal = (error: unknown): error is DomainRefusal =>
  error instanceof DomainRefusal || (error instanceof Error && error.name === 'DomainRefusal' && 'violations' in error);

/** A proposal's stream folded by the domain's own evolve, with the version to append against. */
export async function loadProposal(store: EventStore, proposalId: string): Promise<{ streamId: string; state: ProposalState; version: number }> {
  const streamId = Streams.proposal(proposalId);
  const recorded = await readWholeStream(store, streamId);
  const state = fold({ initialState: initialProposalState, evolve: evolveProposal }, recorded.map((e) => ({ type: e.type, data: e.data }) as ProposalEvent));
  return { streamId, state, version: recorded.length };
}

/**
 * Executes an approved proposal whose effective date has come (the domain's nextExecution): its
 * decision's unit events and `ProposalExecuted` go in one atomic append, the proposal stream at
 * the version just read. A concurrent executor therefore loses with a version conflict, re-reads,
 * finds the proposal executed and does nothing: a proposal executes exactly once.
 */
export class ProposalExecutor {
  private readonly pipeline: CommandPipeline;

  constructor(
    private readonly store: EventStore,
    private readonly decisions: DecisionService,
    private readonly clock: Clock,
  ) {
    this.pipeline = new CommandPipeline(store);
  }

  async execute(proposalId: string): Promise<ExecutionOutcome> {
    const { outcome, lastPosition } = await this.pipeline.run({
      decide: () => this.decide(proposalId),
      replay: () => Promise.reject(new Error('the executor sends no command id: nothing to replay')),
    });
    return 'lastPosition' in outcome ? { ...outcome, lastPosition } : outcome;
  }

  private async decide(proposalId: string): Promise<Decided<{ outcome: ExecutionOutcome }>> {
    const { streamId, state, version } = await loadProposal(this.store, proposalId);
    const next = nextExecution(state, this.clock.today());
    if (next.action === 'nothing') return { appends: [], result: { outcome: { outcome: 'nothing', status: next.status } } };
    if (next.action === 'wait') return { appends: [], result: { outcome: { outcome: 'not-due', effectiveDate: next.until } } };
    const context: CommandContext = { ...EXECUTOR_CONTEXT, correlationId: streamId };
    const metadata = metadataOf(context, { source: 'proposal' });
    const decide = (command: ProposalCommand): StreamAppend => ({ streamId, expectedVersion: version, events: toNewEvents(proposalDecider().decide(command, state), metadata) });
    const at = this.clock.now();
    const today = this.clock.today();
    try {
      const { plan, results } = await this.decisions.prepare([{ ...next.decision, operations: next.operations, proposalId }], context, 'proposal');
      const createdUnits = results[0]?.createdUnits ?? [];
      const executed = decide({ type: 'RecordExecution', data: { proposalId, at, today, decisionKey: decisionKey(next.decision.issuer, next.decision.number, next.decision.date), createdUnits } });
      const appends = [...plan.appends, executed];
      return { appends, result: { outcome: { outcome: 'executed', lastPosition: 0, createdUnits } } };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // A refusal read from a register another executor has just changed is settled by the version check.
      const errors = error.violations.map(({ code, detail, path, operationIndex }): ExecutionError => ({
        code,
        detail,
        ...(path !== undefined ? { path } : {}),
        ...(operationIndex !== undefined ? { operationIndex } : {}),
      }));
      return { appends: [decide({ type: 'RecordExecutionFailure', data: { proposalId, at, today, errors } })], result: { outcome: { outcome: 'failed', lastPosition: 0, errors } } };
    }
  }
}
