import type { IsoDate } from '../shared/calendar';
import type { Violation } from '../shared/violations';
import type { BodyOperation, NewBody, UnitDestination } from './body-operations';
import type { BodyDecisionRef, GoverningBodySnapshot } from './governing-body';
import type { LevelValidity } from './level-validity';
import type { WorkingRegister } from './register-view';
import { levelInEffect, restructuringViolation } from './restructuring-rules';
import { noOtherDecisionOnSameDate, unitIsActiveOn, violation } from './rules';
import type { DecisionRef } from './unit';

export interface BodyRestructuring {
  decision: DecisionRef;
  bodyOperations: BodyOperation[];
  proposalId?: string;
  levels?: readonly LevelValidity[];
}

export interface RestructuredBodies {
  establishedBodies: { code: string; bodyId: string; bodyOperationIndex: number }[];
  movedUnitIds: string[];
}

type MoveOperation = 'MERGE_BODIES' | 'SPLIT_BODY' | 'ABOLISH_BODY';

/**
 * Applies a decision's body operations in order to the working register (all or nothing): bodies
 * established, renamed, merged, split and abolished on the decision's effective date, and every
 * unit that changes body recorded as a TRANSFER naming the decision.
 */
export function restructureBodies(register: WorkingRegister, input: BodyRestructuring, newId: () => string): { ok: true; value: RestructuredBodies } | { ok: false; violations: Violation[] } {
  const rollback = register.mark();
  const value: RestructuredBodies = { establishedBodies: [], movedUnitIds: [] };
  for (const [index, operation] of input.bodyOperations.entries()) {
    const step = new BodyStep(register, input, index, newId);
    const violations = step.apply(operation);
    if (violations.length) {
      rollback();
      return { ok: false, violations };
    }
    value.establishedBodies.push(...step.established.map((b) => ({ ...b, bodyOperationIndex: index })));
    value.movedUnitIds.push(...step.moved);
  }
  return { ok: true, value };
}

class BodyStep {
  readonly established: { code: string; bodyId: string }[] = [];
  readonly moved: string[] = [];
  private readonly violations: Violation[] = [];
  private readonly date: IsoDate;
  private readonly ref: BodyDecisionRef;

  constructor(
    private readonly register: WorkingRegister,
    private readonly input: BodyRestructuring,
    private readonly index: number,
    private readonly newId: () => string,
  ) {
    this.date = input.decision.effectiveDate;
    this.ref = { key: input.decision.key, number: input.decision.number, date: input.decision.date };
  }

  private path(field: string): string {
    return `bodyOperations[${this.index}].${field}`;
  }

  private fail(v: Violation | undefined): void {
    if (v) this.violations.push(v);
  }

  apply(operation: BodyOperation): Violation[] {
    switch (operation.type) {
      case 'ESTABLISH_BODY':
        this.establish(operation.body);
        break;
      case 'RENAME_BODY': {
        const body = this.active(operation.bodyId, operation.bodyCode, 'bodyId');
        if (body) this.register.recordBody(body.bodyId, { type: 'GoverningBodyRenamed', data: { bodyId: body.bodyId, effectiveDate: this.date, decision: this.ref, name: operation.newName, previousName: body.name } });
        break;
      }
      case 'MERGE_BODIES':
        this.merge(operation);
        break;
      case 'SPLIT_BODY':
        this.split(operation);
        break;
      case 'ABOLISH_BODY':
        this.abolish(operation);
        break;
    }
    return this.violations;
  }

  private establish(body: NewBody): void {
    const before = this.violations.length;
    if (this.register.bodyIdByCode(body.code) !== undefined) this.fail(restructuringViolation('DUPLICATE_BODY_CODE', { code: body.code }, this.path('body.code')));
    this.fail(levelInEffect(this.input.levels ?? [], body.level, this.date, { body: body.code }, this.path('body.level')));
    if (body.parentId) this.active(body.parentId, undefined, 'body.parentId');
    if (this.violations.length > before) return;
    const bodyId = this.newId();
    this.register.reserveBodyCode(body.code, bodyId);
    this.register.recordBody(bodyId, { type: 'GoverningBodyEstablished', data: { bodyId, ...body, effectiveDate: this.date, decision: this.ref } });
    this.established.push({ code: body.code, bodyId });
  }

