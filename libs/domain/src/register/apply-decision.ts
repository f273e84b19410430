import type { IsoDate } from '../shared/calendar';
import { type AutonomyGroup, REORGANISATIONS, mostAutonomous } from '../shared/code-lists';
import type { MessageParams, Violation } from '../shared/violations';
import type { BodyOperation } from './body-operations';
import type { GoverningBodySnapshot } from './governing-body';
import type { LevelValidity } from './level-validity';
import type { NewUnit, Operation, OperationOf, UnitReference } from './operations';
import { restructureBodies } from './restructure-bodies';
import { levelInEffect } from './restructuring-rules';
import type { RuleVersion } from './rule-book';
import { unitReferences } from './operations';
import { type WorkingRegister, codeKey } from './register-view';
import {
  autonomyDoesNotDecrease,
  dissolutionIsComplete,
  codeIsIdentifier,
  newUnitHasMinimumStaffing,
  noLaterChangesBeforeEnding,
  noOtherDecisionOnSameDate,
  quotaDoesNotIncrease,
  sectorValidOn,
  unitIsActiveOn,
  violation,
} from './rules';
import type { DecisionRef, UnitAttributes, UnitSnapshot } from './unit';
import type { UnitTimeline } from './unit-timeline';

export interface DecisionToApply {
  decision: DecisionRef;
  operations: Operation[];
  /** Governing-body restructuring, applied before the unit operations. */
  bodyOperations?: BodyOperation[];
  proposalId?: string;
  /** The rule book to decide by; the shipped one (RULE_VERSIONS) unless given. */
  rules?: readonly RuleVersion[];
  /** When each level exists (data); absent: every level always. */
  levels?: readonly LevelValidity[];
}

export interface AppliedDecision {
  createdUnits: { code: string; unitId: string; operationIndex: number }[];
  touchedUnitIds: string[];
  establishedBodies?: { code: string; bodyId: string; bodyOperationIndex: number }[];
}

type NewId = () => string;

interface Touched {
  timeline: UnitTimeline;
  state: UnitSnapshot;
}

/**
 * Applies a decision's operations in order to the working register (all or nothing). Returns the
 * violations of the first operation that cannot apply; on success the register holds the events.
 */
export function applyDecision(register: WorkingRegister, input: DecisionToApply, newId: NewId): { ok: true; value: AppliedDecision } | { ok: false; violations: Violation[] } {
  const rollback = register.mark();
  const created: AppliedDecision['createdUnits'] = [];
  const touched = new Set<string>();
  const restructured = input.bodyOperations?.length
    ? restructureBodies(register, { decision: input.decision, bodyOperations: input.bodyOperations, proposalId: input.proposalId, levels: input.levels }, newId)
    : undefined;
  if (restructured && !restructured.ok) return restructured;
  restructured?.value.movedUnitIds.forEach((id) => touched.add(id));
  for (const [index, operation] of input.operations.entries()) {
    const context = new OperationContext(register, input, index, newId);
    const violations = context.apply(operation);
    if (violations.length > 0) {
      rollback();
      return { ok: false, violations: violations.map((v) => ({ ...v, operationIndex: index })) };
    }
    created.push(...context.created.map((c) => ({ ...c, operationIndex: index })));
    context.touched.forEach((id) => touched.add(id));
  }
  const establishedBodies = restructured?.value.establishedBodies;
  return { ok: true, value: { createdUnits: created, touchedUnitIds: [...touched], ...(establishedBodies?.length ? { establishedBodies } : {}) } };
}

class OperationContext {
  readonly created: { code: string; unitId: string }[] = [];
  readonly touched = new Set<string>();
  private readonly violations: Violation[] = [];
  private readonly date: IsoDate;

  constructor(
    private readonly register: WorkingRegister,
    private readonly input: DecisionToApply,
    private readonly index: number,
    private readonly newId: NewId,
  ) {
    this.date = input.decision.effectiveDate;
  }

  private path(field: string): string {
    return `operations[${this.index}].${field}`;
  }

  private fail(v: Violation | undefined): void {
    if (v) this.violations.push(v);
  }

