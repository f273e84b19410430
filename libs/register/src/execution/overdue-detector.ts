import { approvalProcess } from '@reorg/domain/approval';
import type { ProposalEvent } from '@reorg/domain/proposals';
import type { EventStore } from '@reorg/event-store';
import type { Clock } from '../clock';
import { CommandPipeline } from '../command-pipeline';
import { metadataOf } from '../command-context';
import { toNewEvents } from '../register-repository';
import { proposalDecider } from '../proposals/proposal-decider';
import { EXECUTOR_CONTEXT, loadProposal } from './proposal-executor';

export type StepOverdueData = Extract<ProposalEvent, { type: 'StepOverdue' }>['data'];

/**
 * Sends the domain's MarkStepOverdue for every pending step past its due date (the approval
 * process decides which) and appends the StepOverdue events in one write. The append expects the
 * version just read, so two detectors never flag the same step twice.
 */
export class OverdueDetector {
  private readonly pipeline: CommandPipeline;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {
    this.pipeline = new CommandPipeline(store);
  }

  /** Returns the steps flagged by this call. */
  async flag(proposalId: string): Promise<StepOverdueData[]> {
    const { flagged } = await this.pipeline.run({
      decide: async () => {
        const { streamId, state, version } = await loadProposal(this.store, proposalId);
        const decider = proposalDecider();
        const commands = approvalProcess(state, { today: this.clock.today(), at: this.clock.now() }).filter((command) => command.type === 'MarkStepOverdue');
        const events = commands.flatMap((command) => decider.decide(command, state));
        const stepOverdue = events.flatMap((event) => (event.type === 'StepOverdue' ? [event.data] : []));
        const metadata = metadataOf({ ...EXECUTOR_CONTEXT, correlationId: streamId });
        return { appends: events.length ? [{ streamId, expectedVersion: version, events: toNewEvents(events, metadata) }] : [], result: { flagged: stepOverdue } };
      },
      replay: () => Promise.reject(new Error('the detector sends no command id: nothing to replay')),
    });
    return flagged;
  }
}
