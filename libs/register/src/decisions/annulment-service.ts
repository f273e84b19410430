import { DomainRefusal, type IsoDate, WorkingRegister, annulDecision } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { type CommandContext, metadataOf } from '../command-context';
import { CommandPipeline, type Committed, type Decided } from '../command-pipeline';
import { AppendPlan, RegisterRepository, toNewEvents } from '../register-repository';
import { Streams } from '../streams';

export interface AnnulmentInput {
  number: string;
  issuer: string;
  /** The year of the decision's date; needed only when the issuer used the number in several years. */
  year?: number;
  reason: string;
  annulledBy: { number: string; date: IsoDate };
}

export interface AnnulledDecision {
  number: string;
  issuer: string;
  unitsRestored: string[];
}

/** Reverses a recorded decision by compensating events and frees the codes of the units it created. */
export class AnnulmentService {
  private readonly repository: RegisterRepository;
  private readonly pipeline: CommandPipeline;

  constructor(store: EventStore) {
    this.repository = new RegisterRepository(store);
    this.pipeline = new CommandPipeline(store);
  }

  annul(input: AnnulmentInput, context: CommandContext): Promise<Committed<AnnulledDecision>> {
    return this.pipeline.run({
      commandId: context.commandId,
      decide: () => this.decide(input, context),
      // A retry of an annulment that committed (its answer lost): the same answer, not "already annulled".
      replay: async () => {
        const { recorded } = await this.repository.loadDecision(input.issuer, input.number, input.year);
        return { number: recorded?.number ?? input.number, issuer: recorded?.issuer ?? input.issuer, unitsRestored: recorded?.touchedUnitIds ?? [] };
      },
    });
  }

  private async decide(input: AnnulmentInput, context: CommandContext): Promise<Decided<AnnulledDecision>> {
    const state = await this.repository.loadDecision(input.issuer, input.number, input.year);
    if (state.ambiguousYears) {
      const years = state.ambiguousYears.join(', ');
      throw new DomainRefusal('RULE_VIOLATION', [
        {
          code: 'DECISION_YEAR_REQUIRED',
          detail: `${input.issuer} recorded decision ${input.number} in ${years}; name the year of the one to annul`,
          params: { issuer: input.issuer, number: input.number, years },
          path: 'year',
        },
      ]);
    }
    if (!state.recorded) {
      throw new DomainRefusal('NOT_FOUND', [{ code: 'NOT_FOUND', detail: `no decision ${input.number} of ${input.issuer} is recorded`, variant: 'decision', params: { number: input.number, issuer: input.issuer } }]);
    }
    if (state.annulled) {
      throw new DomainRefusal('INVALID_STATE', [{ code: 'INVALID_STATE', detail: `decision ${input.number} of ${input.issuer} is already annulled`, variant: 'alreadyAnnulled', params: { number: input.number, issuer: input.issuer } }]);
    }
    const recorded = state.recorded;
    if (recorded.bodyOperations?.length || recorded.source === 'province-merger') {
      throw new DomainRefusal('INVALID_STATE', [
        {
          code: 'INVALID_STATE',
          detail: `decision ${input.number} of ${input.issuer} restructured governing bodies or merged a province: it cannot be reversed by annulment; record a new decision`,
          variant: 'restructuringNotAnnullable',
          params: { number: input.number, issuer: input.issuer },
        },
      ]);
    }
    const created = recorded.createdUnits;
    const register = await this.repository.load({ unitIds: recorded.touchedUnitIds, codes: created.map((c) => c.code) });
    const working = new WorkingRegister(register);
    const outcome = annulDecision(working, {
      decisionKey: recorded.key,
      effectiveDate: recorded.effectiveDate,
      touchedUnitIds: recorded.touchedUnitIds,
      createdUnitIds: created.map((c) => c.unitId),
      annulledBy: input.annulledBy,
      reason: input.reason,
    });
    if (!outcome.ok) throw new DomainRefusal('RULE_VIOLATION', outcome.violations);
    const metadata = metadataOf(context, { source: 'annulment' });
    const plan = new AppendPlan();
    for (const { unitId, event } of working.pending) plan.add(Streams.unit(unitId), register.unitVersion(unitId), toNewEvents([event], metadata));
    for (const { code, unitId } of created) {
      plan.add(Streams.unitCode(code), register.codeVersion(code), toNewEvents([{ type: 'UnitCodeReleased', data: { code, unitId, reason: 'decision annulled' } }], metadata));
    }
    plan.add(
      Streams.decision(input.issuer, input.number),
      state.version,
      toNewEvents([{ type: 'DecisionAnnulled', data: { key: recorded.key, number: recorded.number, issuer: recorded.issuer, reason: input.reason, annulledBy: input.annulledBy } }], metadata),
    );
    return { appends: plan.appends, result: { number: recorded.number, issuer: recorded.issuer, unitsRestored: recorded.touchedUnitIds } };
  }
}