  apply(operation: Operation): Violation[] {
    const refs = unitReferences(operation);
    const malformed = shapeViolation(operation, refs);
    if (malformed) return [{ ...malformed, path: this.path(malformed.path ?? '') }];
    const seen = new Set<string>();
    const units = refs.map((ref) => this.resolve(ref, seen, operation));
    if (this.violations.length) return this.violations;
    const existing = units as Touched[];
    switch (operation.type) {
      case 'ESTABLISH':
        this.establish(operation);
        break;
      case 'CONSOLIDATE':
        this.consolidate(operation.newUnit, existing);
        break;
      case 'ABSORB':
        this.absorb(existing[0], existing.slice(1), operation.staffingQuotaAfter, operation.autonomyGroupAfter);
        break;
      case 'DIVIDE':
        this.divide(existing[0], operation.newUnits);
        break;
      case 'SEPARATE':
        this.separate(existing[0], operation.newUnit, operation.sourceStaffingQuotaAfter);
        break;
      case 'DISSOLVE':
        this.dissolve(existing[0], operation);
        break;
      case 'RENAME':
        this.record(existing[0].state.unitId, { type: 'UnitRenamed', data: { ...this.change(existing[0]), name: operation.newName, previousName: existing[0].state.attributes.name } });
        break;
      case 'TRANSFER':
        this.transfer(existing[0], operation.toGoverningBodyId);
        break;
      case 'CHANGE_AUTONOMY':
        this.record(existing[0].state.unitId, {
          type: 'UnitAutonomyChanged',
          data: { ...this.change(existing[0]), autonomyGroup: operation.autonomyGroup, previousAutonomyGroup: existing[0].state.attributes.autonomyGroup },
        });
        break;
      case 'CHANGE_STAFFING_QUOTA':
        this.record(existing[0].state.unitId, {
          type: 'UnitStaffingQuotaChanged',
          data: { ...this.change(existing[0]), staffingQuota: operation.staffingQuota, previousStaffingQuota: existing[0].state.attributes.staffingQuota },
        });
        break;
    }
    return this.violations;
  }

  /** Finds a named unit and checks it may be changed on the date. */
  private resolve(ref: UnitReference, seen: Set<string>, operation: Operation): Touched | undefined {
    const path = this.path(ref.field);
    const unitId = ref.id ?? (ref.code !== undefined ? this.register.unitIdByCode(ref.code) : undefined);
    const timeline = unitId ? this.register.unit(unitId) : undefined;
    const label = ref.code ?? ref.id ?? '?';
    if (!unitId || !timeline || !timeline.exists) {
      this.fail(violation('UNKNOWN_UNIT', `no unit ${label} in the register`, path, { unit: label }));
      return undefined;
    }
    if (seen.has(unitId)) {
      this.fail(violation('SAME_UNIT_TWICE', `unit ${label} is named twice in one operation`, path, { unit: label }));
      return undefined;
    }
    seen.add(unitId);
    const ends = endsNamedUnit(operation, ref);
    const before = this.violations.length;
    this.fail(unitIsActiveOn(timeline, label, this.date, path));
    this.fail(noOtherDecisionOnSameDate(timeline, label, this.date, this.input.decision.key, path));
    if (ends) this.fail(noLaterChangesBeforeEnding(timeline, label, this.date, this.input.decision.key, path));
    if (this.violations.length > before) return undefined;
    return { timeline, state: timeline.asOf(this.date)! };
  }

  private change(unit: Touched) {
    return this.changeOf(unit.state.unitId);
  }

  private changeOf(unitId: string) {
    return {
      unitId,
      effectiveDate: this.date,
      decision: this.input.decision,
      operationIndex: this.index,
      ...(this.input.proposalId ? { proposalId: this.input.proposalId } : {}),
    };
  }

  private record(unitId: string, event: Parameters<WorkingRegister['record']>[1]): void {
    this.register.record(unitId, event);
    this.touched.add(unitId);
  }

