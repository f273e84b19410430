import { DomainRefusal, type GoverningBodyEvent, type IsoDate, type Operation, UNIT_EVENT_TYPES, yearOf } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { type CommandContext, metadataOf } from './command-context';
import { retryOnConflict } from './retry-on-conflict';
import { DecisionService } from './decision-service';
import { RegisterRepository, toNewEvents } from './register-repository';
import { Streams } from './streams';

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

  constructor(private readonly store: EventStore) {
    this.repository = new RegisterRepository(store);
    this.decisions = new DecisionService(store);
  }

  async abolish(bodyId: string, input: AbolitionInput, context: CommandContext): Promise<{ transferredUnitIds: string[]; lastPosition: number }> {
    return retryOnConflict(() => this.tryAbolish(bodyId, input, context));
  }

  private async tryAbolish(bodyId: string, input: AbolitionInput, context: CommandContext) {
    const done = context.commandId ? await this.store.commandResult(context.commandId) : undefined;
    if (done) {
      // A retry of an abolition that committed (its answer lost): the units its decision moved, not "already abolished".
      const { recorded } = await this.repository.loadDecision(input.decision.issuer ?? DEFAULT_ISSUER, input.decision.number, yearOf(input.decision.date));
      return { transferredUnitIds: recorded?.touchedUnitIds ?? [], lastPosition: done.lastPosition };
    }
    const body = await this.repository.loadBody(bodyId);
    if (!body) throw new DomainRefusal('NOT_FOUND', [{ code: 'NOT_FOUND', detail: `no governing body ${bodyId}` }]);
    const state = body.value.asOf(input.effectiveDate);
    if (!state || state.status !== 'ACTIVE' || body.value.abolishedOn()) {
      throw new DomainRefusal('INVALID_STATE', [{ code: 'INVALID_STATE', detail: `governing body ${bodyId} is already abolished` }]);
    }
    if (input.transferUnitsTo === bodyId) {
      throw new DomainRefusal('RULE_VIOLATION', [{ code: 'TRANSFER_TO_SAME_BODY', detail: 'units cannot be transferred to the body being abolished', path: 'transferUnitsTo' }]);
    }
    const unitIds = await this.unitsUnder(bodyId, input.effectiveDate);
    const operations: Operation[] = unitIds.map((unitId) => ({ type: 'TRANSFER', unitId, toGoverningBodyId: input.transferUnitsTo }));
    const issuer = input.decision.issuer ?? DEFAULT_ISSUER;
    const metadata = metadataOf(context, { source: 'abolition' });
    const abolished: GoverningBodyEvent = {
      type: 'GoverningBodyAbolished',
      data: { bodyId, effectiveDate: input.effectiveDate, decision: { number: input.decision.number, date: input.decision.date }, transferUnitsTo: input.transferUnitsTo },
    };
    const { plan } = operations.length
      ? await this.decisions.prepare(
          [{ number: input.decision.number, date: input.decision.date, effectiveDate: input.effectiveDate, issuer, signer: input.decision.signer ?? issuer, operations }],
          context,
          'abolition',
        )
      : { plan: undefined };
    const appends = [...(plan?.appends ?? []), { streamId: Streams.body(bodyId), expectedVersion: body.version, events: toNewEvents([abolished], metadata) }];
    const appended = await this.store.appendMultiple(appends, { commandId: context.commandId });
    return { transferredUnitIds: unitIds, lastPosition: appended.lastPosition };
  }

  /**
   * Units under the body on the date. Abolitions are rare, so this scans the log for units that were
   * ever under the body instead of keeping an index; each candidate is then checked on its timeline.
   */
  private async unitsUnder(bodyId: string, date: IsoDate): Promise<string[]> {
    const candidates = new Set<string>();
    for (let after = 0; ; ) {
      const events = await this.store.readAll({ after, maxCount: 5000, consistency: 'committed' });
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
