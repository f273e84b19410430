import { DomainRefusal, type NewUnit, type Operation, type OperationType } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { AnnulmentService, BaselineService, type CommandContext, type DecisionInput, DecisionService, GoverningBodyService, ProvinceMergerService } from '@reorg/register';
import { BASELINE_AS_OF, type HistoryPlan, ISSUER, MERGER_ISSUER, type PlannedDecision } from './history-plan';

const ADMIN: CommandContext = { actor: 'property-test', roles: ['admin'] };

/** What the register accepted of a plan, for coverage statistics and failure reports. */
export interface RecordingOutcome {
  bodyIds: Record<string, string>;
  accepted: PlannedDecision[];
  refused: { number: string; reason: string }[];
  annulled: string[];
  /** Accepted decisions recorded after one effective later than them. */
  backFills: number;
  operationTypes: Set<OperationType>;
  /** Body operation types of accepted decisions, and whether the province merger was accepted. */
  bodyOperationTypes: Set<string>;
  merged: boolean;
}

/**
 * Records the plan through the real application services: bodies, the baseline, then each step
 * in recording order. Refusals by the register are expected (out-of-order back-fills can
 * conflict) and are kept as data; any other error fails the run.
 */
export async function recordHistory(store: EventStore, plan: HistoryPlan): Promise<RecordingOutcome> {
  const bodies = new GoverningBodyService(store);
  const bodyIds: Record<string, string> = {};
  for (const body of plan.bodies) bodyIds[body.code] = (await bodies.register({ ...body, level: 'PROVINCE', ...(body.province ? { province: body.province } : {}) }, ADMIN)).bodyId;
  await new BaselineService(store).import(BASELINE_AS_OF, plan.baseline, ADMIN);

  const decisions = new DecisionService(store);
  const annulments = new AnnulmentService(store);
  const mergers = new ProvinceMergerService(store);
  const outcome: RecordingOutcome = { bodyIds, accepted: [], refused: [], annulled: [], backFills: 0, operationTypes: new Set(), bodyOperationTypes: new Set(), merged: false };
  let latestAccepted = '';
  for (const step of plan.recording) {
    if (step.kind === 'decisions') {
      const batch = step.indices.map((i) => plan.decisions[i]);
      const merger = batch[0].mergesProvince;
      const refusal = await refusalOf(() =>
        merger
          ? mergers.merge({ province: merger, effectiveDate: batch[0].effectiveDate, decision: { number: batch[0].number, date: batch[0].effectiveDate, issuer: MERGER_ISSUER } }, ADMIN)
          : decisions.record(batch.map((d) => toInput(d, bodyIds)), ADMIN, 'import'),
      );
      if (refusal) {
        batch.forEach((d) => outcome.refused.push({ number: d.number, reason: refusal }));
        continue;
      }
      for (const d of batch) {
        if (d.effectiveDate < latestAccepted) outcome.backFills += 1;
        if (d.effectiveDate > latestAccepted) latestAccepted = d.effectiveDate;
        d.operations.forEach((op) => outcome.operationTypes.add(op.type));
        d.bodyOperations?.forEach((op) => outcome.bodyOperationTypes.add(op.type));
        if (d.mergesProvince) outcome.merged = true;
        outcome.accepted.push(d);
      }
      continue;
    }
    const live = outcome.accepted.filter((d) => !outcome.annulled.includes(d.number) && !d.mergesProvince);
    if (live.length === 0) continue;
    const target = live[step.target % live.length];
    const refusal = await refusalOf(() =>
      annulments.annul({ number: target.number, issuer: ISSUER, reason: 'ghi nhầm', annulledBy: { number: `H${outcome.annulled.length + 1}/QĐ-UBND`, date: '2025-01-02' } }, ADMIN),
    );
    if (!refusal) outcome.annulled.push(target.number);
  }
  return outcome;
}

async function refusalOf(command: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await command();
    return undefined;
  } catch (error) {
    if (error instanceof DomainRefusal) return error.violations.map((v) => v.code).join(',') || error.kind;
    throw error;
  }
}

function toInput(decision: PlannedDecision, bodyIds: Record<string, string>): DecisionInput {
  const bodyId = (code: string) => bodyIds[code];
  const newUnit = (unit: NewUnit): NewUnit => ({ ...unit, governingBodyId: bodyId(unit.governingBodyId) });
  const operation = (op: Operation): Operation => {
    switch (op.type) {
      case 'ESTABLISH':
        return { ...op, unit: newUnit(op.unit) };
      case 'CONSOLIDATE':
      case 'SEPARATE':
        return { ...op, newUnit: newUnit(op.newUnit) };
      case 'DIVIDE':
        return { ...op, newUnits: op.newUnits.map(newUnit) };
      case 'TRANSFER':
        return { ...op, toGoverningBodyId: bodyId(op.toGoverningBodyId) };
      default:
        return op;
    }
  };
  return {
    number: decision.number,
    date: decision.effectiveDate,
    effectiveDate: decision.effectiveDate,
    signer: 'Chủ tịch',
    issuer: ISSUER,
    operations: decision.operations.map(operation),
    ...(decision.bodyOperations ? { bodyOperations: decision.bodyOperations } : {}),
  };
}
