import { Command } from '@nestjs/cqrs';
import type { Approver } from '@reorg/domain/approval';
import type { Actor, Attachment, DossierContent, StepDecisionInput } from '@reorg/domain/proposals';
import type { CommandContext } from '../command-context';
import type { ProposalResult, UploadedFile } from '../proposals/proposal-service';

/** A proposal's write use cases, as sent on the CommandBus: each answers the proposal as its stream now has it. */

export class CreateProposal extends Command<ProposalResult> {
  constructor(
    readonly content: DossierContent,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class AmendProposal extends Command<ProposalResult> {
  constructor(
    readonly proposalId: string,
    readonly expectedDossierVersion: number,
    readonly content: DossierContent,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class WithdrawProposal extends Command<ProposalResult> {
  constructor(
    readonly proposalId: string,
    readonly reason: string,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class AttachFile extends Command<ProposalResult & { attachment: Attachment }> {
  constructor(
    readonly proposalId: string,
    readonly file: UploadedFile,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class SubmitProposal extends Command<ProposalResult> {
  constructor(
    readonly proposalId: string,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class DecideStep extends Command<ProposalResult> {
  constructor(
    readonly proposalId: string,
    readonly stepId: string,
    readonly input: StepDecisionInput,
    readonly approver: Approver,
    readonly context: CommandContext,
  ) {
    super();
  }
}
