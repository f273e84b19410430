import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ExecuteApprovedProposal, FlagOverdueSteps } from '../commands/execution.commands';
import { OverdueDetector } from './overdue-detector';
import { ProposalExecutor } from './proposal-executor';

@CommandHandler(ExecuteApprovedProposal)
export class ExecuteApprovedProposalHandler implements ICommandHandler<ExecuteApprovedProposal> {
  constructor(@Inject(ProposalExecutor) private readonly executor: ProposalExecutor) {}

  execute({ proposalId }: ExecuteApprovedProposal) {
    return this.executor.execute(proposalId);
  }
}

@CommandHandler(FlagOverdueSteps)
export class FlagOverdueStepsHandler implements ICommandHandler<FlagOverdueSteps> {
  constructor(@Inject(OverdueDetector) private readonly detector: OverdueDetector) {}

  execute({ proposalId }: FlagOverdueSteps) {
    return this.detector.flag(proposalId);
  }
}
