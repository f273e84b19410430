import { GOVERNING_BODY_EVENT_TYPES, type GoverningBodyEvent, type GoverningBodySnapshot, GoverningBodyTimeline, type IsoDate, UNIT_EVENT_TYPES, type UnitEvent, UnitTimeline } from '@reorg/domain';
import type { EventStore, RecordedEvent } from '@reorg/event-store';
import { type UnitView, unitViewOf } from '@reorg/domain';
import type { ReplayQuery } from './replay-options';

const PAGE_SIZE = 5_000;
const UNIT_TYPES = new Set<string>(UNIT_EVENT_TYPES);
const BODY_TYPES = new Set<string>(GOVERNING_BODY_EVENT_TYPES);

export interface ReplayedBody {
  id: string;
  code: string;
  name: string;
  system: string;
  level: string;
  parentId?: string;
  status: string;
  abolishedOn?: IsoDate;
}

/** The register folded straight from the log (no read model involved). */
export interface ReplayedRegister {
  asOf: IsoDate;
  knownAt: string | null;
  status: ReplayQuery['status'];
  /** The last global position read; events after it (or recorded after knownAt) are not in the fold. */
  position: number;
  /** Unit and governing-body events folded (those recorded at or before knownAt). */
  events: number;
  /** Governing bodies registered by then, as they stood on asOf, by code. */
  bodies: ReplayedBody[];
  /** Units as the api's unit view shapes them, by code (byte-wise, as the api sorts). */
  units: UnitView[];
}

/** Every event of the global log (upcast by the store), page by page. */
async function* readLog(store: EventStore): AsyncGenerator<RecordedEvent[]> {
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: PAGE_SIZE });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].position;
  }
}

function push<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}

function bodyOf(snapshot: GoverningBodySnapshot): ReplayedBody {
  const { bodyId, code, name, system, level, parentId, status, abolishedOn } = snapshot;
  return { id: bodyId, code, name, system, level, ...(parentId ? { parentId } : {}), status, ...(abolishedOn ? { abolishedOn } : {}) };
}

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Reads the whole log and folds every unit and governing body with the domain's own timelines:
 * back-filled decisions land at their effective dates and annulled ones drop out, exactly as the
 * domain decides. With `knownAt`, only events recorded at or before that instant count.
 */
export async function replayRegister(store: EventStore, query: ReplayQuery): Promise<ReplayedRegister> {
  const knownAt = query.knownAt === undefined ? undefined : Date.parse(query.knownAt);
  const unitEvents = new Map<string, UnitEvent[]>();
  const bodyEvents = new Map<string, GoverningBodyEvent[]>();
  let position = 0;
  let folded = 0;
  for await (const page of readLog(store)) {
    position = page[page.length - 1].position;
    for (const event of page) {
      if (knownAt !== undefined && Date.parse(event.metadata.recordedAt) > knownAt) continue;
      if (UNIT_TYPES.has(event.type)) push(unitEvents, String(event.data.unitId), { type: event.type, data: event.data } as unknown as UnitEvent);
      else if (BODY_TYPES.has(event.type)) push(bodyEvents, String(event.data.bodyId), { type: event.type, data: event.data } as unknown as GoverningBodyEvent);
      else continue;
      folded += 1;
    }
  }
  const units = [...unitEvents].flatMap(([unitId, events]) => {
    const snapshot = UnitTimeline.from(unitId, events).asOf(query.asOf);
    return snapshot && (query.status === 'ALL' || snapshot.status === query.status) ? [unitViewOf(snapshot)] : [];
  });
  const bodies = [...bodyEvents.values()].flatMap((events) => {
    const snapshot = GoverningBodyTimeline.from(events).asOf(query.asOf);
    return snapshot ? [bodyOf(snapshot)] : [];
  });
  return { asOf: query.asOf, knownAt: query.knownAt ?? null, status: query.status, position, events: folded, bodies: bodies.sort(byCode), units: units.sort(byCode) };
}