  private merge(operation: Extract<BodyOperation, { type: 'MERGE_BODIES' }>): void {
    const refs: { id?: string; code?: string; field: string }[] = [
      ...(operation.sourceBodyIds ?? []).map((id, i) => ({ id, field: `sourceBodyIds[${i}]` })),
      ...(operation.sourceBodyCodes ?? []).map((code, i) => ({ code, field: `sourceBodyCodes[${i}]` })),
    ];
    if (refs.length < 1) return this.fail({ code: 'INVALID_OPERATION', detail: 'a merger names at least one source body', variant: 'mergerWithoutSource', path: this.path('sourceBodyIds') });
    const successor = this.destination(operation.successorBodyId, operation.successorBodyCode, 'successorBodyId');
    const seen = new Set<string>(successor ? [successor.bodyId] : []);
    const sources = refs.map((ref) => {
      const body = this.active(ref.id, ref.code, ref.field);
      if (body && seen.has(body.bodyId)) this.fail(restructuringViolation('SAME_BODY_TWICE', { body: body.code }, this.path(ref.field)));
      if (body) seen.add(body.bodyId);
      return body;
    });
    if (this.violations.length || !successor) return;
    const bodies = sources as GoverningBodySnapshot[];
    const sourceOf = new Map(bodies.flatMap((b) => this.unitsUnder(b.bodyId).map((unitId) => [unitId, b.bodyId] as const)));
    const units = [...sourceOf.keys()];
    const destinations = this.destinations(operation.unitDestinations ?? [], units, bodies.map((b) => b.code).join(', '));
    if (this.violations.length) return;
    for (const unitId of units) this.move(unitId, destinations.get(unitId) ?? successor, 'MERGE_BODIES');
    if (this.violations.length) return;
    for (const body of bodies) this.register.recordBody(body.bodyId, { type: 'GoverningBodyMerged', data: { bodyId: body.bodyId, effectiveDate: this.date, decision: this.ref, successorId: successor.bodyId } });
    // The successor comes from every source; another destination only from the sources whose units it received.
    this.received([successor.bodyId], bodies.map((b) => b.bodyId), 'MERGE_BODIES');
    const fromSources = new Map<string, Set<string>>();
    for (const [unitId, to] of destinations) {
      if (to.bodyId !== successor.bodyId) fromSources.set(to.bodyId, (fromSources.get(to.bodyId) ?? new Set()).add(sourceOf.get(unitId)!));
    }
    for (const [bodyId, predecessors] of fromSources) this.received([bodyId], [...predecessors].sort(), 'MERGE_BODIES');
  }

  private split(operation: Extract<BodyOperation, { type: 'SPLIT_BODY' }>): void {
    const body = this.active(operation.bodyId, operation.bodyCode, 'bodyId');
    const fallback = operation.defaultBodyId || operation.defaultBodyCode ? this.destination(operation.defaultBodyId, operation.defaultBodyCode, 'defaultBodyId') : undefined;
    if (!body || this.violations.length) return;
    if (fallback?.bodyId === body.bodyId) return this.fail(restructuringViolation('SAME_BODY_TWICE', { body: body.code }, this.path('defaultBodyId')));
    const units = this.unitsUnder(body.bodyId);
    const destinations = this.destinations(operation.unitDestinations, units, body.code);
    if (this.violations.length) return;
    if ([...destinations.values()].some((d) => d.bodyId === body.bodyId)) return this.fail(restructuringViolation('SAME_BODY_TWICE', { body: body.code }, this.path('unitDestinations')));
    const unlisted = units.filter((u) => !destinations.has(u));
    if (!fallback && !operation.bodyContinues && unlisted.length) {
      return this.fail(restructuringViolation('UNIT_WITHOUT_DESTINATION', { unit: this.codeOf(unlisted[0]), body: body.code }, this.path('defaultBodyId')));
    }
    if (this.violations.length) return;
    const moves = units.flatMap((unitId) => {
      const to = destinations.get(unitId) ?? fallback;
      return to ? [{ unitId, to }] : [];
    });
    for (const { unitId, to } of moves) this.move(unitId, to, 'SPLIT_BODY');
    if (this.violations.length) return;
    const successorIds = [...new Set([...moves.map((m) => m.to.bodyId), ...(fallback ? [fallback.bodyId] : [])])];
    this.register.recordBody(body.bodyId, { type: 'GoverningBodySplit', data: { bodyId: body.bodyId, effectiveDate: this.date, decision: this.ref, successorIds, continues: operation.bodyContinues === true } });
    this.received(successorIds, [body.bodyId], 'SPLIT_BODY');
  }

