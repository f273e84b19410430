import { randomUUID } from 'node:crypto';
import { type BaselineUnit, DomainRefusal, type IsoDate, type NewUnit, type Violation, WorkingRegister, registerBaseline } from '@reorg/domain';
import type { EventStore } from '@reorg/event-store';
import { CommandPipeline, type Committed, type Decided } from '../command-pipeline';
import { type CommandContext, metadataOf } from '../command-context';
import { AppendPlan, RegisterRepository, toNewEvents } from '../register-repository';
import { Streams } from '../streams';

export type BaselineRow = Omit<BaselineUnit, 'governingBodyId'> & { governingBodyId?: string; governingBodyCode?: string };

export interface ImportedBaseline {
  imported: number;
  units: { code: string; unitId: string }[];
}

/** Imports the baseline register, all or nothing: a used code → 409, any other bad row → 400. */
export class BaselineService {
  private readonly repository: RegisterRepository;
  private readonly pipeline: CommandPipeline;

  constructor(store: EventStore) {
    this.repository = new RegisterRepository(store);
    this.pipeline = new CommandPipeline(store);
  }

  import(asOf: IsoDate, rows: BaselineRow[], context: CommandContext): Promise<Committed<ImportedBaseline>> {
    return this.pipeline.run({
      commandId: context.commandId,
      decide: () => this.decide(asOf, rows, context),
      replay: async () => {
        const units = await this.replayedUnits(rows);
        return { imported: units.length, units };
      },
      refuseConflict: () => new DomainRefusal('DUPLICATE_CODE', [{ code: 'DUPLICATE_CODE', detail: 'a unit code in this import was registered concurrently', variant: 'concurrent' }]),
    });
  }

  private async decide(asOf: IsoDate, rows: BaselineRow[], context: CommandContext): Promise<Decided<ImportedBaseline>> {
    const units = await this.resolveBodies(rows);
    const register = await this.repository.load({ codes: units.map((u) => u.code), bodyIds: units.map((u) => u.governingBodyId) });
    const working = new WorkingRegister(register);
    const outcome = registerBaseline(working, asOf, units, randomUUID);
    if (!outcome.ok) {
      const duplicate = outcome.violations.every((v) => v.code === 'DUPLICATE_CODE');
      throw new DomainRefusal(duplicate ? 'DUPLICATE_CODE' : 'RULE_VIOLATION', outcome.violations);
    }
    const metadata = metadataOf(context, { source: 'baseline' });
    const plan = new AppendPlan();
    for (const { code, unitId } of working.reservedCodes) {
      plan.add(Streams.unitCode(code), register.codeVersion(code), toNewEvents([{ type: 'UnitCodeReserved', data: { code, unitId } }], metadata));
    }
    for (const { unitId, event } of working.pending) plan.add(Streams.unit(unitId), 'no_stream', toNewEvents([event], metadata));
    return { appends: plan.appends, result: { imported: outcome.value.length, units: outcome.value } };
  }

  /** A repeated command appended nothing: answer with the ids the first one registered, not this attempt's fresh ids. */
  private async replayedUnits(units: { code: string }[]): Promise<{ code: string; unitId: string }[]> {
    const register = await this.repository.load({ codes: units.map((u) => u.code) });
    return units.map(({ code }) => ({ code, unitId: register.unitIdByCode(code) ?? '' }));
  }

  /** Every row naming no known body is reported (with its row index), not only the first. */
  private async resolveBodies(rows: BaselineRow[]): Promise<BaselineUnit[]> {
    const byCode = new Map<string, string | undefined>();
    const units: BaselineUnit[] = [];
    const unknown: (Violation & { row: number })[] = [];
    for (const [row, { governingBodyCode, governingBodyId, ...unit }] of rows.entries()) {
      let bodyId = governingBodyId;
      if (!bodyId && governingBodyCode) {
        if (!byCode.has(governingBodyCode)) byCode.set(governingBodyCode, await this.repository.bodyIdByCode(governingBodyCode));
        bodyId = byCode.get(governingBodyCode);
      }
      if (!bodyId) {
        unknown.push({
          code: 'UNKNOWN_GOVERNING_BODY',
          detail: `no governing body ${governingBodyCode ?? '(none given)'}`,
          ...(governingBodyCode ? { params: { body: governingBodyCode } } : { variant: 'noneGiven' }),
          path: `units[${row}].governingBodyCode`,
          row,
        });
        continue;
      }
      units.push({ ...(unit as Omit<NewUnit, 'governingBodyId'>), governingBodyId: bodyId });
    }
    if (unknown.length) throw new DomainRefusal('RULE_VIOLATION', unknown);
    return units;
  }
}
