/*
 * A national register, generated deterministically (seeded PRNG): the 63 provinces of 2015, a
 * baseline of `units` units on 2015-12-31, then ten years of decisions to 2026-11-30 in effective
 * order, every one applied by the domain (registerBaseline, applyDecision, mergeProvince) on a
 * WorkingRegister and turned into the same stream appends as libs/register's services write. The
 * 2025 map is data: departments merge on 2025-03-01; on 2025-07-01 29 provinces join the 34 of the
 * new map (Resolution 202/2025/QH15), every district People's Committee is split between the
 * province's departments and its communes (the district level ends), the joining provinces'
 * departments merge into the receiving ones. Proportions and reasons: docs/adr/0029.
 */
import {
  type AutonomyGroup,
  type BodyOperation,
  type DecisionRef,
  type IsoDate,
  type LevelValidity,
  type NewUnit,
  type Operation,
  type Sector,
  type UnitSnapshot,
  WorkingRegister,
  applyDecision,
  autonomyRank,
  decisionKey,
  mergeProvince,
  registerBaseline,
} from '@reorg/domain';
import type { NewEvent } from '@reorg/event-store';
import { Streams, metadataOf, toNewEvents } from '@reorg/register';
import { Prng } from '../../fixtures/scenario/prng';
import { NationalRegister } from './national-register';
import { COMMUNE_UNIT_KINDS, DEPARTMENTS, DISTRICT_DESTINATION, DISTRICT_UNIT_KINDS, type DepartmentKey, type OldProvince, PROVINCES_2025, PROVINCIAL_UNIT_KINDS, SECTOR_AFTER_2025 } from './provinces';

export const BASELINE_DATE = '2015-12-31';
export const FIRST_DAY = '2016-01-01';
export const LAST_DAY = '2026-11-30';
export const DEPARTMENT_MERGER_DATE = '2025-03-01';
export const PROVINCE_MERGER_DATE = '2025-07-01';
export const DECREE_283_FROM = '2025-11-01';

/** Reorganisations per active unit per year (Resolution 19-NQ/TW's pace: the peak 2018–2021, the 2025 wave). */
const REORGANISATION_RATE: Record<number, number> = { 2016: 0.012, 2017: 0.02, 2018: 0.035, 2019: 0.035, 2020: 0.03, 2021: 0.025, 2022: 0.02, 2023: 0.02, 2024: 0.02, 2025: 0.035, 2026: 0.015 };
/** Shares of the reorganising decisions. */
export const REORGANISATION_MIX = { CONSOLIDATE: 0.3, ABSORB: 0.25, DISSOLVE: 0.2, ESTABLISH: 0.15, SEPARATE: 0.07, DIVIDE: 0.03 } as const;
/** Shares of the attribute decisions, which fill the event budget between the annual quotas. */
export const ATTRIBUTE_MIX = { CHANGE_STAFFING_QUOTA: 0.35, CHANGE_AUTONOMY: 0.3, RENAME: 0.2, TRANSFER: 0.15 } as const;
/** Units per district People's Committee and per commune body at the baseline; the rest under departments. */
const SHARES = { districts: 0.62, communes: 0.1, party: 0.03 };

export interface NationalOptions {
  /** Units at the baseline (about 50,000 for the national size). */
  units: number;
  /** Target total of events in the log (every stream: units, codes, decisions, bodies). */
  events: number;
  seed?: number;
  /** When each level exists (deploy/register/levels.vn.json). */
  levels: readonly LevelValidity[];
}

/** One command's atomic append, as a service would write it. */
export interface GeneratedAppend {
  streamId: string;
  events: NewEvent[];
}

export type NationalSink = (appends: GeneratedAppend[], recordedDay: IsoDate) => Promise<void> | void;

export interface ProvinceInfo {
  key: string;
  gso: string;
  name: string;
  /** The province of the 2025 map it belongs to. */
  into: string;
  bodyIds: string[];
}

