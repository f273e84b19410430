import type { EventStore } from '@reorg/event-store';
import type { Clock } from '../clock';
import { metadataOf } from '../command-context';
import { readWholeStream, toNewEvents } from '../register-repository';
import { retryOnConflict } from '../retry-on-conflict';
import { Streams } from '../streams';
import type { StepOverdueData } from './approval-events';
import { EXECUTOR_CONTEXT } from './proposal-executor';
import { foldProgress } from './proposal-progress';
import { overdueSteps } from './scheduling';

/**
 * Appends one `StepOverdue` per pending step past its due date. The append expects the version
 * just read, so two detectors never flag the same step twice.
 */
export class OverdueDetector {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /** Returns the steps flagged by this call. */
  flag(proposalId: string): Promise<StepOverdueData[]> {
    return retryOnConflict(async () => {
      const streamId = Streams.proposal(proposalId);
      const recorded = await readWholeStream(this.store, streamId);
      const detectedAt = this.clock.now();
      const flagged = overdueSteps(foldProgress(recorded), this.clock.today()).map((step): StepOverdueData => ({ proposalId, ...step, detectedAt }));
      if (flagged.length === 0) return [];
      const metadata = metadataOf({ ...EXECUTOR_CONTEXT, correlationId: streamId });
      await this.store.appendToStream(streamId, recorded.length, toNewEvents(flagged.map((data) => ({ type: 'StepOverdue', data })), metadata));
      return flagged;
    });
  }
}
