import { randomUUID } from 'node:crypto';
import type { IsoDate } from '@reorg/domain';
import type { ApprovalPolicy, Approver } from '@reorg/domain/approval';
import type { Actor, ProposalCommand, ProposalEvent, ProposalState, StepDecisionInput } from '@reorg/domain/proposals';
import type { EventStore } from '@reorg/event-store';
import { type CommandContext, metadataOf } from '../command-context';
import { needsOf } from '../decisions/decision-service';
import { LoadedRegister, RegisterRepository } from '../register-repository';
import { Streams } from '../streams';
import { decideAndAppend } from '../proposals/decide-and-append';
import { proposalDecider } from '../proposals/proposal-decider';
import type { ProposalResult } from '../proposals/proposal-service';

/** The approval policy in force and the working calendar's public holidays. */
export interface ApprovalSettings {
  policy: ApprovalPolicy;
  holidays: readonly IsoDate[];
}

export interface ApprovalServiceOptions {
  /** The province's calendar date (Asia/Ho_Chi_Minh): deadlines count from it. */
  today: () => IsoDate;
  /** The instant a command happens (ISO-8601 UTC). */
  now?: () => string;
  newId?: () => string;
}

/** Submission and sign-off of proposals: the application side of the proposal decider's approval commands. */
export class ApprovalService {
  private readonly repository: RegisterRepository;
  private readonly now: () => string;
  private readonly newId: () => string;

  constructor(
    private readonly store: EventStore,
    private readonly settings: ApprovalSettings,
    private readonly options: ApprovalServiceOptions,
  ) {
    this.repository = new RegisterRepository(store);
    this.now = options.now ?? (() => new Date().toISOString());
    this.newId = options.newId ?? randomUUID;
  }

  get policy(): ApprovalPolicy {
    return this.settings.policy;
  }

  /** Submits (or resubmits) the dossier: the operations are dry-run against the register as of the proposed date, the policy's chain is frozen. */
  submit(proposalId: string, actor: Actor, context: CommandContext): Promise<ProposalResult> {
    const command: ProposalCommand = { type: 'SubmitProposal', data: { proposalId, actor, at: this.now(), today: this.options.today(), holidays: this.settings.holidays } };
    return this.run(proposalId, command, context, async (state) => {
      if (state.status === 'NONE') return new LoadedRegister();
      const needs = needsOf(state.content.operations);
      return this.repository.load({ ...needs, bodyIds: [state.content.governingBodyId, ...needs.bodyIds] });
    });
  }

  decideStep(proposalId: string, stepId: string, input: StepDecisionInput, approver: Approver, context: CommandContext): Promise<ProposalResult> {
    const command: ProposalCommand = { type: 'DecideStep', data: { proposalId, stepId, input, approver, at: this.now(), today: this.options.today(), holidays: this.settings.holidays } };
    return this.run(proposalId, command, context);
  }

  private async run(proposalId: string, command: ProposalCommand, context: CommandContext, registerFor?: (state: ProposalState) => Promise<LoadedRegister>): Promise<ProposalResult> {
    const deciderWith = (register: LoadedRegister) => proposalDecider({ register, approval: { policy: this.settings.policy, newId: this.newId } });
    const result = await decideAndAppend<ProposalCommand, ProposalState, ProposalEvent>(this.store, {
      decider: deciderWith(new LoadedRegister()),
      ...(registerFor ? { deciderFor: async (state: ProposalState) => deciderWith(await registerFor(state)) } : {}),
      streamId: Streams.proposal(proposalId),
      command,
      metadata: metadataOf(context),
      commandId: context.commandId,
    });
    if (result.state.status === 'NONE') throw new Error(`proposal ${proposalId}: no state after a successful command`);
    return result as ProposalResult;
  }
}