export interface NationalSummary {
  events: number;
  baselineUnits: number;
  unitsEver: number;
  decisions: number;
  operations: Record<string, number>;
  provinces: ProvinceInfo[];
  /** Units active at the end, for history queries (the first ones by code). */
  sampleUnitIds: string[];
  register: NationalRegister;
}

interface District {
  bodyId: string;
  communes: string[];
}

interface Province {
  old: OldProvince;
  /** The receiving province (itself when it does not join another). */
  into: Province;
  joins: boolean;
  weight: number;
  departments: Partial<Record<DepartmentKey, string>>;
  districts: District[];
  bodyIds: string[];
  unitSeq: number;
}

const CONTEXT = { actor: 'national-generator', roles: ['admin'] };
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function generateNational(options: NationalOptions, sink: NationalSink): Promise<NationalSummary> {
  return new NationalGenerator(options, sink).run();
}

class NationalGenerator {
  private readonly random: Prng;
  private readonly register = new NationalRegister();
  private readonly provinces: Province[] = [];
  private readonly bodyOwner = new Map<string, Province>();
  private readonly active: string[] = [];
  private readonly activeIndex = new Map<string, number>();
  private readonly touchedToday = new Set<string>();
  private readonly decisionNumbers = new Map<string, number>();
  private readonly operations: Record<string, number> = {};
  private written = 0;
  private decisions = 0;
  private unitsEver = 0;
  private idSeq = 0;

  constructor(
    private readonly options: NationalOptions,
    private readonly sink: NationalSink,
  ) {
    this.random = new Prng(options.seed ?? 2025);
  }

  /** UUIDv7-shaped ids from the PRNG: time-ordered like the store's own, and the same on every run. */
  private readonly newId = (): string => {
    const bytes = Buffer.alloc(16);
    const ms = Date.UTC(2015, 0, 1) + this.idSeq++;
    bytes.writeUIntBE(ms, 0, 6);
    for (let i = 6; i < 16; i++) bytes[i] = Math.floor(this.random.next() * 256);
    bytes[6] = 0x70 | (bytes[6] & 0x0f);
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };

  async run(): Promise<NationalSummary> {
    await this.registerBodies();
    await this.baseline();
    const start = Date.parse(`${FIRST_DAY}T00:00:00Z`);
    const end = Date.parse(`${LAST_DAY}T00:00:00Z`);
    const totalDays = (end - start) / DAY_MS + 1;
    let reorganisationCredit = 0;
    for (let ms = start, d = 0; ms <= end; ms += DAY_MS, d++) {
      const day = isoDay(ms);
      this.touchedToday.clear();
      if (day === DEPARTMENT_MERGER_DATE) await this.mergeDepartments(day);
      if (day === PROVINCE_MERGER_DATE) await this.provinceMerger(day);
      if (day.endsWith('-01-01')) {
        await this.annualQuotas(day);
        continue;
      }
      const year = Number(day.slice(0, 4));
      reorganisationCredit += (this.active.length * (REORGANISATION_RATE[year] ?? 0.02)) / 365;
      while (reorganisationCredit >= 1) {
        reorganisationCredit -= 1;
        await this.reorganisation(day);
      }
      const remainingDays = totalDays - d;
      const januariesLeft = Number(LAST_DAY.slice(0, 4)) - year;
      const reserved = this.active.length * januariesLeft * 1.02;
      const budget = (this.options.events - this.written - reserved) / remainingDays;
      for (let spent = 0; spent < budget && this.active.length > 0; ) spent += await this.attributeChange(day);
    }
    const provinces = this.provinces.map((p) => ({ key: p.old.key, gso: p.old.gso, name: p.old.name, into: p.into.old.key, bodyIds: p.bodyIds }));
    const sampleUnitIds = [...this.active].sort().slice(0, 1000);
    return { events: this.written, baselineUnits: this.options.units, unitsEver: this.unitsEver, decisions: this.decisions, operations: this.operations, provinces, sampleUnitIds, register: this.register };
  }

  // --- emitting -------------------------------------------------------------------------------

  private async emit(appends: GeneratedAppend[], day: IsoDate): Promise<void> {
    for (const append of appends) this.written += append.events.length;
    await this.sink(appends, day);
  }

