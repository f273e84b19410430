import { type IsoDate, WorkingRegister, DomainRefusal, mergeProvince, refuseDuplicateDecisions, yearOf } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { type CommandContext, metadataOf } from '../command-context';
import { CommandPipeline, type Committed, type Decided } from '../command-pipeline';
import { AppendPlan, RegisterRepository, toNewEvents } from '../register-repository';
import { Streams, decisionKey } from '../streams';
import { planBodies } from './decision-service';

export interface ProvinceMergerInput {
  province: string;
  effectiveDate: IsoDate;
  decision: { number: string; date: IsoDate; issuer: string; signer?: string };
}

export interface ProvinceJoined {
  joinedBodyIds: string[];
  joinedUnitIds: string[];
}

/**
 * A second province's register joins this one on a date (a province merger): its bodies and active
 * units JOIN in one atomic append with the decision that merges it, recorded like any decision.
 */
export class ProvinceMergerService {
  private readonly repository: RegisterRepository;
  private readonly pipeline: CommandPipeline;

  constructor(store: EventStore) {
    this.repository = new RegisterRepository(store);
    this.pipeline = new CommandPipeline(store);
  }

  merge(input: ProvinceMergerInput, context: CommandContext): Promise<Committed<ProvinceJoined>> {
    const { issuer, number, date } = input.decision;
    return this.pipeline.run({
      commandId: context.commandId,
      decide: () => this.decide(input, context),
      // A retry of a merger that committed (its answer lost): the units it joined, not "already recorded".
      replay: async () => ({ joinedBodyIds: [], joinedUnitIds: (await this.repository.loadDecision(issuer, number, yearOf(date))).recorded?.touchedUnitIds ?? [] }),
    });
  }

  private async decide(input: ProvinceMergerInput, context: CommandContext): Promise<Decided<ProvinceJoined>> {
    const { issuer, number, date } = input.decision;
    const state = await this.repository.loadDecision(issuer, number, yearOf(date));
    refuseDuplicateDecisions([{ issuer, number, date, standing: !!state.recorded && !state.annulled }]);
    const register = await this.repository.load({ provinces: [input.province] });
    const working = new WorkingRegister(register);
    const ref = { key: decisionKey(issuer, number, date), number, date, effectiveDate: input.effectiveDate, issuer, signer: input.decision.signer ?? issuer };
    const outcome = mergeProvince(working, { province: input.province, decision: ref });
    if (!outcome.ok) throw new DomainRefusal('RULE_VIOLATION', outcome.violations);
    const metadata = metadataOf(context, { source: 'province-merger' });
    const plan = new AppendPlan();
    planBodies(plan, register, working, metadata);
    for (const { unitId, event } of working.pending) plan.add(Streams.unit(unitId), register.unitVersion(unitId), toNewEvents([event], metadata));
    const recorded = { type: 'DecisionRecorded', data: { ...ref, operations: [], source: 'province-merger', createdUnits: [], touchedUnitIds: outcome.value.joinedUnitIds, province: input.province } };
    plan.add(Streams.decision(issuer, number), state.version === 0 ? 'no_stream' : state.version, toNewEvents([recorded], metadata));
    return { appends: plan.appends, result: outcome.value };
  }
}