  /** Validates a new unit; returns its attributes (system taken from its body). */
  private newUnitAttributes(unit: NewUnit, path: string): UnitAttributes | undefined {
    const before = this.violations.length;
    this.fail(codeIsIdentifier(unit.code, `${path}.code`));
    if (this.register.unitIdByCode(unit.code) !== undefined) {
      this.fail(violation('DUPLICATE_CODE', `unit code ${unit.code} is already used (codes are never reused)`, `${path}.code`, { code: unit.code }, 'used'));
    }
    const body = this.register.body(unit.governingBodyId)?.asOf(this.date);
    if (!body) {
      this.fail(violation('UNKNOWN_GOVERNING_BODY', `no governing body ${unit.governingBodyId}`, `${path}.governingBodyId`, { body: unit.governingBodyId }));
    } else if (body.status !== 'ACTIVE') {
      this.fail(violation('GOVERNING_BODY_NOT_ACTIVE', `governing body ${body.code} was abolished on ${body.abolishedOn}`, `${path}.governingBodyId`, { body: body.code, abolishedOn: body.abolishedOn ?? '' }));
    } else if (unit.system && unit.system !== body.system) {
      this.fail(
        violation('BODY_SYSTEM_MISMATCH', `unit ${unit.code} is declared ${unit.system} but its governing body ${body.code} is ${body.system}`, `${path}.system`, {
          unit: unit.code,
          system: unit.system,
          body: body.code,
          bodySystem: body.system,
        }),
      );
    }
    this.fail(sectorValidOn(unit.sector, this.date, `${path}.sector`));
    this.fail(newUnitHasMinimumStaffing(unit, this.date, `${path}.staffingQuota`, this.input.rules));
    this.fail(levelInEffect(this.input.levels ?? [], unit.level, this.date, { unit: unit.code }, `${path}.level`));
    if (body) this.fail(levelInEffect(this.input.levels ?? [], body.level, this.date, { unit: unit.code, relation: 'under', body: body.code }, `${path}.governingBodyId`));
    if (this.violations.length > before || !body) return undefined;
    const { basicEssentialService, ...rest } = unit;
    return { ...rest, system: body.system, ...(basicEssentialService ? { basicEssentialService } : {}), ...placeOf(body) };
  }

  private createUnit(attributes: UnitAttributes, operation: 'ESTABLISH' | 'CONSOLIDATE' | 'DIVIDE' | 'SEPARATE', predecessorIds: string[]): string {
    const unitId = this.newId();
    this.register.reserveCode(attributes.code, unitId);
    this.record(unitId, { type: 'UnitEstablished', data: { ...this.changeOf(unitId), attributes, operation, predecessorIds } });
    this.created.push({ code: attributes.code, unitId });
    return unitId;
  }

  private newUnitsAttributes(units: NewUnit[], field: string): UnitAttributes[] | undefined {
    const codes = new Set<string>();
    const all = units.map((unit, i) => {
      const path = this.path(units.length > 1 || field.endsWith('s') ? `${field}[${i}]` : field);
      if (codes.has(codeKey(unit.code))) this.fail(violation('DUPLICATE_CODE', `unit code ${unit.code} appears twice`, `${path}.code`, { code: unit.code }, 'twice'));
      codes.add(codeKey(unit.code));
      return this.newUnitAttributes(unit, path);
    });
    return this.violations.length ? undefined : (all as UnitAttributes[]);
  }

  private reorganisationRules(what: string, quotaBefore: number, quotaAfter: number, sourceGroups: AutonomyGroup[], results: { group: AutonomyGroup; path?: string }[]): void {
    this.fail(quotaDoesNotIncrease(quotaBefore, quotaAfter, this.date, what, this.input.rules));
    for (const result of results) this.fail(autonomyDoesNotDecrease(sourceGroups, result.group, this.date, what, result.path, this.input.rules));
  }

  private establish(operation: { unit: NewUnit }): void {
    const [attributes] = this.newUnitsAttributes([operation.unit], 'unit') ?? [];
    if (attributes) this.createUnit(attributes, 'ESTABLISH', []);
  }