  private events(items: { type: string; data: object }[], source: string): NewEvent[] {
    return toNewEvents(items, metadataOf(CONTEXT, { source })).map((event) => ({ ...event, eventId: this.newId() }));
  }

  /** What DecisionService / ProvinceMergerService append for a decided WorkingRegister. */
  private decisionAppends(working: WorkingRegister, source: string, recorded: { type: string; data: object }): GeneratedAppend[] {
    const appends: GeneratedAppend[] = [];
    for (const { code, unitId } of working.reservedCodes) appends.push({ streamId: Streams.unitCode(code), events: this.events([{ type: 'UnitCodeReserved', data: { code, unitId } }], source) });
    for (const { code, bodyId } of working.reservedBodyCodes) appends.push({ streamId: Streams.bodyCode(code), events: this.events([{ type: 'GoverningBodyCodeReserved', data: { code, bodyId } }], source) });
    const byStream = new Map<string, { type: string; data: object }[]>();
    const add = (streamId: string, event: { type: string; data: object }) => byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
    for (const { bodyId, event } of working.pendingBodies) add(Streams.body(bodyId), event);
    for (const { unitId, event } of working.pending) add(Streams.unit(unitId), event);
    for (const [streamId, items] of byStream) appends.push({ streamId, events: this.events(items, source) });
    const decision = recorded.data as { issuer: string; number: string };
    appends.push({ streamId: Streams.decision(decision.issuer, decision.number), events: this.events([recorded], source) });
    return appends;
  }

  private nextNumber(issuer: string, day: IsoDate): string {
    const key = `${issuer}|${day.slice(0, 4)}`;
    const n = (this.decisionNumbers.get(key) ?? 0) + 1;
    this.decisionNumbers.set(key, n);
    return `${n}/QĐ-UBND`;
  }

  private decisionRef(province: Province, day: IsoDate): DecisionRef {
    const issuer = `Ủy ban nhân dân ${province.old.city ? 'thành phố' : 'tỉnh'} ${province.old.name}`;
    const number = this.nextNumber(issuer, day);
    const date = isoDay(Date.parse(`${day}T00:00:00Z`) - this.random.int(3, 20) * DAY_MS);
    return { key: decisionKey(issuer, number, date), number, date, effectiveDate: day, issuer, signer: `Chủ tịch UBND ${province.old.name}` };
  }

  /** Applies one decision through the domain; throws with the violations when the generator asked for something the domain refuses. */
  private async decide(province: Province, day: IsoDate, operations: Operation[], bodyOperations: BodyOperation[] = []): Promise<void> {
    const decision = this.decisionRef(province, day);
    const working = new WorkingRegister(this.register);
    const outcome = applyDecision(working, { decision, operations, ...(bodyOperations.length ? { bodyOperations } : {}), levels: this.options.levels }, this.newId);
    if (!outcome.ok) throw new Error(`the domain refused a generated decision on ${day}: ${JSON.stringify(outcome.violations).slice(0, 1500)}\n${JSON.stringify({ operations, bodyOperations }).slice(0, 1500)}`);
    const { createdUnits, touchedUnitIds, establishedBodies } = outcome.value;
    const recorded = {
      type: 'DecisionRecorded',
      data: {
        ...decision,
        operations,
        ...(bodyOperations.length ? { bodyOperations, establishedBodies: establishedBodies ?? [] } : {}),
        source: 'import',
        createdUnits,
        touchedUnitIds,
      },
    };
    await this.emit(this.decisionAppends(working, 'import', recorded), day);
    this.register.commit(working);
    this.decisions += 1;
    for (const operation of operations) this.operations[operation.type] = (this.operations[operation.type] ?? 0) + 1;
    for (const unitId of touchedUnitIds) {
      this.touchedToday.add(unitId);
      if (this.stateOf(unitId, day).status !== 'ACTIVE') this.retire(unitId);
    }
    for (const { unitId } of createdUnits) {
      this.touchedToday.add(unitId);
      this.activate(unitId);
    }
  }

