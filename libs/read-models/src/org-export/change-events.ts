import { type IsoDate, type UnitEvent, type UnitEventType, UnitTimeline } from '@reorg/domain';
import { operationOf } from '../reports/unit-change';
import type { ChangeEvent, StructuralOperation } from './org-export';

type StructuralEvent = Extract<UnitEvent, { type: 'UnitEstablished' | 'UnitMerged' | 'UnitDissolved' | 'UnitAbsorbedUnits' | 'UnitPartSeparated' }>;

const STRUCTURAL_EVENT_TYPES = ['UnitEstablished', 'UnitMerged', 'UnitDissolved', 'UnitAbsorbedUnits', 'UnitPartSeparated'] as const satisfies readonly StructuralEvent['type'][];

/**
 * The unit events change events are built from: the structural ones and annulments. Leaving the
 * others out keeps each timeline's liveness (an annulment hides the changes of its decision
 * recorded before it, whatever else was recorded in between).
 */
export const CHANGE_EVENT_SOURCES: readonly UnitEventType[] = [...STRUCTURAL_EVENT_TYPES, 'UnitDecisionAnnulled'];

function isStructural(event: UnitEvent): event is StructuralEvent {
  return (STRUCTURAL_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** What one unit's event says about its operation's two sides. */
function sidesOf(event: StructuralEvent): { original: string[]; resulting: string[] } {
  const { unitId } = event.data;
  switch (event.type) {
    case 'UnitEstablished':
      return { original: event.data.predecessorIds, resulting: [unitId] };
    case 'UnitMerged':
      return { original: [unitId], resulting: event.data.successorIds };
    case 'UnitDissolved':
      return { original: [unitId], resulting: [] };
    case 'UnitAbsorbedUnits':
      return { original: [unitId, ...event.data.sourceIds], resulting: [unitId] };
    case 'UnitPartSeparated':
      return { original: [unitId], resulting: [unitId, event.data.newUnitId] };
  }
}

interface Draft {
  event: ChangeEvent;
  original: Set<string>;
  resulting: Set<string>;
}

/**
 * One change event per structural operation of a decision in force (annulled records left out),
 * effective on or before `asOf`. Every unit an operation touched recorded its own event; their
 * sides are merged under the decision's key and the operation's index. Sorted by effective date,
 * decision key and operation index.
 */
export function changeEventsOf(eventsByUnit: ReadonlyMap<string, readonly UnitEvent[]>, asOf: IsoDate): ChangeEvent[] {
  const drafts = new Map<string, Draft>();
  for (const [unitId, events] of eventsByUnit) {
    const timeline = UnitTimeline.from(unitId, [...events]);
    for (const change of timeline.decisionKeys().flatMap((key) => timeline.changesBy(key))) {
      if (!isStructural(change) || change.data.effectiveDate > asOf) continue;
      const { decision, operationIndex, effectiveDate } = change.data;
      const key = `${decision.key}#${operationIndex}`;
      let draft = drafts.get(key);
      if (!draft) {
        const event = { operation: operationOf(change) as StructuralOperation, operationIndex, effectiveDate, decision, originalUnitIds: [], resultingUnitIds: [] };
        drafts.set(key, (draft = { event, original: new Set(), resulting: new Set() }));
      }
      const sides = sidesOf(change);
      sides.original.forEach((id) => draft.original.add(id));
      sides.resulting.forEach((id) => draft.resulting.add(id));
    }
  }
  return [...drafts.values()]
    .map(({ event, original, resulting }) => ({ ...event, originalUnitIds: [...original].sort(), resultingUnitIds: [...resulting].sort() }))
    .sort((a, b) => compare(a.effectiveDate, b.effectiveDate) || compare(a.decision.key, b.decision.key) || a.operationIndex - b.operationIndex);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