  private abolish(operation: Extract<BodyOperation, { type: 'ABOLISH_BODY' }>): void {
    const body = this.active(operation.bodyId, operation.bodyCode, 'bodyId');
    const named = operation.transferUnitsToId || operation.transferUnitsToCode;
    const to = named ? this.destination(operation.transferUnitsToId, operation.transferUnitsToCode, 'transferUnitsToId') : undefined;
    if (!body || this.violations.length) return;
    if (to?.bodyId === body.bodyId) return this.fail(restructuringViolation('SAME_BODY_TWICE', { body: body.code }, this.path('transferUnitsToId')));
    const units = this.unitsUnder(body.bodyId);
    if (units.length && !to) return this.fail(restructuringViolation('BODY_HAS_UNITS', { body: body.code, count: units.length }, this.path('transferUnitsToId')));
    for (const unitId of units) this.move(unitId, to!, 'ABOLISH_BODY');
    if (this.violations.length) return;
    this.register.recordBody(body.bodyId, { type: 'GoverningBodyAbolished', data: { bodyId: body.bodyId, effectiveDate: this.date, decision: this.ref, ...(to ? { transferUnitsTo: to.bodyId } : {}) } });
  }

  /** Each receiving body records where its new units came from. */
  private received(receivers: string[], predecessorIds: string[], operation: 'MERGE_BODIES' | 'SPLIT_BODY'): void {
    for (const bodyId of new Set(receivers)) {
      this.register.recordBody(bodyId, { type: 'GoverningBodyReceivedFrom', data: { bodyId, effectiveDate: this.date, decision: this.ref, predecessorIds, operation } });
    }
  }

  /** Per-unit destinations: every unit named must be under one of the bodies; every destination must receive. */
  private destinations(list: UnitDestination[], units: string[], bodies: string): Map<string, GoverningBodySnapshot> {
    const result = new Map<string, GoverningBodySnapshot>();
    list.forEach((d, i) => {
      const field = `unitDestinations[${i}]`;
      const unitId = d.unitId ?? (d.unitCode ? this.register.unitIdByCode(d.unitCode) : undefined);
      const label = d.unitCode ?? d.unitId ?? '?';
      if (!unitId || !this.register.unit(unitId)?.exists) return this.fail(violation('UNKNOWN_UNIT', `no unit ${label} in the register`, this.path(`${field}.${d.unitCode ? 'unitCode' : 'unitId'}`), { unit: label }));
      if (!units.includes(unitId)) return this.fail(restructuringViolation('UNIT_NOT_UNDER_BODY', { unit: label, body: bodies }, this.path(field)));
      if (result.has(unitId)) return this.fail(violation('SAME_UNIT_TWICE', `unit ${label} is named twice`, this.path(field), { unit: label }, 'destinations'));
      const to = this.destination(d.toBodyId, d.toBodyCode, `${field}.toBodyId`);
      if (to) result.set(unitId, to);
    });
    return result;
  }

