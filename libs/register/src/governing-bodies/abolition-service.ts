import { type IsoDate, type Operation, UNIT_EVENT_TYPES, decideAbolition } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { type CommandContext, metadataOf } from '../command-context';
import { CommandPipeline, type Committed, type Decided } from '../command-pipeline';
import { DecisionService } from '../decisions/decision-service';
import { RegisterRepository, toNewEvents } from '../register-repository';
import { Streams } from '../streams';

export interface AbolitionInput {
  effectiveDate: IsoDate;
  decision: { number: string; date: IsoDate; issuer?: string; signer?: string };
  transferUnitsTo: string;
}

export const DEFAULT_ISSUER = 'Ủy ban nhân dân tỉnh';
const UNIT_TYPES = new Set<string>(UNIT_EVENT_TYPES);

/**
 * Abolishes a governing body on a date and moves every unit still under it to another body, as
 * TRANSFERs recorded with the abolition in one atomic append.
 */
export class AbolitionService {
  private readonly repository: RegisterRepository;
  private readonly decisions: DecisionService;
  private readonly pipeline: CommandPipeline;

  constructor(private readonly store: EventStore) {
    this.repository = new RegisterRepository(store);
    this.decisions = new DecisionService(store);
    this.pipeline = new CommandPipeline(store);
  }

  abolish(bodyId: string, input: AbolitionInput, context: CommandContext): Promise<Committed<{ transferredUnitIds: string[] }>> {
    const issuer = input.decision.issuer ?? DEFAULT_ISSUER;
    return this.pipeline.run({
      commandId: context.commandId,
      decide: () => this.decide(bodyId, input, context),
      // A retry of an abolition that committed (its answer lost): the units its decision moved, not "already abolished".
      replay: async () => ({ transferredUnitIds: (await this.repository.loadDecision(issuer, input.decision.number)).recorded?.touchedUnitIds ?? [] }),
    });
  }

  private async decide(bodyId: string, input: AbolitionInput, context: CommandContext): Promise<Decided<{ transferredUnitIds: string[] }>> {
    const body = await this.repository.loadBody(bodyId);
    const abolished = decideAbolition(body?.value, { bodyId, effectiveDate: input.effectiveDate, decision: input.decision, transferUnitsTo: input.transferUnitsTo });
    const unitIds = await this.unitsUnder(bodyId, input.effectiveDate);
    const operations: Operation[] = unitIds.map((unitId) => ({ type: 'TRANSFER', unitId, toGoverningBodyId: input.transferUnitsTo }));
    const issuer = input.decision.issuer ?? DEFAULT_ISSUER;
    const { plan } = operations.length
      ? await this.decisions.prepare(
          [{ number: input.decision.number, date: input.decision.date, effectiveDate: input.effectiveDate, issuer, signer: input.decision.signer ?? issuer, operations }],
          context,
          'abolition',
        )
      : { plan: undefined };
    const bodyAppend = { streamId: Streams.body(bodyId), expectedVersion: body?.version ?? 'no_stream', events: toNewEvents([abolished], metadataOf(context, { source: 'abolition' })) } as const;
    return { appends: [...(plan?.appends ?? []), bodyAppend], result: { transferredUnitIds: unitIds } };
  }

  /**
   * Units under the body on the date. Abolitions are rare, so this scans the log for units that were
   * ever under the body instead of keeping an index; each candidate is then checked on its timeline.
   */
  private async unitsUnder(bodyId: string, date: IsoDate): Promise<string[]> {
    const candidates = new Set<string>();
    for (let after = 0; ; ) {
      const events = await this.store.readAll({ after, maxCount: 5000 });
      if (events.length === 0) break;
      after = events[events.length - 1].position;
      for (const event of events) {
        if (!UNIT_TYPES.has(event.type)) continue;
        const data = event.data as { unitId: string; attributes?: { governingBodyId?: string }; toGoverningBodyId?: string };
        if (data.attributes?.governingBodyId === bodyId || data.toGoverningBodyId === bodyId) candidates.add(data.unitId);
      }
    }
    const register = await this.repository.load({ unitIds: [...candidates] });
    return [...candidates].filter((id) => {
      const snapshot = register.unit(id)?.asOf(date);
      return snapshot?.status === 'ACTIVE' && snapshot.attributes.governingBodyId === bodyId;
    });
  }
}
