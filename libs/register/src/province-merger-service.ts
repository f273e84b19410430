import { DomainRefusal, type IsoDate, WorkingRegister, mergeProvince, yearOf } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { type CommandContext, metadataOf } from './command-context';
import { planBodies } from './decision-service';
import { AppendPlan, RegisterRepository, toNewEvents } from './register-repository';
import { retryOnConflict } from './retry-on-conflict';
import { Streams, decisionKey } from './streams';

export interface ProvinceMergerInput {
  province: string;
  effectiveDate: IsoDate;
  decision: { number: string; date: IsoDate; issuer: string; signer?: string };
}

/**
 * A second province's register joins this one on a date (a province merger): its bodies and active
 * units JOIN in one atomic append with the decision that merges it, recorded like any decision.
 */
export class ProvinceMergerService {
  private readonly repository: RegisterRepository;

  constructor(private readonly store: EventStore) {
    this.repository = new RegisterRepository(store);
  }

  merge(input: ProvinceMergerInput, context: CommandContext): Promise<{ joinedBodyIds: string[]; joinedUnitIds: string[]; lastPosition: number }> {
    return retryOnConflict(() => this.tryMerge(input, context));
  }

  private async tryMerge(input: ProvinceMergerInput, context: CommandContext) {
    const { issuer, number } = input.decision;
    const done = context.commandId ? await this.store.commandResult(context.commandId) : undefined;
    const state = await this.repository.loadDecision(issuer, number, yearOf(input.decision.date));
    if (done && state.recorded) return { joinedBodyIds: [], joinedUnitIds: state.recorded.touchedUnitIds, lastPosition: done.lastPosition };
    if (state.recorded && !state.annulled) {
      throw new DomainRefusal('DUPLICATE_DECISION', [{ code: 'DUPLICATE_DECISION', detail: `decision ${number} of ${issuer} is already recorded`, variant: 'anyYear', params: { number, issuer }, path: 'decision.number' }]);
    }
    const register = await this.repository.load({ provinces: [input.province] });
    const working = new WorkingRegister(register);
    const ref = { key: decisionKey(issuer, number, input.decision.date), number, date: input.decision.date, effectiveDate: input.effectiveDate, issuer, signer: input.decision.signer ?? issuer };
    const outcome = mergeProvince(working, { province: input.province, decision: ref });
    if (!outcome.ok) throw new DomainRefusal('RULE_VIOLATION', outcome.violations);
    const metadata = metadataOf(context, { source: 'province-merger' });
    const plan = new AppendPlan();
    planBodies(plan, register, working, metadata);
    for (const { unitId, event } of working.pending) plan.add(Streams.unit(unitId), register.unitVersion(unitId), toNewEvents([event], metadata));
    const recorded = { type: 'DecisionRecorded', data: { ...ref, operations: [], source: 'province-merger', createdUnits: [], touchedUnitIds: outcome.value.joinedUnitIds, province: input.province } };
    plan.add(Streams.decision(issuer, number), state.version === 0 ? 'no_stream' : state.version, toNewEvents([recorded], metadata));
    const appended = await this.store.appendMultiple(plan.appends, { commandId: context.commandId });
    return { ...outcome.value, lastPosition: appended.lastPosition };
  }
}
