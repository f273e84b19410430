import type { IsoDate } from '../shared/calendar';
import type { UnitLevel, UnitSystem } from '../shared/code-lists';

export interface BodyDecisionRef {
  number: string;
  date: IsoDate;
  /** Present when the change is part of a recorded decision (issuer|number), e.g. a restructuring. */
  key?: string;
}

/**
 * Where a body sits: `province` is the register (province) that governs it, absent for this
 * register's own province; `territory` the former province whose territory it serves, absent when
 * it is the register's own. A second province's bodies carry both until its register joins.
 */
export interface BodyPlace {
  province?: string;
  territory?: string;
}

type Dated = { bodyId: string; effectiveDate: IsoDate; decision: BodyDecisionRef };

export type GoverningBodyEvent =
  | { type: 'GoverningBodyRegistered'; data: { bodyId: string; code: string; name: string; system: UnitSystem; level: UnitLevel; parentId?: string } & BodyPlace }
  | { type: 'GoverningBodyEstablished'; data: Dated & { code: string; name: string; system: UnitSystem; level: UnitLevel; parentId?: string } & BodyPlace }
  | { type: 'GoverningBodyRenamed'; data: Dated & { name: string; previousName: string } }
  | { type: 'GoverningBodyAbolished'; data: Dated & { transferUnitsTo?: string } }
  | { type: 'GoverningBodyMerged'; data: Dated & { successorId: string } }
  | { type: 'GoverningBodySplit'; data: Dated & { successorIds: string[]; continues: boolean } }
  | { type: 'GoverningBodyReceivedFrom'; data: Dated & { predecessorIds: string[]; operation: 'MERGE_BODIES' | 'SPLIT_BODY' } }
  | { type: 'GoverningBodyJoined'; data: Dated & { fromProvince: string } };

export type GoverningBodyEventType = GoverningBodyEvent['type'];
export const GOVERNING_BODY_EVENT_TYPES: readonly GoverningBodyEventType[] = [
  'GoverningBodyRegistered',
  'GoverningBodyEstablished',
  'GoverningBodyRenamed',
  'GoverningBodyAbolished',
  'GoverningBodyMerged',
  'GoverningBodySplit',
  'GoverningBodyReceivedFrom',
  'GoverningBodyJoined',
];

export interface GoverningBodySnapshot extends BodyPlace {
  bodyId: string;
  code: string;
  name: string;
  system: UnitSystem;
  level: UnitLevel;
  parentId?: string;
  status: 'ACTIVE' | 'ABOLISHED';
  abolishedOn?: IsoDate;
}

/** A link between bodies: a merger (one successor) or a split (several), as either side records it. */
export interface BodyLineageLink {
  predecessorId: string;
  successorId: string;
  changeType: 'MERGE_BODIES' | 'SPLIT_BODY' | 'ABOLISH_BODY';
  effectiveDate: IsoDate;
  decision: BodyDecisionRef;
}

const ENDINGS = new Set<GoverningBodyEventType>(['GoverningBodyAbolished', 'GoverningBodyMerged']);
const JOINING = new Set<GoverningBodyEventType>(['GoverningBodyJoined']);
const RECEIVING = new Set<GoverningBodyEventType>(['GoverningBodyJoined', 'GoverningBodyEstablished', 'GoverningBodyReceivedFrom']);

/** A governing body exists from registration (or from its establishment date); every other change is dated. */
export class GoverningBodyTimeline {
  private constructor(private readonly events: GoverningBodyEvent[]) {}

  static from(events: GoverningBodyEvent[]): GoverningBodyTimeline {
    return new GoverningBodyTimeline(events);
  }

  /** A new timeline with the events appended (in recording order). */
  with(events: GoverningBodyEvent[]): GoverningBodyTimeline {
    return new GoverningBodyTimeline([...this.events, ...events]);
  }

  get exists(): boolean {
    return this.events.some((e) => e.type === 'GoverningBodyRegistered' || e.type === 'GoverningBodyEstablished');
  }

  asOf(date: IsoDate): GoverningBodySnapshot | undefined {
    let snapshot: GoverningBodySnapshot | undefined;
    for (const e of this.dated()) {
      if (effectiveOf(e) > date) break;
      snapshot = evolve(snapshot, e);
    }
    return snapshot;
  }

  latest(): GoverningBodySnapshot | undefined {
    return this.asOf('9999-12-31');
  }

  isActiveOn(date: IsoDate): boolean {
    return this.asOf(date)?.status === 'ACTIVE';
  }

