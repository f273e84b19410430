import type { IsoDate } from '../../shared/calendar';
import type { UnitLevel, UnitSystem } from '../../shared/code-lists';
import type { Violation } from '../../shared/violations';
import { annulDecision } from '../annul-decision';
import { type AppliedDecision, type DecisionToApply, applyDecision } from '../apply-decision';
import type { GoverningBodyEvent } from '../governing-body';
import type { NewUnit, Operation } from '../operations';
import { type BaselineUnit, registerBaseline } from '../register-baseline';
import { WorkingRegister } from '../register-view';
import type { UnitEvent } from '../unit';
import type { UnitTimeline } from '../unit-timeline';
import { InMemoryRegister } from './in-memory-register';

/**
 * Given/when/then for the register's deciders.
 * given: governing bodies, a baseline and earlier decisions, stored as events;
 * when:  one command (applyDecision / registerBaseline / annulDecision) on a WorkingRegister;
 * then:  the events it left pending, or the violations it answered with (and nothing pending).
 */

export const ISSUER = 'UBND tỉnh';

/** Deterministic ids: `unit-1`, `unit-2`, ... in creation order. */
export function counterIds(prefix = 'unit'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

export function decision(number: string, effectiveDate: IsoDate, operations: Operation[], extra: { date?: IsoDate; issuer?: string; signer?: string; proposalId?: string } = {}): DecisionToApply {
  const issuer = extra.issuer ?? ISSUER;
  return {
    decision: { key: `${issuer}|${number}`, number, date: extra.date ?? effectiveDate, effectiveDate, issuer, signer: extra.signer ?? 'Nguyễn Văn A' },
    operations,
    ...(extra.proposalId ? { proposalId: extra.proposalId } : {}),
  };
}

export function newUnit(code: string, overrides: Partial<NewUnit> = {}): NewUnit {
  return { code, name: `Đơn vị ${code}`, governingBodyId: 'body-health', level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 20, ...overrides };
}

export interface BodySpec {
  id: string;
  code?: string;
  name?: string;
  system?: UnitSystem;
  level?: UnitLevel;
  /** Another province's register the body belongs to (absent: this register's). */
  province?: string;
}

export function bodyRegistered({ id, code, name, system, level, province }: BodySpec): GoverningBodyEvent {
  return {
    type: 'GoverningBodyRegistered',
    data: { bodyId: id, code: code ?? id.toUpperCase(), name: name ?? `Cơ quan ${id}`, system: system ?? 'GOVERNMENT', level: level ?? 'PROVINCE', ...(province ? { province } : {}) },
  };
}

type UnitEventData = { [E in UnitEvent as E['type']]: E['data'] };

/** Violations without their prose: what a spec compares. */
export type Refusal = Pick<Violation, 'code' | 'path' | 'operationIndex'> & { row?: number };

export class Scenario {
  readonly store = new InMemoryRegister();
  readonly newId = counterIds();
  private readonly applied = new Map<string, { input: DecisionToApply; value: AppliedDecision }>();

  /** The usual bodies: two government departments and one Party body. */
  static withStandardBodies(): Scenario {
    return new Scenario()
      .body({ id: 'body-health', code: 'SYT', name: 'Sở Y tế' })
      .body({ id: 'body-education', code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo' })
      .body({ id: 'body-party', code: 'TU', name: 'Tỉnh ủy', system: 'PARTY_MASS' });
  }

  body(spec: BodySpec, ...later: GoverningBodyEvent[]): this {
    this.store.appendBodyEvents(spec.id, [bodyRegistered(spec), ...later]);
    return this;
  }

  bodyEvents(bodyId: string, ...events: GoverningBodyEvent[]): this {
    this.store.appendBodyEvents(bodyId, events);
    return this;
  }

  unitEvents(unitId: string, ...events: UnitEvent[]): this {
    this.store.appendUnitEvents(unitId, events);
    return this;
  }

  baseline(asOf: IsoDate, units: BaselineUnit[]): this {
    return this.succeeded(this.whenBaseline(asOf, units), 'baseline');
  }

  decided(input: DecisionToApply): this {
    return this.succeeded(this.whenDecision(input), `decision ${input.decision.number}`);
  }

  annulled(number: string, reason = 'ban hành sai thẩm quyền'): this {
    return this.succeeded(this.whenAnnulled(number, reason), `annulment of ${number}`);
  }

  whenDecision(input: DecisionToApply): Result {
    const working = new WorkingRegister(this.store);
    const outcome = applyDecision(working, input, this.newId);
    if (outcome.ok) this.applied.set(input.decision.number, { input, value: outcome.value });
    return new Result(this, working, outcome.ok ? [] : outcome.violations, outcome.ok ? outcome.value.createdUnits : []);
  }

  whenBaseline(asOf: IsoDate, units: BaselineUnit[]): Result {
    const working = new WorkingRegister(this.store);
    const outcome = registerBaseline(working, asOf, units, this.newId);
    return new Result(this, working, outcome.ok ? [] : outcome.violations, outcome.ok ? outcome.value : []);
  }

  whenAnnulled(number: string, reason = 'ban hành sai thẩm quyền'): Result {
    const recorded = this.applied.get(number);
    if (!recorded) throw new Error(`spec error: no decision ${number} was given`);
    const working = new WorkingRegister(this.store);
    const { decision: ref } = recorded.input;
    const outcome = annulDecision(working, {
      decisionKey: ref.key,
      effectiveDate: ref.effectiveDate,
      touchedUnitIds: recorded.value.touchedUnitIds,
      createdUnitIds: recorded.value.createdUnits.map((c) => c.unitId),
      annulledBy: { number: `A-${number}`, date: ref.date },
      reason,
    });
    return new Result(this, working, outcome.ok ? [] : outcome.violations, []);
  }

  idOf(code: string): string {
    const id = this.store.unitIdByCode(code);
    if (!id) throw new Error(`spec error: no unit with code ${code}`);
    return id;
  }

  unit(code: string): UnitTimeline {
    return this.store.unit(this.idOf(code))!;
  }

  private succeeded(result: Result, what: string): this {
    if (!result.ok) throw new Error(`spec error: given ${what} was refused: ${JSON.stringify(result.violations)}`);
    result.commit();
    return this;
  }
}

/** What a command did to a WorkingRegister over the scenario's store. */
export class Result {
  private committed = false;

  constructor(
    private readonly scenario: Scenario,
    readonly working: WorkingRegister,
    readonly violations: Violation[],
    readonly createdUnits: { code: string; unitId: string }[],
  ) {}

  get ok(): boolean {
    return this.violations.length === 0;
  }

  /** Violations as codes, paths and operation indexes (every violation also explains itself). */
  get refusals(): Refusal[] {
    return this.violations.map((v) => ({
      code: v.code,
      ...(v.path !== undefined ? { path: v.path } : {}),
      ...(v.operationIndex !== undefined ? { operationIndex: v.operationIndex } : {}),
      ...('row' in v && typeof v.row === 'number' ? { row: v.row } : {}),
    }));
  }

  get refusedCodes(): string[] {
    return this.violations.map((v) => v.code);
  }

  /** Pending events as `CODE: Type`, in the order they were produced. */
  get eventLog(): string[] {
    return this.working.pending.map(({ unitId, event }) => `${this.codeOf(unitId)}: ${event.type}`);
  }

  /** The events produced on one unit's stream (by code or id). */
  eventsOn(codeOrId: string): UnitEvent[] {
    const unitId = this.idOf(codeOrId);
    return this.working.pending.filter((p) => p.unitId === unitId).map((p) => p.event);
  }

  /** The single event of a type on a unit's stream. */
  eventOn<T extends UnitEvent['type']>(codeOrId: string, type: T): UnitEventData[T] {
    const matching = this.eventsOn(codeOrId).filter((e) => e.type === type);
    if (matching.length !== 1) throw new Error(`spec error: expected one ${type} on ${codeOrId}, found ${matching.length}`);
    return matching[0].data as UnitEventData[T];
  }

  /** The unit's timeline including this command's events. */
  unit(codeOrId: string): UnitTimeline {
    const timeline = this.working.unit(this.idOf(codeOrId));
    if (!timeline) throw new Error(`spec error: no timeline for ${codeOrId}`);
    return timeline;
  }

  idOf(codeOrId: string): string {
    return this.working.unitIdByCode(codeOrId) ?? codeOrId;
  }

  /** Nothing pending and no code reserved: a refused command must leave the register as it was. */
  get changedNothing(): boolean {
    return this.working.pending.length === 0 && this.working.reservedCodes.length === 0;
  }

  /** Stores the events, so that later `when`s see them. */
  commit(): Scenario {
    if (!this.ok) throw new Error('spec error: a refused command has nothing to commit');
    if (!this.committed) this.scenario.store.commit(this.working);
    this.committed = true;
    return this.scenario;
  }

  private codeOf(unitId: string): string {
    const timeline = this.working.unit(unitId);
    const states = timeline?.latest() ?? this.scenario.store.unit(unitId)?.latest();
    return states?.attributes.code ?? unitId;
  }
}

export function baselineUnit(code: string, overrides: Partial<BaselineUnit> = {}): BaselineUnit {
  return newUnit(code, overrides);
}