  private activate(unitId: string): void {
    this.activeIndex.set(unitId, this.active.length);
    this.active.push(unitId);
    this.unitsEver += 1;
  }

  private retire(unitId: string): void {
    const at = this.activeIndex.get(unitId);
    if (at === undefined) return;
    const last = this.active.pop()!;
    if (last !== unitId) {
      this.active[at] = last;
      this.activeIndex.set(last, at);
    }
    this.activeIndex.delete(unitId);
  }

  // --- bodies and baseline --------------------------------------------------------------------

  private async registerBodies(): Promise<void> {
    const sizes = PROVINCES_2025.flat().map((old) => (old.key === 'HA_NOI' || old.key === 'HO_CHI_MINH' ? 3 : 0.6 + this.random.next()));
    const total = sizes.reduce((a, b) => a + b, 0);
    let i = 0;
    for (const group of PROVINCES_2025) {
      const receiving = group[0];
      let into: Province | undefined;
      for (const old of group) {
        const province: Province = { old, into: undefined as unknown as Province, joins: old !== receiving, weight: sizes[i++] / total, departments: {}, districts: [], bodyIds: [], unitSeq: 0 };
        into ??= province;
        province.into = into;
        this.provinces.push(province);
      }
    }
    const appends: GeneratedAppend[] = [];
    const body = (province: Province, code: string, name: string, system: 'GOVERNMENT' | 'PARTY_MASS', level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE', parentId?: string): string => {
      const bodyId = this.newId();
      const data = { bodyId, code, name, system, level, ...(parentId ? { parentId } : {}), ...(province.joins ? { province: province.old.key } : { territory: province.old.key }) };
      this.register.registerBody({ type: 'GoverningBodyRegistered', data });
      appends.push({ streamId: Streams.bodyCode(code), events: this.events([{ type: 'GoverningBodyCodeReserved', data: { code, bodyId } }], 'registration') });
      appends.push({ streamId: Streams.body(bodyId), events: this.events([{ type: 'GoverningBodyRegistered', data }], 'registration') });
      this.bodyOwner.set(bodyId, province);
      province.bodyIds.push(bodyId);
      return bodyId;
    };
    const unitsPerDistrict = 60;
    for (const province of this.provinces) {
      const { gso, name } = province.old;
      const ppc = body(province, `${gso}-UBND`, `Ủy ban nhân dân ${province.old.city ? 'thành phố' : 'tỉnh'} ${name}`, 'GOVERNMENT', 'PROVINCE');
      province.departments.UBND = ppc;
      for (const dept of DEPARTMENTS) {
        if (dept.key === 'UBND') continue;
        const system = 'system' in dept ? dept.system : 'GOVERNMENT';
        province.departments[dept.key] = body(province, `${gso}-${dept.key}`, `${dept.name} ${name}`, system, 'PROVINCE', system === 'GOVERNMENT' ? ppc : undefined);
      }
      const districts = Math.max(1, Math.round((this.options.units * province.weight * SHARES.districts) / unitsPerDistrict));
      for (let d = 1; d <= districts; d++) {
        const districtId = body(province, `${gso}-H${String(d).padStart(2, '0')}`, `Ủy ban nhân dân huyện số ${d} ${name}`, 'GOVERNMENT', 'DISTRICT', ppc);
        const communes = [1, 2, 3].map((c) => body(province, `${gso}-H${String(d).padStart(2, '0')}-X${c}`, `Ủy ban nhân dân xã số ${c} huyện số ${d} ${name}`, 'GOVERNMENT', 'COMMUNE', districtId));
        province.districts.push({ bodyId: districtId, communes });
      }
    }
    await this.emit(appends, BASELINE_DATE);
  }

  private newUnitCode(province: Province): string {
    province.unitSeq += 1;
    return `${province.old.gso}-${String(province.unitSeq).padStart(6, '0')}`;
  }

  private pickWeighted<T extends { weight: number }>(items: readonly T[]): T {
    const total = items.reduce((s, x) => s + x.weight, 0);
    let roll = this.random.next() * total;
    for (const item of items) if ((roll -= item.weight) < 0) return item;
    return items[items.length - 1];
  }

