import { v7 as timeOrderedUuid } from 'uuid';
import {
  UNIT_EVENT_TYPES,
  type GoverningBodyEvent,
  GoverningBodyTimeline,
  type RegisterView,
  type UnitEvent,
  UnitTimeline,
  codeKey,
} from '@reorg/domain';
import type { EventMetadataInput, EventStore, ExpectedVersion, JsonObject, NewEvent, RecordedEvent, StreamAppend } from '@reorg/event-store';
import type { CodeEvent, DecisionEvent } from './register-events';
import { Streams } from './streams';

interface Loaded<T> {
  value: T;
  version: number;
}

export interface DecisionState {
  recorded?: Extract<DecisionEvent, { type: 'DecisionRecorded' }>['data'];
  annulled: boolean;
  /** The stream's version (all years). */
  version: number;
  /** More than one live record and no year asked: the caller must name the year. */
  ambiguousYears?: number[];
}

type RecordedDecision = NonNullable<DecisionState['recorded']>;

/** Folds a decision stream (every year's record of one issuer and number) into the state of one year. */
export function decisionStateOf(events: DecisionEvent[], year?: number): DecisionState {
  const records: { recorded: RecordedDecision; annulled: boolean }[] = [];
  for (const event of events) {
    if (event.type === 'DecisionRecorded') records.push({ recorded: event.data, annulled: false });
    else for (const record of records) if (record.recorded.key === event.data.key) record.annulled = true;
  }
  const version = events.length;
  const ofYear = year === undefined ? records : records.filter((r) => Number(r.recorded.date.slice(0, 4)) === year);
  const live = ofYear.filter((r) => !r.annulled);
  if (year === undefined && live.length > 1) return { annulled: false, version, ambiguousYears: live.map((r) => Number(r.recorded.date.slice(0, 4))) };
  const chosen = live.at(-1) ?? ofYear.at(-1);
  return chosen ? { recorded: chosen.recorded, annulled: chosen.annulled, version } : { annulled: false, version };
}

export interface RegisterNeeds {
  unitIds?: string[];
  codes?: string[];
  bodyIds?: string[];
  bodyCodes?: string[];
  /** Bodies (by id or code) whose units a restructuring moves: every unit ever under them is loaded. */
  unitsUnderBodies?: boolean;
  /** Other provinces' registers a merger joins: their bodies and units are loaded. */
  provinces?: string[];
}

const UNIT_TYPES = new Set<string>(UNIT_EVENT_TYPES);
const BODY_CREATIONS = new Set(['GoverningBodyRegistered', 'GoverningBodyEstablished']);

/** Every event of a stream, in order, page by page. */
export async function readWholeStream(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readStream(streamId, { fromVersion: events.length + 1, maxCount: 1000 });
    events.push(...page);
    if (page.length < 1000) return events;
  }
}

const asDomain = <T>(events: RecordedEvent[]): T[] => events.map((e) => ({ type: e.type, data: e.data }) as T);

/** The register as read from the store for one command, with the versions to append against. */
export class LoadedRegister implements RegisterView {
  readonly units = new Map<string, Loaded<UnitTimeline>>();
  readonly bodies = new Map<string, Loaded<GoverningBodyTimeline>>();
  /** codeKey → owning unit (undefined when released) and the reservation stream's version. */
  readonly codes = new Map<string, { unitId?: string; version: number }>();
  readonly bodyCodes = new Map<string, string | undefined>();
  readonly everUnder = new Map<string, string[]>();
  readonly provinceBodies = new Map<string, string[]>();

  bodyIdByCode(code: string): string | undefined {
    return this.bodyCodes.get(codeKey(code));
  }

  unitIdsEverUnder(bodyId: string): string[] {
    return this.everUnder.get(bodyId) ?? [];
  }

  bodyIdsOfProvince(province: string): string[] {
    return this.provinceBodies.get(province) ?? [];
  }

  unit(unitId: string): UnitTimeline | undefined {
    return this.units.get(unitId)?.value;
  }

  unitIdByCode(code: string): string | undefined {
    return this.codes.get(codeKey(code))?.unitId;
  }

  body(bodyId: string): GoverningBodyTimeline | undefined {
    return this.bodies.get(bodyId)?.value;
  }

  unitVersion(unitId: string): ExpectedVersion {
    return this.units.get(unitId)?.version ?? 'no_stream';
  }

  bodyVersion(bodyId: string): ExpectedVersion {
    return this.bodies.get(bodyId)?.version ?? 'no_stream';
  }

  codeVersion(code: string): ExpectedVersion {
    const version = this.codes.get(codeKey(code))?.version ?? 0;
    return version === 0 ? 'no_stream' : version;
  }
}

export class RegisterRepository {
  constructor(private readonly store: EventStore) {}

