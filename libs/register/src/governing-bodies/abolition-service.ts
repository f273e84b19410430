import { type BodyOperation, DomainRefusal, type IsoDate, type LevelValidity, type Violation, decideAbolition, yearOf } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import type { CommandContext } from '../command-context';
import { CommandPipeline, type Committed, type Decided } from '../command-pipeline';
import { DecisionService } from '../decisions/decision-service';
import { RegisterRepository } from '../register-repository';

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
 * The abolition's own refusals (unknown, already abolished, to itself) are the domain's decideAbolition.
 */
export class AbolitionService {
  private readonly repository: RegisterRepository;
  private readonly decisions: DecisionService;
  private readonly pipeline: CommandPipeline;

  constructor(store: EventStore, levels: readonly LevelValidity[] = []) {
    this.repository = new RegisterRepository(store);
    this.decisions = new DecisionService(store, levels);
    this.pipeline = new CommandPipeline(store);
  }

  abolish(bodyId: string, input: AbolitionInput, context: CommandContext): Promise<Committed<{ transferredUnitIds: string[] }>> {
    const issuer = input.decision.issuer ?? DEFAULT_ISSUER;
    return this.pipeline.run({
      commandId: context.commandId,
      decide: () => this.decide(bodyId, input, context, issuer),
      // A retry of an abolition that committed (its answer lost): the units its decision moved, not "already abolished".
      replay: async () => ({ transferredUnitIds: (await this.repository.loadDecision(issuer, input.decision.number, yearOf(input.decision.date))).recorded?.touchedUnitIds ?? [] }),
    });
  }

  private async decide(bodyId: string, input: AbolitionInput, context: CommandContext, issuer: string): Promise<Decided<{ transferredUnitIds: string[] }>> {
    const body = await this.repository.loadBody(bodyId);
    decideAbolition(body?.value, { bodyId, effectiveDate: input.effectiveDate, decision: input.decision, transferUnitsTo: input.transferUnitsTo });
    const { plan } = await this.decisions
      .prepare(
        [{ number: input.decision.number, date: input.decision.date, effectiveDate: input.effectiveDate, issuer, signer: input.decision.signer ?? issuer, operations: [], bodyOperations: [abolitionOperation(bodyId, input)] }],
        context,
        'abolition',
      )
      .catch((error: unknown) => {
        throw error instanceof DomainRefusal ? new DomainRefusal(error.kind, error.violations.map(asRequestField)) : error;
      });
    const transferredUnitIds = plan.appends.flatMap((append) => append.events.filter((e) => e.type === 'UnitTransferred').map((e) => String(e.data.unitId)));
    return { appends: plan.appends, result: { transferredUnitIds } };
  }
}

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