  private group(): AutonomyGroup {
    const roll = this.random.next();
    return roll < 0.03 ? 'G1' : roll < 0.15 ? 'G2' : roll < 0.45 ? 'G3' : 'G4';
  }

  private baselineUnit(province: Province): NewUnit {
    const roll = this.random.next();
    const code = this.newUnitCode(province);
    if (roll < SHARES.districts + SHARES.communes) {
      const district = this.random.pick(province.districts);
      const atCommune = roll >= SHARES.districts;
      const kind = this.pickWeighted<{ name: string; sector: string; weight: number; quota: readonly number[] }>(atCommune ? COMMUNE_UNIT_KINDS : DISTRICT_UNIT_KINDS);
      return {
        code, name: `${kind.name} số ${province.unitSeq} ${province.old.name}`, governingBodyId: atCommune ? this.random.pick(district.communes) : district.bodyId,
        level: atCommune ? 'COMMUNE' : 'DISTRICT', sector: kind.sector as Sector, autonomyGroup: atCommune ? 'G4' : this.group(), staffingQuota: this.random.int(kind.quota[0], kind.quota[1]),
      };
    }
    const departments = DEPARTMENTS.filter((d) => roll >= SHARES.districts + SHARES.communes + SHARES.party || d.key === 'TU');
    const dept = roll < SHARES.districts + SHARES.communes + SHARES.party ? DEPARTMENTS.find((d) => d.key === 'TU')! : this.random.pick(departments.filter((d) => d.key !== 'TU'));
    const sector = this.random.pick(dept.sectors) as Sector;
    return {
      code, name: `${this.random.pick(PROVINCIAL_UNIT_KINDS[sector])} số ${province.unitSeq} ${province.old.name}`, governingBodyId: province.departments[dept.key]!,
      level: 'PROVINCE', sector, autonomyGroup: this.group(), staffingQuota: this.random.int(15, sector === 'HEALTH' ? 300 : 80),
    };
  }

  /** One baseline import per province, as BaselineService would record it. */
  private async baseline(): Promise<void> {
    for (const province of this.provinces) {
      const rows = Array.from({ length: Math.max(5, Math.round(this.options.units * province.weight)) }, () => this.baselineUnit(province));
      const working = new WorkingRegister(this.register);
      const outcome = registerBaseline(working, BASELINE_DATE, rows, this.newId);
      if (!outcome.ok) throw new Error(`baseline refused: ${JSON.stringify(outcome.violations.slice(0, 3))}`);
      const appends: GeneratedAppend[] = [];
      for (const { code, unitId } of working.reservedCodes) appends.push({ streamId: Streams.unitCode(code), events: this.events([{ type: 'UnitCodeReserved', data: { code, unitId } }], 'baseline') });
      for (const { unitId, event } of working.pending) appends.push({ streamId: Streams.unit(unitId), events: this.events([event], 'baseline') });
      await this.emit(appends, BASELINE_DATE);
      this.register.commit(working);
      for (const { unitId } of outcome.value) this.activate(unitId);
    }
  }

  // --- the decisions --------------------------------------------------------------------------

  /** The unit's state on `day`: its latest, as decisions are generated in effective order (cached by the register). */
  private stateOf(unitId: string, _day: IsoDate): UnitSnapshot {
    return this.register.latest(unitId)!;
  }

  /** A random active unit nothing has changed today, or undefined after a few tries. */
  private pickUnit(day: IsoDate, accept: (state: UnitSnapshot) => boolean = () => true): UnitSnapshot | undefined {
    for (let tries = 0; tries < 20; tries++) {
      const unitId = this.random.pick(this.active);
      if (this.touchedToday.has(unitId)) continue;
      const state = this.stateOf(unitId, day);
      if (state.status === 'ACTIVE' && accept(state)) return state;
    }
    return undefined;
  }

  private ownerOf(state: UnitSnapshot): Province {
    return this.bodyOwner.get(state.attributes.governingBodyId)!;
  }

