import { randomUUID } from 'node:crypto';
import {
  type BodyOperation,
  DomainRefusal,
  type LevelValidity,
  bodyCodesOf,
  bodyIdsOf,
  unitsNamedBy,
  type IsoDate,
  type Operation,
  type Violation,
  WorkingRegister,
  applyDecision,
  bodyReferences,
  newUnitsOf,
  refuseDuplicateDecisions,
  unitReferences,
  yearOf,
} from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { CommandPipeline } from '../command-pipeline';
import { type CommandContext, metadataOf } from '../command-context';
import type { DecisionEvent } from '../register-events';
import { AppendPlan, type DecisionState, type LoadedRegister, RegisterRepository, toNewEvents } from '../register-repository';
import { Streams, decisionKey } from '../streams';

export interface DecisionInput {
  number: string;
  date: IsoDate;
  effectiveDate: IsoDate;
  signer: string;
  issuer: string;
  operations: Operation[];
  /** Governing-body restructuring, applied before the unit operations. */
  bodyOperations?: BodyOperation[];
  proposalId?: string;
}

export interface RecordedDecisions {
  recorded: number;
  decisions: { number: string; createdUnits: { code: string; unitId: string }[]; establishedBodies?: { code: string; bodyId: string }[] }[];
  lastPosition: number;
}

export type DecisionSource = 'import' | 'proposal' | 'abolition' | 'province-merger';

/** Everything the operations of some decisions name, so that one load serves the whole batch. */
export function needsOf(operations: Operation[], bodyOperations: BodyOperation[] = []) {
  const refs = operations.flatMap(unitReferences);
  const named = bodyOperations.map(unitsNamedBy);
  return {
    unitIds: [...refs.flatMap((r) => (r.id ? [r.id] : [])), ...named.flatMap((n) => n.unitIds)],
    codes: [...refs.flatMap((r) => (r.code ? [r.code] : [])), ...operations.flatMap(newUnitsOf).map((u) => u.code), ...named.flatMap((n) => n.codes)],
    bodyIds: [...operations.flatMap(bodyReferences), ...bodyOperations.flatMap(bodyIdsOf)],
    bodyCodes: bodyOperations.flatMap(bodyCodesOf),
    unitsUnderBodies: bodyOperations.length > 0,
  };
}

/**
 * Records decisions (back-filled or executed from proposals): applied in order, all or nothing, in
 * one atomic multi-stream append; a lost race re-reads and re-decides.
 */
export class DecisionService {
  private readonly repository: RegisterRepository;
  private readonly pipeline: CommandPipeline;

  constructor(
    store: EventStore,
    /** When each administrative level exists (data); empty: every level always. */
    private readonly levels: readonly LevelValidity[] = [],
  ) {
    this.repository = new RegisterRepository(store);
    this.pipeline = new CommandPipeline(store);
  }

  record(decisions: DecisionInput[], context: CommandContext, source: DecisionSource): Promise<RecordedDecisions> {
    return this.pipeline.run({
      commandId: context.commandId,
      decide: async () => {
        const { plan, results } = await this.prepare(decisions, context, source);
        return { appends: plan.appends, result: { recorded: decisions.length, decisions: results } };
      },
      replay: () => this.replayed(decisions),
    });
  }

  /** A repeated command appended nothing: answer with the units the first one created, not this attempt's fresh ids. */
  private async replayed(decisions: DecisionInput[]): Promise<Omit<RecordedDecisions, 'lastPosition'>> {
    const results: RecordedDecisions['decisions'] = [];
    for (const input of decisions) {
      const { recorded } = await this.repository.loadDecision(input.issuer, input.number, yearOf(input.date));
      results.push({ number: input.number, createdUnits: (recorded?.createdUnits ?? []).map(({ code, unitId }) => ({ code, unitId })) });
    }
    return { recorded: decisions.length, decisions: results };
  }

