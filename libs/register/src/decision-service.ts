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
  unitReferences,
  yearOf,
} from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { type CommandContext, metadataOf } from './command-context';
import { retryOnConflict } from './retry-on-conflict';
import type { DecisionEvent } from './register-events';
import { AppendPlan, type DecisionState, type LoadedRegister, RegisterRepository, toNewEvents } from './register-repository';
import { Streams, decisionKey } from './streams';

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

  constructor(
    private readonly store: EventStore,
    /** When each administrative level exists (data); empty: every level always. */
    private readonly levels: readonly LevelValidity[] = [],
  ) {
    this.repository = new RegisterRepository(store);
  }

  async record(decisions: DecisionInput[], context: CommandContext, source: DecisionSource): Promise<RecordedDecisions> {
    return retryOnConflict(() => this.tryRecord(decisions, context, source));
  }

  private async tryRecord(decisions: DecisionInput[], context: CommandContext, source: DecisionSource): Promise<RecordedDecisions> {
    const recorded = context.commandId ? await this.store.commandResult(context.commandId) : undefined;
    if (recorded) return this.replayed(decisions, recorded.lastPosition);
    const { plan, results } = await this.prepare(decisions, context, source);
    const appended = await this.store.appendMultiple(plan.appends, { commandId: context.commandId });
    if (appended.idempotentReplay) return this.replayed(decisions, appended.lastPosition);
    return { recorded: decisions.length, decisions: results, lastPosition: appended.lastPosition };
  }

  /** A repeated command appended nothing: answer with the units the first one created, not this attempt's fresh ids. */
  private async replayed(decisions: DecisionInput[], lastPosition: number): Promise<RecordedDecisions> {
    const results: RecordedDecisions['decisions'] = [];
    for (const input of decisions) {
      const { recorded } = await this.repository.loadDecision(input.issuer, input.number, yearOf(input.date));
      results.push({ number: input.number, createdUnits: (recorded?.createdUnits ?? []).map(({ code, unitId }) => ({ code, unitId })) });
    }
    return { recorded: decisions.length, decisions: results, lastPosition };
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

  /** A decision number is recorded once per issuer and year, unless the earlier record was annulled. */
  private async decisionStates(decisions: DecisionInput[]): Promise<DecisionState[]> {
    const seen = new Set<string>();
    const states: DecisionState[] = [];
    for (const [index, input] of decisions.entries()) {
      const key = decisionKey(input.issuer, input.number, input.date).toLocaleUpperCase('vi');
      const state = await this.repository.loadDecision(input.issuer, input.number, yearOf(input.date));
      if (seen.has(key) || (state.recorded && !state.annulled)) {
        const year = yearOf(input.date);
        throw new DomainRefusal('DUPLICATE_DECISION', [
          {
            code: 'DUPLICATE_DECISION',
            detail: `decision ${input.number} of ${input.issuer} of ${year} is already recorded (a number is unique per issuer and year)`,
            params: { number: input.number, issuer: input.issuer, year },
            decisionIndex: index,
            path: `decisions[${index}].number`,
          },
        ]);
      }
      seen.add(key);
      states.push(state);
    }
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