  /** Other active units under the same body, untouched today. */
  private siblings(state: UnitSnapshot, day: IsoDate, count: number): UnitSnapshot[] {
    const ids = this.register.unitIdsEverUnder(state.attributes.governingBodyId);
    const found: UnitSnapshot[] = [];
    for (let tries = 0; tries < count * 6 && found.length < count; tries++) {
      const unitId = this.random.pick(ids);
      if (unitId === state.unitId || this.touchedToday.has(unitId) || found.some((s) => s.unitId === unitId)) continue;
      const other = this.stateOf(unitId, day);
      if (other?.status === 'ACTIVE' && other.attributes.governingBodyId === state.attributes.governingBodyId) found.push(other);
    }
    return found;
  }

  private sectorOn(sector: string, day: IsoDate): Sector {
    return (day >= DEPARTMENT_MERGER_DATE ? (SECTOR_AFTER_2025[sector] ?? sector) : sector) as Sector;
  }

  private newUnit(province: Province, template: UnitSnapshot, day: IsoDate, quota: number, group: AutonomyGroup, label: string): NewUnit {
    const body = this.register.body(template.attributes.governingBodyId)!.asOf(day)!;
    const code = this.newUnitCode(province.into === province || day >= PROVINCE_MERGER_DATE ? province.into : province);
    return {
      code, name: `${label} ${code}`, governingBodyId: template.attributes.governingBodyId, level: body.level, sector: this.sectorOn(template.attributes.sector, day),
      autonomyGroup: group, staffingQuota: quota, publicEmployees: quota, ...(quota < 15 ? { basicEssentialService: true } : {}),
    };
  }

  private async reorganisation(day: IsoDate): Promise<void> {
    const type = this.pickWeighted(Object.entries(REORGANISATION_MIX).map(([t, weight]) => ({ t, weight }))).t as keyof typeof REORGANISATION_MIX;
    const base = (t: string) => t.split(' số ')[0];
    if (type === 'ESTABLISH') {
      const template = this.pickUnit(day);
      if (!template) return;
      const province = this.ownerOf(template);
      const quota = this.random.int(15, 40);
      const unit = this.newUnit(province, template, day, quota, this.group(), base(template.attributes.name));
      return this.decide(province, day, [{ type: 'ESTABLISH', unit: { ...unit, governingBodyId: template.attributes.governingBodyId } }]);
    }
    if (type === 'DISSOLVE') {
      const unit = this.pickUnit(day);
      if (!unit) return;
      const ground = day >= DECREE_283_FROM ? { ground: 'REQUIRED_BY_APPROVED_PLAN' as const } : {};
      return this.decide(this.ownerOf(unit), day, [{ type: 'DISSOLVE', unitId: unit.unitId, settlementRef: `BB-QT/${unit.attributes.code}`, ...ground }]);
    }
    if (type === 'SEPARATE' || type === 'DIVIDE') {
      const source = this.pickUnit(day, (s) => s.attributes.staffingQuota >= 40);
      if (!source) return;
      const province = this.ownerOf(source);
      const q = source.attributes.staffingQuota;
      const group = source.attributes.autonomyGroup;
      if (type === 'SEPARATE') {
        const part = this.random.int(15, Math.floor(q / 2));
        return this.decide(province, day, [{ type: 'SEPARATE', sourceUnitId: source.unitId, newUnit: this.newUnit(province, source, day, part, group, base(source.attributes.name)), sourceStaffingQuotaAfter: q - part }]);
      }
      const first = Math.floor(q / 2);
      const units = [this.newUnit(province, source, day, first, group, base(source.attributes.name)), this.newUnit(province, source, day, q - first, group, base(source.attributes.name))];
      return this.decide(province, day, [{ type: 'DIVIDE', sourceUnitId: source.unitId, newUnits: units }]);
    }
    const target = this.pickUnit(day);
    if (!target) return;
    const sources = this.siblings(target, day, type === 'CONSOLIDATE' ? this.random.int(1, 2) : this.random.int(1, 2));
    if (sources.length === 0) return;
    const province = this.ownerOf(target);
    if (type === 'ABSORB') {
      return this.decide(province, day, [{ type: 'ABSORB', targetUnitId: target.unitId, sourceUnitIds: sources.map((s) => s.unitId) }]);
    }
    const all = [target, ...sources];
    const sum = all.reduce((s, u) => s + u.attributes.staffingQuota, 0);
    const quota = Math.max(Math.min(sum, 15), sum - Math.floor(sum * this.random.next() * 0.1));
    const group = all.map((u) => u.attributes.autonomyGroup).sort((a, b) => autonomyRank(a) - autonomyRank(b))[0];
    const newUnit = this.newUnit(province, target, day, quota, group, base(target.attributes.name));
    return this.decide(province, day, [{ type: 'CONSOLIDATE', sourceUnitIds: all.map((u) => u.unitId), newUnit }]);
  }

