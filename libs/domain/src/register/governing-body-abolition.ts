import type { IsoDate } from '../shared/calendar';
import { DomainRefusal } from '../shared/violations';
import type { BodyDecisionRef, GoverningBodyEvent, GoverningBodyTimeline } from './governing-body';

export interface AbolishGoverningBody {
  bodyId: string;
  effectiveDate: IsoDate;
  decision: BodyDecisionRef;
  transferUnitsTo?: string;
}

/**
 * A body is abolished once, on a date it is active, and its units go to another body. Returns the
 * abolition event; the TRANSFERs of its units are the decision recorded with it.
 */
export function decideAbolition(body: GoverningBodyTimeline | undefined, command: AbolishGoverningBody): Extract<GoverningBodyEvent, { type: 'GoverningBodyAbolished' }> {
  const { bodyId, effectiveDate, decision, transferUnitsTo } = command;
  if (!body?.exists) throw new DomainRefusal('NOT_FOUND', [{ code: 'NOT_FOUND', detail: `no governing body ${bodyId}`, variant: 'body', params: { body: bodyId } }]);
  const state = body.asOf(effectiveDate);
  if (!state || state.status !== 'ACTIVE' || body.abolishedOn()) {
    throw new DomainRefusal('INVALID_STATE', [{ code: 'INVALID_STATE', detail: `governing body ${bodyId} is already abolished`, variant: 'bodyAbolished', params: { body: bodyId } }]);
  }
  if (transferUnitsTo === bodyId) {
    throw new DomainRefusal('RULE_VIOLATION', [{ code: 'TRANSFER_TO_SAME_BODY', detail: 'units cannot be transferred to the body being abolished', variant: 'abolished', path: 'transferUnitsTo' }]);
  }
  return { type: 'GoverningBodyAbolished', data: { bodyId, effectiveDate, decision: { number: decision.number, date: decision.date }, ...(transferUnitsTo ? { transferUnitsTo } : {}) } };
}
