import { type ProposalEvent, type ProposalState, PROPOSAL_EVENT_TYPES, evolveProposal, initialProposalState } from '@reorg/domain/proposals';
import type { RecordedEvent } from '@reorg/event-store';
import type { Projection } from '@reorg/projections';
import type { EntityManager } from 'typeorm';
import { ProposalRow } from './proposal-row.entity';

/** The proposals list: each proposal's state folded with the decider's own evolve. */
export const proposalsProjection: Projection = {
  name: 'proposals.v2',
  handles: PROPOSAL_EVENT_TYPES,
  entities: [ProposalRow],
  async apply(recorded: RecordedEvent, tx: EntityManager): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ProposalEvent;
    const id = event.data.proposalId;
    const row = await tx.findOneBy(ProposalRow, { id });
    const before = row ? (JSON.parse(row.state) as ProposalState) : initialProposalState;
    const after = evolveProposal(before, event);
    if (after.status === 'NONE') return;
    await tx.save(ProposalRow, {
      id,
      status: after.status,
      governingBodyId: after.content.governingBodyId,
      draftedPosition: row?.draftedPosition ?? recorded.position,
      state: JSON.stringify(after),
    });
  },
};