  /** One attribute decision on one unit; returns the events it wrote. */
  private async attributeChange(day: IsoDate): Promise<number> {
    const before = this.written;
    const unit = this.pickUnit(day);
    if (!unit) return 1;
    const province = this.ownerOf(unit);
    const type = this.pickWeighted(Object.entries(ATTRIBUTE_MIX).map(([t, weight]) => ({ t, weight }))).t as keyof typeof ATTRIBUTE_MIX;
    const { attributes } = unit;
    let operation: Operation;
    if (type === 'CHANGE_STAFFING_QUOTA') {
      operation = { type, unitId: unit.unitId, staffingQuota: Math.max(3, attributes.staffingQuota + this.random.int(-3, 2)) };
    } else if (type === 'CHANGE_AUTONOMY') {
      const rank = Math.max(0, Math.min(3, autonomyRank(attributes.autonomyGroup) - 1 + (this.random.chance(0.7) ? -1 : 1)));
      const group = (['G1', 'G2', 'G3', 'G4'] as const)[rank];
      if (group === attributes.autonomyGroup) return 1;
      operation = { type, unitId: unit.unitId, autonomyGroup: group };
    } else if (type === 'RENAME') {
      const stem = attributes.name.replace(/ \(\d{4}-\d\d-\d\d\)$/, '');
      operation = { type, unitId: unit.unitId, newName: `${stem} (${day})` };
    } else {
      const to = this.transferTarget(province, attributes.governingBodyId, attributes.system, day);
      if (!to) return 1;
      operation = { type, unitId: unit.unitId, toGoverningBodyId: to };
    }
    await this.decide(province, day, [operation]);
    return this.written - before;
  }

  /** Another active body of the unit's province (its 2025 province from 2025-07-01), of the same system. */
  private transferTarget(province: Province, from: string, system: string, day: IsoDate): string | undefined {
    const owner = day >= PROVINCE_MERGER_DATE ? province.into : province;
    for (let tries = 0; tries < 10; tries++) {
      const candidate = this.random.pick(owner.bodyIds);
      if (candidate === from) continue;
      const body = this.register.body(candidate)!.asOf(day);
      if (body?.status === 'ACTIVE' && body.system === system && body.level !== 'DISTRICT') return candidate;
    }
    return undefined;
  }

  /** 1 January: one decision per body assigning every active unit its quota for the year (payroll streamlining: mostly down). */
  private async annualQuotas(day: IsoDate): Promise<void> {
    const byBody = new Map<string, UnitSnapshot[]>();
    for (const unitId of [...this.active].sort()) {
      const state = this.stateOf(unitId, day);
      if (state.status !== 'ACTIVE') continue;
      byBody.set(state.attributes.governingBodyId, [...(byBody.get(state.attributes.governingBodyId) ?? []), state]);
    }
    for (const [bodyId, units] of [...byBody].sort(([a], [b]) => a.localeCompare(b))) {
      const operations: Operation[] = units.map((u) => ({ type: 'CHANGE_STAFFING_QUOTA', unitId: u.unitId, staffingQuota: Math.max(3, u.attributes.staffingQuota - (this.random.chance(0.3) ? 1 : 0)) }));
      await this.decide(this.bodyOwner.get(bodyId)!, day, operations);
    }
  }

  // --- 2025 --------------------------------------------------------------------------------------