  async load(needs: RegisterNeeds, into = new LoadedRegister()): Promise<LoadedRegister> {
    // A copy: the caller's arrays (e.g. a recorded decision's touchedUnitIds) must not grow.
    const unitIds = [...(needs.unitIds ?? [])];
    const bodyIdsNamed = [...(needs.bodyIds ?? [])];
    for (const code of new Set(needs.bodyCodes ?? [])) {
      const bodyId = await this.bodyIdByCode(code);
      into.bodyCodes.set(codeKey(code), bodyId);
      if (bodyId) bodyIdsNamed.push(bodyId);
    }
    if (needs.unitsUnderBodies || needs.provinces?.length) unitIds.push(...(await this.scanMembership(into, bodyIdsNamed, needs.provinces ?? [])));
    for (const code of new Set(needs.codes ?? [])) {
      if (into.codes.has(codeKey(code))) continue;
      const events = asDomain<CodeEvent>(await readWholeStream(this.store, Streams.unitCode(code)));
      let unitId: string | undefined;
      for (const event of events) {
        if (event.type === 'UnitCodeReserved') unitId = event.data.unitId;
        if (event.type === 'UnitCodeReleased') unitId = undefined;
      }
      into.codes.set(codeKey(code), { unitId, version: events.length });
      if (unitId) unitIds.push(unitId);
    }
    for (const unitId of new Set(unitIds)) {
      if (into.units.has(unitId)) continue;
      const events = await readWholeStream(this.store, Streams.unit(unitId));
      if (events.length === 0) continue;
      into.units.set(unitId, { value: UnitTimeline.from(unitId, asDomain<UnitEvent>(events)), version: events.length });
    }
    const bodyIds = new Set([...bodyIdsNamed, ...[...into.provinceBodies.values()].flat(), ...[...into.units.values()].flatMap((u) => u.value.latest()?.attributes.governingBodyId ?? [])]);
    for (const bodyId of bodyIds) {
      if (into.bodies.has(bodyId)) continue;
      const loaded = await this.loadBody(bodyId);
      if (loaded) into.bodies.set(bodyId, loaded);
    }
    return into;
  }

  /**
   * Restructurings and mergers are rare: one scan of the log finds the bodies of the provinces asked
   * and every unit ever under the bodies concerned, instead of keeping an index.
   */
  private async scanMembership(into: LoadedRegister, bodyIds: string[], provinces: string[]): Promise<string[]> {
    const wanted = new Set(bodyIds);
    const provinceOf = new Map<string, string>();
    const under = new Map<string, Set<string>>();
    for (let after = 0; ; ) {
      const events = await this.store.readAll({ after, maxCount: 5000, consistency: 'committed' });
      if (events.length === 0) break;
      after = events[events.length - 1].position;
      for (const event of events) {
        if (BODY_CREATIONS.has(event.type)) {
          const data = event.data as { bodyId: string; province?: string };
          if (data.province && provinces.includes(data.province)) provinceOf.set(data.bodyId, data.province);
          continue;
        }
        if (!UNIT_TYPES.has(event.type)) continue;
        const data = event.data as { unitId: string; attributes?: { governingBodyId?: string }; toGoverningBodyId?: string };
        for (const bodyId of [data.attributes?.governingBodyId, data.toGoverningBodyId]) {
          if (!bodyId) continue;
          if (!under.has(bodyId)) under.set(bodyId, new Set());
          under.get(bodyId)!.add(data.unitId);
        }
      }
    }
    for (const province of provinces) into.provinceBodies.set(province, [...provinceOf].filter(([, p]) => p === province).map(([b]) => b));
    for (const bodyId of provinceOf.keys()) wanted.add(bodyId);
    const units: string[] = [];
    for (const bodyId of wanted) {
      const ids = [...(under.get(bodyId) ?? [])];
      into.everUnder.set(bodyId, ids);
      units.push(...ids);
    }
    return units;
  }

  async loadBody(bodyId: string): Promise<Loaded<GoverningBodyTimeline> | undefined> {
    const events = await readWholeStream(this.store, Streams.body(bodyId));
    if (events.length === 0) return undefined;
    return { value: GoverningBodyTimeline.from(asDomain<GoverningBodyEvent>(events)), version: events.length };
  }

  /**
   * The record of decision `number` of `issuer` in `year` (numbers restart every year, so one stream
   * holds every year's decision of that number). Without a year: the only live record, else the last.
   */
  async loadDecision(issuer: string, number: string, year?: number): Promise<DecisionState> {
    const events = asDomain<DecisionEvent>(await readWholeStream(this.store, Streams.decision(issuer, number)));
    return decisionStateOf(events, year);
  }

  /** The unit holding a code now (undefined when none, or its reservation was released by an annulment). */
  async unitIdByCode(code: string): Promise<string | undefined> {
    return (await this.load({ codes: [code] })).unitIdByCode(code);
  }

  async bodyIdByCode(code: string): Promise<string | undefined> {
    const [first] = asDomain<CodeEvent>(await this.store.readStream(Streams.bodyCode(code), { maxCount: 1 }));
    return first?.type === 'GoverningBodyCodeReserved' ? first.data.bodyId : undefined;
  }
}

/** Wraps domain events for the store: explicit type, fresh id, the command's metadata. */
export function toNewEvents(events: { type: string; data: object }[], metadata: EventMetadataInput): NewEvent[] {
  return events.map((event) => ({
    // Time-ordered ids keep the store's event-id index append-mostly (fewer pages written per commit).
    eventId: timeOrderedUuid(),
    type: event.type,
    data: JSON.parse(JSON.stringify(event.data)) as JsonObject,
    metadata: { ...metadata, ...('effectiveDate' in event.data && typeof event.data.effectiveDate === 'string' ? { effectiveDate: event.data.effectiveDate } : {}) },
  }));
}

/** Groups pending per-stream events into the appends of one atomic multi-stream write. */
export class AppendPlan {
  private readonly byStream = new Map<string, StreamAppend>();

  add(streamId: string, expectedVersion: ExpectedVersion, events: NewEvent[]): this {
    const existing = this.byStream.get(streamId);
    if (existing) existing.events.push(...events);
    else this.byStream.set(streamId, { streamId, expectedVersion, events: [...events] });
    return this;
  }

  get appends(): StreamAppend[] {
    return [...this.byStream.values()];
  }
}