  private consolidate(newUnit: NewUnit, sources: Touched[]): void {
    const [attributes] = this.newUnitsAttributes([newUnit], 'newUnit') ?? [];
    const quota = sum(sources.map((s) => s.state.attributes.staffingQuota));
    this.reorganisationRules('consolidation', quota, newUnit.staffingQuota, groupsOf(sources), [{ group: newUnit.autonomyGroup, path: this.path('newUnit.autonomyGroup') }]);
    if (this.violations.length || !attributes) return;
    const unitId = this.createUnit(attributes, 'CONSOLIDATE', sources.map((s) => s.state.unitId));
    for (const source of sources) {
      this.record(source.state.unitId, { type: 'UnitMerged', data: { ...this.change(source), operation: 'CONSOLIDATE', successorIds: [unitId] } });
    }
  }

  private absorb(target: Touched, sources: Touched[], quotaAfter?: number, groupAfter?: AutonomyGroup): void {
    const all = [target, ...sources];
    const quota = sum(all.map((u) => u.state.attributes.staffingQuota));
    const staffingQuota = quotaAfter ?? quota;
    const autonomyGroup = groupAfter ?? mostAutonomous(groupsOf(all));
    this.reorganisationRules('absorption', quota, staffingQuota, groupsOf(all), [{ group: autonomyGroup, path: this.path('autonomyGroupAfter') }]);
    if (this.violations.length) return;
    this.record(target.state.unitId, {
      type: 'UnitAbsorbedUnits',
      data: { ...this.change(target), sourceIds: sources.map((s) => s.state.unitId), staffingQuota, autonomyGroup },
    });
    for (const source of sources) {
      this.record(source.state.unitId, { type: 'UnitMerged', data: { ...this.change(source), operation: 'ABSORB', successorIds: [target.state.unitId] } });
    }
  }

  private divide(source: Touched, newUnits: NewUnit[]): void {
    const attributes = this.newUnitsAttributes(newUnits, 'newUnits');
    this.reorganisationRules(
      'division',
      source.state.attributes.staffingQuota,
      sum(newUnits.map((u) => u.staffingQuota)),
      [source.state.attributes.autonomyGroup],
      newUnits.map((u, i) => ({ group: u.autonomyGroup, path: this.path(`newUnits[${i}].autonomyGroup`) })),
    );
    if (this.violations.length || !attributes) return;
    const ids = attributes.map((a) => this.createUnit(a, 'DIVIDE', [source.state.unitId]));
    this.record(source.state.unitId, { type: 'UnitMerged', data: { ...this.change(source), operation: 'DIVIDE', successorIds: ids } });
  }

  private separate(source: Touched, newUnit: NewUnit, sourceQuotaAfter: number): void {
    const [attributes] = this.newUnitsAttributes([newUnit], 'newUnit') ?? [];
    this.reorganisationRules('separation', source.state.attributes.staffingQuota, newUnit.staffingQuota + sourceQuotaAfter, [source.state.attributes.autonomyGroup], [
      { group: newUnit.autonomyGroup, path: this.path('newUnit.autonomyGroup') },
    ]);
    if (this.violations.length || !attributes) return;
    const unitId = this.createUnit(attributes, 'SEPARATE', [source.state.unitId]);
    this.record(source.state.unitId, { type: 'UnitPartSeparated', data: { ...this.change(source), newUnitId: unitId, staffingQuota: sourceQuotaAfter } });
  }

  private dissolve(unit: Touched, { settlementRef, nothingToSettle, ground }: OperationOf<'DISSOLVE'>): void {
    const incomplete = dissolutionIsComplete({ settlementRef, nothingToSettle, ground }, this.date, (field) => this.path(field), this.input.rules);
    if (incomplete.length) return incomplete.forEach((v) => this.fail(v));
    const hasRef = !!settlementRef && settlementRef.trim() !== '';
    this.record(unit.state.unitId, {
      type: 'UnitDissolved',
      data: { ...this.change(unit), ...(hasRef ? { settlementRef } : { nothingToSettle: true as const }), ...(ground ? { ground } : {}) },
    });
  }

