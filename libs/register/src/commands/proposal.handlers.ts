import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApprovalService } from '../approval/approval-service';
import { ProposalService } from '../proposals/proposal-service';
import { AmendProposal, AttachFile, CreateProposal, DecideStep, SubmitProposal, WithdrawProposal } from './proposal.commands';

@CommandHandler(CreateProposal)
export class CreateProposalHandler implements ICommandHandler<CreateProposal> {
  constructor(@Inject(ProposalService) private readonly proposals: ProposalService) {}

  execute({ content, actor, context }: CreateProposal) {
    return this.proposals.create(content, actor, context);
  }
}

@CommandHandler(AmendProposal)
export class AmendProposalHandler implements ICommandHandler<AmendProposal> {
  constructor(@Inject(ProposalService) private readonly proposals: ProposalService) {}

  execute({ proposalId, expectedDossierVersion, content, actor, context }: AmendProposal) {
    return this.proposals.amend(proposalId, expectedDossierVersion, content, actor, context);
  }
}

@CommandHandler(WithdrawProposal)
export class WithdrawProposalHandler implements ICommandHandler<WithdrawProposal> {
  constructor(@Inject(ProposalService) private readonly proposals: ProposalService) {}

  execute({ proposalId, reason, actor, context }: WithdrawProposal) {
    return this.proposals.withdraw(proposalId, reason, actor, context);
  }
}

@CommandHandler(AttachFile)
export class AttachFileHandler implements ICommandHandler<AttachFile> {
  constructor(@Inject(ProposalService) private readonly proposals: ProposalService) {}

  execute({ proposalId, file, actor, context }: AttachFile) {
    return this.proposals.addAttachment(proposalId, file, actor, context);
  }
}

@CommandHandler(SubmitProposal)
export class SubmitProposalHandler implements ICommandHandler<SubmitProposal> {
  constructor(@Inject(ApprovalService) private readonly approvals: ApprovalService) {}

  execute({ proposalId, actor, context }: SubmitProposal) {
    return this.approvals.submit(proposalId, actor, context);
  }
}

@CommandHandler(DecideStep)
export class DecideStepHandler implements ICommandHandler<DecideStep> {
  constructor(@Inject(ApprovalService) private readonly approvals: ApprovalService) {}

  execute({ proposalId, stepId, input, approver, context }: DecideStep) {
    return this.approvals.decideStep(proposalId, stepId, input, approver, context);
  }
}

export const PROPOSAL_COMMAND_HANDLERS = [CreateProposalHandler, AmendProposalHandler, WithdrawProposalHandler, AttachFileHandler, SubmitProposalHandler, DecideStepHandler];