  /** 2025-03-01: Environment into Agriculture, Information into Science, Labour split (vocational schools to Education, the rest to Health). */
  private async mergeDepartments(day: IsoDate): Promise<void> {
    for (const province of this.provinces) {
      const d = province.departments;
      const labourUnits = this.register.unitIdsEverUnder(d.SLDTBXH!).filter((id) => this.stateOf(id, day)?.status === 'ACTIVE' && this.stateOf(id, day).attributes.governingBodyId === d.SLDTBXH);
      const vocational = labourUnits.filter((id) => this.stateOf(id, day).attributes.sector === 'VOCATIONAL_EDUCATION');
      await this.decide(province, day, [], [
        { type: 'MERGE_BODIES', sourceBodyIds: [d.STNMT!], successorBodyId: d.SNN! },
        { type: 'RENAME_BODY', bodyId: d.SNN!, newName: `Sở Nông nghiệp và Môi trường ${province.old.name}` },
        { type: 'MERGE_BODIES', sourceBodyIds: [d.STTTT!], successorBodyId: d.SKHCN! },
        { type: 'SPLIT_BODY', bodyId: d.SLDTBXH!, defaultBodyId: d.SYT!, unitDestinations: vocational.map((unitId) => ({ unitId, toBodyId: d.SGDDT! })) },
      ]);
    }
  }

  /** 2025-07-01: 29 provinces join; every district is split; the joining provinces' departments merge into the receiving ones. */
  private async provinceMerger(day: IsoDate): Promise<void> {
    for (const province of this.provinces.filter((p) => p.joins)) {
      const issuer = 'Quốc hội';
      const number = `202/2025/QH15-${province.old.gso}`;
      const date = '2025-06-12';
      const ref = { key: decisionKey(issuer, number, date), number, date, effectiveDate: day, issuer, signer: 'Chủ tịch Quốc hội' };
      const working = new WorkingRegister(this.register);
      const outcome = mergeProvince(working, { province: province.old.key, decision: ref });
      if (!outcome.ok) throw new Error(`merger of ${province.old.key} refused: ${JSON.stringify(outcome.violations)}`);
      const recorded = { type: 'DecisionRecorded', data: { ...ref, operations: [], source: 'province-merger', createdUnits: [], touchedUnitIds: outcome.value.joinedUnitIds, province: province.old.key } };
      await this.emit(this.decisionAppends(working, 'province-merger', recorded), day);
      this.register.commit(working);
      this.decisions += 1;
      this.operations.PROVINCE_MERGER = (this.operations.PROVINCE_MERGER ?? 0) + 1;
      for (const bodyId of province.bodyIds) this.bodyOwner.set(bodyId, province.into);
      province.into.bodyIds.push(...province.bodyIds);
    }
    for (const province of this.provinces) {
      const into = province.into.departments;
      const splits: BodyOperation[] = province.districts.map((district) => {
        const units = this.register.unitIdsEverUnder(district.bodyId).filter((id) => {
          const state = this.stateOf(id, day);
          return state?.status === 'ACTIVE' && state.attributes.governingBodyId === district.bodyId;
        });
        const destinations = units.map((unitId) => {
          const go = DISTRICT_DESTINATION[this.stateOf(unitId, day).attributes.sector] ?? 'UBND';
          return { unitId, toBodyId: go === 'COMMUNE' ? this.random.pick(district.communes) : into[go]! };
        });
        return { type: 'SPLIT_BODY', bodyId: district.bodyId, defaultBodyId: into.UBND!, unitDestinations: destinations };
      });
      await this.decide(province.into, day, [], splits);
    }
    for (const province of this.provinces.filter((p) => p.joins)) {
      const merges: BodyOperation[] = DEPARTMENTS.map((d) => d.key)
        .filter((key) => this.register.body(province.departments[key]!)!.asOf(day)?.status === 'ACTIVE')
        .map((key) => ({ type: 'MERGE_BODIES', sourceBodyIds: [province.departments[key]!], successorBodyId: province.into.departments[key]! }));
      await this.decide(province.into, day, [], merges);
    }
  }
}
