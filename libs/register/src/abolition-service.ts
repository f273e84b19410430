import { type BodyOperation, DomainRefusal, type IsoDate, type LevelValidity, type Violation, yearOf } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import type { CommandContext } from './command-context';
import { DecisionService } from './decision-service';
import { RegisterRepository } from './register-repository';
import { retryOnConflict } from './retry-on-conflict';

export interface AbolitionInput {
  effectiveDate: IsoDate;
  decision: { number: string; date: IsoDate; issuer?: string; signer?: string };
  /** Where the units go that `unitDestinations` does not name (required when some unit is left over). */
  transferUnitsTo?: string;
  /** A destination per unit: the body's units may go to several bodies. */
  unitDestinations?: { unitId: string; toBodyId: string }[];
}

export const DEFAULT_ISSUER = 'Ủy ban nhân dân tỉnh';

/**
 * Abolishes a governing body on a date, its units moving to their destinations (or the default),
 * as one restructuring decision: the same decider (restructureBodies) as a decision's
 * bodyOperations, so transfers name the decision and the body's lineage records its successors.
 */
export class AbolitionService {
  private readonly repository: RegisterRepository;
  private readonly decisions: DecisionService;

  constructor(
    private readonly store: EventStore,
    levels: readonly LevelValidity[] = [],
  ) {
    this.repository = new RegisterRepository(store);
    this.decisions = new DecisionService(store, levels);
  }

  async abolish(bodyId: string, input: AbolitionInput, context: CommandContext): Promise<{ transferredUnitIds: string[]; lastPosition: number }> {
    return retryOnConflict(() => this.tryAbolish(bodyId, input, context));
  }

  private async tryAbolish(bodyId: string, input: AbolitionInput, context: CommandContext) {
    const issuer = input.decision.issuer ?? DEFAULT_ISSUER;
    const done = context.commandId ? await this.store.commandResult(context.commandId) : undefined;
    if (done) {
      // A retry of an abolition that committed (its answer lost): the units its decision moved, not "already abolished".
      const { recorded } = await this.repository.loadDecision(issuer, input.decision.number, yearOf(input.decision.date));
      return { transferredUnitIds: recorded?.touchedUnitIds ?? [], lastPosition: done.lastPosition };
    }
    const body = await this.repository.loadBody(bodyId);
    if (!body) throw new DomainRefusal('NOT_FOUND', [{ code: 'NOT_FOUND', detail: `no governing body ${bodyId}`, variant: 'body', params: { body: bodyId } }]);
    const state = body.value.asOf(input.effectiveDate);
    if (!state || state.status !== 'ACTIVE' || body.value.abolishedOn()) {
      throw new DomainRefusal('INVALID_STATE', [{ code: 'INVALID_STATE', detail: `governing body ${bodyId} is already abolished`, variant: 'bodyAbolished', params: { body: bodyId } }]);
    }
    if (input.transferUnitsTo === bodyId) {
      throw new DomainRefusal('RULE_VIOLATION', [{ code: 'TRANSFER_TO_SAME_BODY', detail: 'units cannot be transferred to the body being abolished', variant: 'abolished', path: 'transferUnitsTo' }]);
    }
    const operation = abolitionOperation(bodyId, input);
    const { plan } = await this.decisions
      .prepare(
        [{ number: input.decision.number, date: input.decision.date, effectiveDate: input.effectiveDate, issuer, signer: input.decision.signer ?? issuer, operations: [], bodyOperations: [operation] }],
        context,
        'abolition',
      )
      .catch((error: unknown) => {
        throw error instanceof DomainRefusal ? new DomainRefusal(error.kind, error.violations.map(asRequestField)) : error;
      });
    const transferredUnitIds = plan.appends.flatMap((append) => append.events.filter((e) => e.type === 'UnitTransferred').map((e) => String(e.data.unitId)));
    const appended = await this.store.appendMultiple(plan.appends, { commandId: context.commandId });
    return { transferredUnitIds, lastPosition: appended.lastPosition };
  }
}

/** One destination for every unit: an abolition; a destination per unit: a split of the body that ends it. */
function abolitionOperation(bodyId: string, input: AbolitionInput): BodyOperation {
  if (!input.unitDestinations?.length) return { type: 'ABOLISH_BODY', bodyId, ...(input.transferUnitsTo ? { transferUnitsToId: input.transferUnitsTo } : {}) };
  return {
    type: 'SPLIT_BODY',
    bodyId,
    ...(input.transferUnitsTo ? { defaultBodyId: input.transferUnitsTo } : {}),
    unitDestinations: input.unitDestinations.map(({ unitId, toBodyId }) => ({ unitId, toBodyId })),
  };
}

/** A refusal of the decision this request makes, naming the request's own fields. */
function asRequestField({ decisionIndex: _decision, ...violation }: Violation): Violation {
  const path = violation.path
    ?.replace(/^bodyOperations\[0\]\.(transferUnitsToId|defaultBodyId)$/, 'transferUnitsTo')
    .replace(/^bodyOperations\[0\]\.unitDestinations\[(\d+)\]\.toBodyId$/, 'unitDestinations[$1].toBodyId')
    .replace(/^bodyOperations\[0\]\.unitDestinations\[(\d+)\](\.unitId)?$/, 'unitDestinations[$1].unitId')
    .replace(/^bodyOperations\[0\]\.(unitDestinations|bodyId)$/, (_, field: string) => (field === 'bodyId' ? 'id' : field));
  return { ...violation, ...(path ? { path } : {}) };
}
