import { randomUUID } from 'node:crypto';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { type IsoDate, type UnitView, type Violation, previewDecision, unitViewOf } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { needsOf } from '../decisions/decision-service';
import { RegisterRepository } from '../register-repository';
import type { ProposalReader } from '@reorg/domain/proposals';
import { ProposalService } from './proposal-service';

export interface ProposalPreview {
  proposalId: string;
  dossierVersion: number;
  effectiveDate: IsoDate;
  ok: boolean;
  violations: Pick<Violation, 'code' | 'detail' | 'path' | 'operationIndex'>[];
  units: { unitId: string; code: string; isNew: boolean; before?: UnitView; after?: UnitView }[];
}

const PREVIEW_DECISION = 'PREVIEW';

/**
 * The dry run of a proposal: its operations applied by the register's own decider to the register
 * as the event store has it now, on the effective date; nothing is appended.
 */
export class ProposalPreviewService {
  private readonly repository: RegisterRepository;

  constructor(
    store: EventStore,
    private readonly proposals: ProposalService,
  ) {
    this.repository = new RegisterRepository(store);
  }

  async preview(proposalId: string, reader: ProposalReader, effectiveDate?: IsoDate): Promise<ProposalPreview | undefined> {
    const proposal = await this.proposals.get(proposalId, reader);
    if (!proposal) return undefined;
    const { operations, proposedEffectiveDate } = proposal.content;
    const date = effectiveDate ?? proposedEffectiveDate;
    const register = await this.repository.load(needsOf(operations));
    const decision = { key: PREVIEW_DECISION, number: PREVIEW_DECISION, date, effectiveDate: date, issuer: PREVIEW_DECISION, signer: PREVIEW_DECISION };
    const preview = previewDecision(register, { decision, operations, proposalId }, randomUUID);
    return {
      proposalId,
      dossierVersion: proposal.dossierVersion,
      effectiveDate: date,
      ok: preview.ok,
      violations: preview.ok ? [] : preview.violations.map(({ code, detail, path, operationIndex }) => ({ code, detail, ...(path !== undefined ? { path } : {}), ...(operationIndex !== undefined ? { operationIndex } : {}) })),
      units: preview.units.map(({ unitId, code, before, after }) => ({
        unitId,
        code,
        isNew: preview.ok && preview.createdUnitIds.includes(unitId),
        ...(before ? { before: unitViewOf(before) } : {}),
        ...(after ? { after: unitViewOf(after) } : {}),
      })),
    };
  }
}

/** The dry run of a proposal, as sent on the QueryBus: undefined when it does not exist or the reader may not see it. */
export class PreviewProposal extends Query<ProposalPreview | undefined> {
  constructor(
    readonly proposalId: string,
    readonly reader: ProposalReader,
    readonly effectiveDate?: IsoDate,
  ) {
    super();
  }
}

@QueryHandler(PreviewProposal)
export class PreviewProposalHandler implements IQueryHandler<PreviewProposal> {
  constructor(@Inject(ProposalPreviewService) private readonly previews: ProposalPreviewService) {}

  execute({ proposalId, reader, effectiveDate }: PreviewProposal) {
    return this.previews.preview(proposalId, reader, effectiveDate);
  }
}