  private transfer(unit: Touched, toBodyId: string): void {
    const body = this.register.body(toBodyId)?.asOf(this.date);
    const path = this.path('toGoverningBodyId');
    if (!body) return this.fail(violation('UNKNOWN_GOVERNING_BODY', `no governing body ${toBodyId}`, path, { body: toBodyId }));
    if (body.status !== 'ACTIVE') return this.fail(violation('GOVERNING_BODY_NOT_ACTIVE', `governing body ${body.code} was abolished on ${body.abolishedOn}`, path, { body: body.code, abolishedOn: body.abolishedOn ?? '' }));
    if (body.bodyId === unit.state.attributes.governingBodyId) return this.fail(violation('TRANSFER_TO_SAME_BODY', `unit ${unit.state.attributes.code} is already under ${body.code}`, path, { unit: unit.state.attributes.code, body: body.code }));
    const closed = levelInEffect(this.input.levels ?? [], body.level, this.date, { unit: unit.state.attributes.code, relation: 'to', body: body.code }, path);
    if (closed) return this.fail(closed);
    this.record(unit.state.unitId, {
      type: 'UnitTransferred',
      data: {
        ...this.change(unit),
        fromGoverningBodyId: unit.state.attributes.governingBodyId,
        toGoverningBodyId: body.bodyId,
        fromSystem: unit.state.attributes.system,
        toSystem: body.system,
      },
    });
    const from = unit.state.attributes.province;
    if ((from ?? null) === (body.province ?? null)) return;
    const change = this.change(unit);
    if (body.province) this.record(unit.state.unitId, { type: 'UnitLeft', data: { ...change, toProvince: body.province } });
    else this.record(unit.state.unitId, { type: 'UnitJoined', data: { ...change, fromProvince: from! } });
  }
}

/** A new unit is governed by its body's province and serves its body's territory (both absent: the register's own). */
function placeOf(body: GoverningBodySnapshot): Pick<UnitAttributes, 'province' | 'territory'> {
  const territory = body.territory ?? body.province;
  return { ...(body.province ? { province: body.province } : {}), ...(territory ? { territory } : {}) };
}

const MINIMUM_SOURCES: Partial<Record<Operation['type'], number>> = { CONSOLIDATE: 2, ABSORB: 1 };

/** Shape the HTTP schema also enforces; checked here so that no caller can crash a decision. */
function shapeViolation(operation: Operation, refs: UnitReference[]): Violation | undefined {
  const invalid = (detail: string, path: string, variant: string, params: MessageParams = {}): Violation => ({ code: 'INVALID_OPERATION', detail, path, variant, params });
  if (refs.some((r) => r.id && r.code)) return invalid('name a unit by id or by code, not both', refs.find((r) => r.id && r.code)!.field, 'idAndCode');
  if (operation.type === 'ESTABLISH') return undefined;
  const sources = refs.filter((r) => r.field.startsWith('sourceUnit')).length;
  if (operation.type === 'ABSORB' && !refs.some((r) => r.field.startsWith('targetUnit'))) return invalid('an absorption names its target unit', 'targetUnitId', 'absorbWithoutTarget');
  const minimum = MINIMUM_SOURCES[operation.type];
  if (minimum !== undefined && sources < minimum) return invalid(`${operation.type} names at least ${minimum} source unit(s)`, 'sourceUnitIds', 'tooFewSources', { operation: operation.type, minimum });
  if (operation.type === 'DIVIDE' && operation.newUnits.length < 2) return invalid('a division creates at least two units', 'newUnits', 'divisionTooFewUnits');
  if (minimum === undefined && refs.length === 0) return invalid('the operation names no unit', operation.type === 'DIVIDE' || operation.type === 'SEPARATE' ? 'sourceUnitId' : 'unitId', 'noUnit');
  return undefined;
}

function endsNamedUnit(operation: Operation, ref: UnitReference): boolean {
  if (operation.type === 'CONSOLIDATE' || operation.type === 'DIVIDE' || operation.type === 'DISSOLVE') return true;
  return operation.type === 'ABSORB' && ref.field.startsWith('sourceUnit');
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function groupsOf(units: Touched[]): AutonomyGroup[] {
  return units.map((u) => u.state.attributes.autonomyGroup);
}

export function isReorganisation(operation: Operation): boolean {
  return REORGANISATIONS.includes(operation.type);
}