  private move(unitId: string, to: GoverningBodySnapshot, bodyOperation: MoveOperation): void {
    const timeline = this.register.unit(unitId)!;
    const state = timeline.asOf(this.date)!;
    const label = state.attributes.code;
    const path = this.path('unitDestinations');
    const before = this.violations.length;
    this.fail(unitIsActiveOn(timeline, label, this.date, path));
    this.fail(noOtherDecisionOnSameDate(timeline, label, this.date, this.input.decision.key, path));
    if (this.violations.length > before || state.attributes.governingBodyId === to.bodyId) return;
    const change = { unitId, effectiveDate: this.date, decision: this.input.decision, operationIndex: this.index, ...(this.input.proposalId ? { proposalId: this.input.proposalId } : {}) };
    this.register.record(unitId, {
      type: 'UnitTransferred',
      data: { ...change, fromGoverningBodyId: state.attributes.governingBodyId, toGoverningBodyId: to.bodyId, fromSystem: state.attributes.system, toSystem: to.system, bodyOperation },
    });
    if ((state.attributes.province ?? null) !== (to.province ?? null)) {
      if (to.province) this.register.record(unitId, { type: 'UnitLeft', data: { ...change, toProvince: to.province } });
      else this.register.record(unitId, { type: 'UnitJoined', data: { ...change, fromProvince: state.attributes.province! } });
    }
    this.moved.push(unitId);
  }

  /** Active units under the body on the date (as this decision has left them so far). */
  private unitsUnder(bodyId: string): string[] {
    return this.register
      .unitIdsEverUnder(bodyId)
      .filter((id) => {
        const state = this.register.unit(id)?.asOf(this.date);
        return state?.status === 'ACTIVE' && state.attributes.governingBodyId === bodyId;
      })
      .sort();
  }

  private codeOf(unitId: string): string {
    return this.register.unit(unitId)?.asOf(this.date)?.attributes.code ?? unitId;
  }

  /** A body named by id or code that is active on the date (and changed that day by no other decision, except by receiving units when it is a destination). */
  private active(id: string | undefined, code: string | undefined, field: string, receiving = false): GoverningBodySnapshot | undefined {
    const path = this.path(code !== undefined && id === undefined ? field.replace(/Id$/, 'Code') : field);
    const bodyId = id ?? (code !== undefined ? this.register.bodyIdByCode(code) : undefined);
    const label = code ?? id ?? '?';
    if (id === undefined && code === undefined) return this.fail({ code: 'INVALID_OPERATION', detail: `name the body by ${field} or its code`, variant: 'bodyNotNamed', params: { field }, path }), undefined;
    const body = bodyId ? this.register.body(bodyId)?.asOf(this.date) : undefined;
    if (!body) return this.fail(violation('UNKNOWN_GOVERNING_BODY', `no governing body ${label} on ${this.date}`, path, { body: label, date: this.date }, 'onDate')), undefined;
    if (body.status !== 'ACTIVE') return this.fail(violation('GOVERNING_BODY_NOT_ACTIVE', `governing body ${body.code} was abolished on ${body.abolishedOn}`, path, { body: body.code, abolishedOn: body.abolishedOn ?? '' })), undefined;
    const others = this.register.body(body.bodyId)!.decisionsOn(this.date, this.input.decision.key, receiving);
    if (others.length) return this.fail(violation('CONFLICTING_DECISION', `governing body ${body.code} is already changed on ${this.date} by decision ${others.join(', ')}`, path, { body: body.code, date: this.date, decisions: others.join(', ') }, 'bodySameDate')), undefined;
    return body;
  }

  /** A body that receives units: active, and at a level that exists on the date. */
  private destination(id: string | undefined, code: string | undefined, field: string): GoverningBodySnapshot | undefined {
    const body = this.active(id, code, field, true);
    if (body) this.fail(levelInEffect(this.input.levels ?? [], body.level, this.date, { body: body.code }, this.path(field)));
    return body;
  }
}
