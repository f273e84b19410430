import { type IsoDate, type OperationType, type UnitEvent, type UnitSystem, UnitTimeline } from '@reorg/domain';
import { ChainVerifier, type EventStore, type RecordedEvent, type VerificationReport } from '@reorg/event-store';
import type { DecisionEvent } from '@reorg/register';

type RecordedDecision = Extract<DecisionEvent, { type: 'DecisionRecorded' }>['data'];

/** The whole log, in position order (read through the port, as an auditor would). */
export async function readWholeLog(store: EventStore, raw = false): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = raw ? await store.readAllRaw({ after, maxCount: 5000 }) : await store.readAll({ after, maxCount: 5000 });
    if (page.length === 0) return events;
    events.push(...page);
    after = page[page.length - 1].position;
  }
}

export async function verifyChain(store: EventStore): Promise<VerificationReport> {
  const verifier = new ChainVerifier();
  for (const event of await readWholeLog(store, true)) verifier.accept(event);
  return verifier.finish(await store.streamHeads());
}

/** Unit timelines and decision records rebuilt from the log, independently of any read model. */
export class RegisterFromLog {
  readonly timelines = new Map<string, UnitTimeline>();
  /** Per decision stream: every record in order, and whether the stream ends annulled. */
  readonly decisionStreams = new Map<string, { records: (RecordedDecision & { position: number })[]; annulled: boolean }>();

  constructor(events: RecordedEvent[]) {
    const unitEvents = new Map<string, UnitEvent[]>();
    for (const event of events) {
      if (event.streamId.startsWith('unit-')) {
        const unitId = event.streamId.slice('unit-'.length);
        unitEvents.set(unitId, [...(unitEvents.get(unitId) ?? []), { type: event.type, data: event.data } as UnitEvent]);
      } else if (event.streamId.startsWith('decision-')) {
        const stream = this.decisionStreams.get(event.streamId) ?? { records: [], annulled: false };
        const decision = { type: event.type, data: event.data } as DecisionEvent;
        if (decision.type === 'DecisionRecorded') {
          stream.records.push({ ...decision.data, position: event.position });
          stream.annulled = false;
        } else {
          stream.annulled = true;
        }
        this.decisionStreams.set(event.streamId, stream);
      }
    }
    for (const [unitId, list] of unitEvents) this.timelines.set(unitId, UnitTimeline.from(unitId, list));
  }

  activeOn(date: IsoDate): Record<UnitSystem, number> {
    const counts: Record<UnitSystem, number> = { GOVERNMENT: 0, PARTY_MASS: 0 };
    for (const timeline of this.timelines.values()) {
      const state = timeline.asOf(date);
      if (state?.status === 'ACTIVE') counts[state.attributes.system] += 1;
    }
    return counts;
  }

  /** Units established by a decision effective in the period (baseline registrations never count). */
  createdIn(from: IsoDate, to: IsoDate): number {
    return [...this.timelines.values()].filter((t) => {
      const established = t.latest()?.establishedOn;
      return established !== undefined && established >= from && established <= to;
    }).length;
  }

  endedIn(from: IsoDate, to: IsoDate): number {
    return [...this.timelines.values()].filter((t) => {
      const ended = t.latest()?.endedOn;
      return ended !== undefined && ended >= from && ended <= to;
    }).length;
  }

  /** Decisions in force (the last record of each stream not annulled), in recording order. */
  decisionsInForce(): (RecordedDecision & { position: number })[] {
    return [...this.decisionStreams.values()]
      .filter((s) => !s.annulled && s.records.length > 0)
      .map((s) => s.records[s.records.length - 1])
      .sort((a, b) => a.position - b.position);
  }

  decisionsByOperation(source?: RecordedDecision['source']): Partial<Record<OperationType, number>> {
    const counts: Partial<Record<OperationType, number>> = {};
    for (const decision of this.decisionsInForce().filter((d) => !source || d.source === source)) {
      for (const type of new Set(decision.operations.map((o) => o.type))) counts[type] = (counts[type] ?? 0) + 1;
    }
    return counts;
  }

  timeline(unitId: string): UnitTimeline {
    const timeline = this.timelines.get(unitId);
    if (!timeline) throw new Error(`no stream for unit ${unitId}`);
    return timeline;
  }
}