  /** The date the body ceased to exist (abolished, or merged into another), if any: final. */
  abolishedOn(): IsoDate | undefined {
    const ended = this.events.find((e) => ENDINGS.has(e.type) || (e.type === 'GoverningBodySplit' && !e.data.continues));
    return ended && ended.type !== 'GoverningBodyRegistered' ? ended.data.effectiveDate : undefined;
  }

  /** Effective dates of every dated change (for periods). */
  changeDates(): IsoDate[] {
    return [...new Set(this.events.flatMap((e) => (e.type === 'GoverningBodyRegistered' ? [] : [e.data.effectiveDate])))].sort();
  }

  /**
   * Decisions (by key) that change the body on a date, other than `exceptKey`. Joining this register
   * never competes with a decision (ADR 0014); with `receiving`, neither does the body's
   * establishment nor units it received that day: a body may receive units from several decisions
   * of one day (on 2025-07-01 a department received from the province merger and the district abolition).
   */
  decisionsOn(date: IsoDate, exceptKey?: string, receiving = false): string[] {
    const ignored = receiving ? RECEIVING : JOINING;
    return [
      ...new Set(
        this.events.flatMap((e) =>
          e.type !== 'GoverningBodyRegistered' && !ignored.has(e.type) && e.data.effectiveDate === date && e.data.decision.key && e.data.decision.key !== exceptKey ? [e.data.decision.key] : [],
        ),
      ),
    ];
  }

  /** The lineage links this body's own events name. */
  lineage(): BodyLineageLink[] {
    return this.events.flatMap((e): BodyLineageLink[] => {
      switch (e.type) {
        case 'GoverningBodyMerged':
          return [{ predecessorId: e.data.bodyId, successorId: e.data.successorId, changeType: 'MERGE_BODIES', effectiveDate: e.data.effectiveDate, decision: e.data.decision }];
        case 'GoverningBodySplit':
          return e.data.successorIds.map((s) => ({ predecessorId: e.data.bodyId, successorId: s, changeType: 'SPLIT_BODY', effectiveDate: e.data.effectiveDate, decision: e.data.decision }));
        case 'GoverningBodyReceivedFrom':
          return e.data.predecessorIds.map((p) => ({ predecessorId: p, successorId: e.data.bodyId, changeType: e.data.operation, effectiveDate: e.data.effectiveDate, decision: e.data.decision }));
        case 'GoverningBodyAbolished':
          return e.data.transferUnitsTo
            ? [{ predecessorId: e.data.bodyId, successorId: e.data.transferUnitsTo, changeType: 'ABOLISH_BODY', effectiveDate: e.data.effectiveDate, decision: e.data.decision }]
            : [];
        default:
          return [];
      }
    });
  }

  private dated(): GoverningBodyEvent[] {
    return this.events
      .map((e, seq) => ({ e, seq }))
      .sort((a, b) => (effectiveOf(a.e) < effectiveOf(b.e) ? -1 : effectiveOf(a.e) > effectiveOf(b.e) ? 1 : a.seq - b.seq))
      .map(({ e }) => e);
  }
}

function evolve(snapshot: GoverningBodySnapshot | undefined, e: GoverningBodyEvent): GoverningBodySnapshot | undefined {
  if (e.type === 'GoverningBodyRegistered') return { ...e.data, status: 'ACTIVE' };
  if (e.type === 'GoverningBodyEstablished') {
    const { effectiveDate: _date, decision: _decision, ...attributes } = e.data;
    return { ...attributes, status: 'ACTIVE' };
  }
  if (!snapshot) return snapshot;
  switch (e.type) {
    case 'GoverningBodyRenamed':
      return { ...snapshot, name: e.data.name };
    case 'GoverningBodyJoined': {
      const { province: _joined, ...rest } = snapshot;
      return { ...rest, territory: snapshot.territory ?? e.data.fromProvince };
    }
    case 'GoverningBodySplit':
      return e.data.continues ? snapshot : { ...snapshot, status: 'ABOLISHED', abolishedOn: e.data.effectiveDate };
    case 'GoverningBodyAbolished':
    case 'GoverningBodyMerged':
      return { ...snapshot, status: 'ABOLISHED', abolishedOn: e.data.effectiveDate };
    default:
      return snapshot;
  }
}

function effectiveOf(event: GoverningBodyEvent): IsoDate {
  return event.type === 'GoverningBodyRegistered' ? '0000-01-01' : event.data.effectiveDate;
}