  /** Decides a batch of decisions and returns the atomic append that records them (not yet written). */
  async prepare(decisions: DecisionInput[], context: CommandContext, source: DecisionSource): Promise<{ plan: AppendPlan; results: RecordedDecisions['decisions'] }> {
    const register = await this.repository.load(needsOf(decisions.flatMap((d) => d.operations), decisions.flatMap((d) => d.bodyOperations ?? [])));
    const states = await this.decisionStates(decisions);
    const working = new WorkingRegister(register);
    const plan = new AppendPlan();
    const results: RecordedDecisions['decisions'] = [];
    const recordedEvents: { streamId: string; state: DecisionState; event: DecisionEvent }[] = [];
    for (const [index, input] of decisions.entries()) {
      const key = decisionKey(input.issuer, input.number, input.date);
      const ref = { key, number: input.number, date: input.date, effectiveDate: input.effectiveDate, issuer: input.issuer, signer: input.signer };
      const outcome = applyDecision(
        working,
        { decision: ref, operations: input.operations, ...(input.bodyOperations?.length ? { bodyOperations: input.bodyOperations } : {}), proposalId: input.proposalId, levels: this.levels },
        randomUUID,
      );
      if (!outcome.ok) throw new DomainRefusal('RULE_VIOLATION', outcome.violations.map((v): Violation => ({ ...v, decisionIndex: index })));
      const { createdUnits, touchedUnitIds, establishedBodies } = outcome.value;
      results.push({
        number: input.number,
        createdUnits: createdUnits.map(({ code, unitId }) => ({ code, unitId })),
        ...(establishedBodies ? { establishedBodies: establishedBodies.map(({ code, bodyId }) => ({ code, bodyId })) } : {}),
      });
      recordedEvents.push({
        streamId: Streams.decision(input.issuer, input.number),
        state: states[index],
        event: {
          type: 'DecisionRecorded',
          data: {
            ...ref,
            operations: input.operations,
            ...(input.bodyOperations?.length ? { bodyOperations: input.bodyOperations, establishedBodies: establishedBodies ?? [] } : {}),
            ...(input.proposalId ? { proposalId: input.proposalId } : {}),
            source,
            createdUnits,
            touchedUnitIds,
          },
        },
      });
    }
    const metadata = metadataOf(context, { source });
    this.planCodes(plan, register, working, metadata);
    planBodies(plan, register, working, metadata);
    for (const { unitId, event } of working.pending) plan.add(Streams.unit(unitId), register.unitVersion(unitId), toNewEvents([event], metadata));
    for (const { streamId, state, event } of recordedEvents) plan.add(streamId, state.version === 0 ? 'no_stream' : state.version, toNewEvents([event], metadata));
    return { plan, results };
  }

  private planCodes(plan: AppendPlan, register: LoadedRegister, working: WorkingRegister, metadata: ReturnType<typeof metadataOf>): void {
    for (const { code, unitId } of working.reservedCodes) {
      plan.add(Streams.unitCode(code), register.codeVersion(code), toNewEvents([{ type: 'UnitCodeReserved', data: { code, unitId } }], metadata));
    }
  }

  /** Each decision's stream; the domain refuses a number already standing for its issuer in that year. */
  private async decisionStates(decisions: DecisionInput[]): Promise<DecisionState[]> {
    const states: DecisionState[] = [];
    for (const input of decisions) states.push(await this.repository.loadDecision(input.issuer, input.number, yearOf(input.date)));
    refuseDuplicateDecisions(decisions.map((input, index) => ({ issuer: input.issuer, number: input.number, date: input.date, standing: !!states[index].recorded && !states[index].annulled })));
    return states;
  }
}

/** Body codes reserved and body events of a restructuring or a merger, for the same atomic append. */
export function planBodies(plan: AppendPlan, register: LoadedRegister, working: WorkingRegister, metadata: ReturnType<typeof metadataOf>): void {
  for (const { code, bodyId } of working.reservedBodyCodes) {
    plan.add(Streams.bodyCode(code), 'no_stream', toNewEvents([{ type: 'GoverningBodyCodeReserved', data: { code, bodyId } }], metadata));
  }
  for (const { bodyId, event } of working.pendingBodies) plan.add(Streams.body(bodyId), register.bodyVersion(bodyId), toNewEvents([event], metadata));
}
