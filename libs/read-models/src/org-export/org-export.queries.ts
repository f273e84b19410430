import type { IsoDate, UnitEvent } from '@reorg/domain';
import { readModelTransaction } from '@reorg/projections';
import { type DataSource, type EntityManager, LessThanOrEqual } from 'typeorm';
import { GoverningBodyPeriodRow } from '../governing-bodies/governing-body.entities';
import { UnitEventRow, UnitVersionRow } from '../units/unit-read-model.entities';
import { versionsAt } from '../units/unit.queries';
import { toUnitView } from '../units/unit-view';
import { CHANGE_EVENT_SOURCES, changeEventsOf } from './change-events';
import { type ExportBody, type ExportUnit, type NamePeriod, type OrgExport, byCode } from './org-export';

/** Bodies are registered with this validFrom: when their first name was adopted is not known. */
const AS_REGISTERED = '0000-01-01';

interface Dated {
  id: string;
  name: string;
  validFrom: string;
  validTo: string | null;
}

/** Consecutive versions with the same name make one period; versions after asOf are left out. */
export function namePeriods(versions: Dated[], asOf: IsoDate): NamePeriod[] {
  const periods: NamePeriod[] = [];
  for (const version of [...versions].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))) {
    if (version.validFrom > asOf) break;
    const last = periods.at(-1);
    if (last?.name === version.name) continue;
    if (last) last.until = version.validFrom;
    periods.push({ name: version.name, ...(version.validFrom === AS_REGISTERED ? {} : { from: version.validFrom }) });
  }
  return periods;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * The export's reads, in one read-model transaction (current knowledge): bodies and units as they
 * stood on asOf with their name histories, and the structural unit events change events come from.
 */
export class OrgExportQueries {
  constructor(private readonly dataSource: DataSource) {}

  read(asOf: IsoDate): Promise<OrgExport> {
    return readModelTransaction(this.dataSource, async (tx) => {
      const [bodies, units, events] = [await this.bodies(tx, asOf), await this.units(tx, asOf), await this.unitEvents(tx)];
      return { asOf, bodies, units, changeEvents: changeEventsOf(events, asOf) };
    });
  }

  private async bodies(tx: EntityManager, asOf: IsoDate): Promise<ExportBody[]> {
    const periods = await tx.find(GoverningBodyPeriodRow, { where: { validFrom: LessThanOrEqual(asOf) } });
    const byBody = groupBy(periods, (p) => p.bodyId);
    const current = periods.filter((p) => p.validTo === null || p.validTo > asOf);
    return current
      .map((p) => ({
        id: p.bodyId,
        code: p.code,
        name: p.name,
        system: p.system,
        level: p.level,
        ...(p.parentId ? { parentId: p.parentId } : {}),
        status: p.status,
        ...(p.abolishedOn ? { abolishedOn: p.abolishedOn } : {}),
        names: namePeriods((byBody.get(p.bodyId) ?? []).map((v) => ({ id: v.bodyId, name: v.name, validFrom: v.validFrom, validTo: v.validTo })), asOf),
      }))
      .sort(byCode);
  }

  private async units(tx: EntityManager, asOf: IsoDate): Promise<ExportUnit[]> {
    const views = (await versionsAt(tx, { asOf }).getMany()).map(toUnitView);
    const history = await tx
      .createQueryBuilder(UnitVersionRow, 'u')
      .select('u.unit_id', 'id')
      .addSelect('u.name', 'name')
      .addSelect('u.valid_from', 'validFrom')
      .addSelect('u.valid_to', 'validTo')
      .where('u.recorded_to IS NULL AND u.valid_from <= :asOf', { asOf })
      .getRawMany<Dated>();
    const byUnit = groupBy(history, (v) => v.id);
    return views.map((unit) => ({ ...unit, names: namePeriods(byUnit.get(unit.unitId) ?? [], asOf) })).sort(byCode);
  }

  private async unitEvents(tx: EntityManager): Promise<Map<string, UnitEvent[]>> {
    const rows = await tx
      .createQueryBuilder(UnitEventRow, 'e')
      .where('e.type IN (:...types)', { types: CHANGE_EVENT_SOURCES })
      .orderBy('e.position', 'ASC')
      .getMany();
    return groupBy(
      rows.map((row) => ({ type: row.type, data: JSON.parse(row.data) as unknown }) as UnitEvent),
      (event) => event.data.unitId,
    );
  }
}
