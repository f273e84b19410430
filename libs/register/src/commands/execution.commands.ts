import { Command } from '@nestjs/cqrs';
import type { ExecutionOutcome } from '../execution/proposal-executor';
import type { StepOverdueData } from '../execution/overdue-detector';

/** The approval process's commands, sent by the scheduler when the schedule says a proposal is due or a step is late. */

export class ExecuteApprovedProposal extends Command<ExecutionOutcome> {
  constructor(readonly proposalId: string) {
    super();
  }
}

export class FlagOverdueSteps extends Command<StepOverdueData[]> {
  constructor(readonly proposalId: string) {
    super();
  }
}
