import { DomainRefusal } from '../shared/violations';
import { type GoverningBodyEvent, GoverningBodyTimeline } from './governing-body';
import { decideAbolition } from './governing-body-abolition';
import { bodyRegistered } from './testing/given-when-then';

const BODY = 'body-district';
const command = { bodyId: BODY, effectiveDate: '2025-07-01', decision: { number: '1/NQ', date: '2025-06-12' }, transferUnitsTo: 'body-province' };
const abolished: GoverningBodyEvent = { type: 'GoverningBodyAbolished', data: { ...command, effectiveDate: '2025-03-01' } };

/** given(the body's events) → when(abolish) → the event, or the refusal's kind and codes. */
function given(...events: GoverningBodyEvent[]) {
  return {
    when(input: Partial<typeof command> = {}) {
      try {
        return { event: decideAbolition(events.length ? GoverningBodyTimeline.from(events) : undefined, { ...command, ...input }) };
      } catch (error) {
        if (!(error instanceof DomainRefusal)) throw error;
        return { refused: { kind: error.kind, codes: error.violations.map((v) => v.code) } };
      }
    },
  };
}

describe('abolishing a governing body', () => {
  it('records the abolition on its date with the body its units go to', () => {
    expect(given(bodyRegistered({ id: BODY })).when()).toEqual({ event: { type: 'GoverningBodyAbolished', data: command } });
  });

  it('refuses an unknown body (404), an abolished one (409) and a transfer to itself (422)', () => {
    expect(given().when()).toEqual({ refused: { kind: 'NOT_FOUND', codes: ['NOT_FOUND'] } });
    expect(given(bodyRegistered({ id: BODY }), abolished).when()).toEqual({ refused: { kind: 'INVALID_STATE', codes: ['INVALID_STATE'] } });
    expect(given(bodyRegistered({ id: BODY }), { ...abolished, data: { ...abolished.data, effectiveDate: '2026-01-01' } }).when()).toEqual({
      refused: { kind: 'INVALID_STATE', codes: ['INVALID_STATE'] },
    });
    expect(given(bodyRegistered({ id: BODY })).when({ transferUnitsTo: BODY })).toEqual({ refused: { kind: 'RULE_VIOLATION', codes: ['TRANSFER_TO_SAME_BODY'] } });
  });
});
