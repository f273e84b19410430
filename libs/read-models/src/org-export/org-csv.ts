import { stringify } from 'csv-stringify/sync';
import { AUTONOMY_GROUPS, OPERATION_TYPES, SECTORS } from '@reorg/domain';
import { registerCsvOptions } from '../csv-options';
import type { ReportLanguage } from '../reports/report-labels';
import { type ChangeEvent, type OrgExport, changesByUnit } from './org-export';

export const ORG_CSV_COLUMNS = [
  'unitId', 'code', 'name', 'system', 'governingBodyId', 'governingBodyCode', 'governingBodyName', 'level', 'sector', 'autonomyGroup',
  'staffingQuota', 'basicEssentialService', 'status', 'establishedOn', 'endedOn', 'establishedBy', 'establishedByDecision',
  'endedBy', 'endedByDecision', 'predecessorCodes', 'successorCodes',
] as const;

type Column = (typeof ORG_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | boolean>>;
type Labels = Record<string, Record<ReportLanguage, string>>;

const ORG_CSV_HEADERS: Record<Column, Record<ReportLanguage, string>> = {
  unitId: { vi: 'Mã định danh', en: 'Unit id' },
  code: { vi: 'Mã đơn vị', en: 'Code' },
  name: { vi: 'Tên đơn vị', en: 'Name' },
  system: { vi: 'Khối', en: 'System' },
  governingBodyId: { vi: 'Mã định danh cơ quan chủ quản', en: 'Governing body id' },
  governingBodyCode: { vi: 'Mã cơ quan chủ quản', en: 'Governing body code' },
  governingBodyName: { vi: 'Cơ quan chủ quản', en: 'Governing body' },
  level: { vi: 'Cấp', en: 'Level' },
  sector: { vi: 'Lĩnh vực', en: 'Sector' },
  autonomyGroup: { vi: 'Mức tự chủ tài chính', en: 'Autonomy group' },
  staffingQuota: { vi: 'Số lượng người làm việc', en: 'Staffing quota' },
  basicEssentialService: { vi: 'Dịch vụ sự nghiệp công cơ bản, thiết yếu', en: 'Basic essential service' },
  status: { vi: 'Tình trạng', en: 'Status' },
  establishedOn: { vi: 'Ngày thành lập', en: 'Established on' },
  endedOn: { vi: 'Ngày chấm dứt', en: 'Ended on' },
  establishedBy: { vi: 'Hình thức thành lập', en: 'Established by' },
  establishedByDecision: { vi: 'Quyết định thành lập', en: 'Establishing decision' },
  endedBy: { vi: 'Hình thức chấm dứt', en: 'Ended by' },
  endedByDecision: { vi: 'Quyết định chấm dứt', en: 'Ending decision' },
  predecessorCodes: { vi: 'Đơn vị tiền thân', en: 'Predecessors' },
  successorCodes: { vi: 'Đơn vị kế thừa', en: 'Successors' },
};

const fromList = (list: readonly { code: string; name_vi: string; name_en: string }[]): Labels =>
  Object.fromEntries(list.map((item) => [item.code, { vi: item.name_vi, en: item.name_en }]));

/** Coded cells named for people: the code lists' names, and the few codes that have no list. */
const VALUE_LABELS: Partial<Record<Column, Labels>> = {
  system: { GOVERNMENT: { vi: 'Khối chính quyền', en: 'Government' }, PARTY_MASS: { vi: 'Khối Đảng, đoàn thể', en: 'Party and mass organisations' } },
  level: { PROVINCE: { vi: 'Cấp tỉnh', en: 'Province' }, DISTRICT: { vi: 'Cấp huyện', en: 'District' }, COMMUNE: { vi: 'Cấp xã', en: 'Commune' } },
  sector: fromList(SECTORS),
  autonomyGroup: fromList(AUTONOMY_GROUPS),
  status: { ACTIVE: { vi: 'Đang hoạt động', en: 'Active' }, MERGED: { vi: 'Đã hợp nhất, sáp nhập', en: 'Merged' }, DISSOLVED: { vi: 'Đã giải thể', en: 'Dissolved' } },
  establishedBy: fromList(OPERATION_TYPES),
  endedBy: fromList(OPERATION_TYPES),
  basicEssentialService: { true: { vi: 'Có', en: 'Yes' }, false: { vi: 'Không', en: 'No' } },
};

function forPeople(row: Row, language: ReportLanguage): Row {
  const named: Row = { ...row };
  for (const [column, labels] of Object.entries(VALUE_LABELS) as [Column, Labels][]) {
    const value = row[column];
    if (value !== undefined) named[column] = labels[String(value)]?.[language] ?? value;
  }
  return named;
}

/** The event that created the unit (it is only on the resulting side) or ended it (only on the original side). */
const creation = (unitId: string, events: ChangeEvent[]) => events.find((e) => !e.originalUnitIds.includes(unitId));
const ending = (unitId: string, events: ChangeEvent[]) => events.find((e) => !e.resultingUnitIds.includes(unitId));

/**
 * One row per unit of the export (ended ones too), RFC 4180 (CRLF), UTF-8 with a BOM. Lineage as in
 * GET /units/{id}/lineage: predecessors and successors across the structural operations, by code,
 * separated by `;`. With a language, headers and coded cells are named for people in it; the rows are the same.
 */
export function orgCsv(data: OrgExport, language?: ReportLanguage): string {
  const changes = changesByUnit(data.changeEvents);
  const bodies = new Map(data.bodies.map((b) => [b.id, b]));
  const codes = new Map(data.units.map((u) => [u.unitId, u.code]));
  const others = (unitId: string, events: ChangeEvent[], side: (e: ChangeEvent) => string[]) =>
    [...new Set(events.flatMap(side).filter((id) => id !== unitId))].map((id) => codes.get(id) ?? id).sort().join(';');
  const rows = data.units.map((unit): Row => {
    const { resultedFrom = [], changedBy = [] } = changes.get(unit.unitId) ?? {};
    const created = creation(unit.unitId, resultedFrom);
    const ended = ending(unit.unitId, changedBy);
    return {
      ...unit,
      governingBodyCode: bodies.get(unit.governingBodyId)?.code,
      governingBodyName: bodies.get(unit.governingBodyId)?.name,
      establishedBy: created?.operation,
      establishedByDecision: created?.decision.number,
      endedBy: ended?.operation,
      endedByDecision: ended?.decision.number,
      predecessorCodes: others(unit.unitId, resultedFrom, (e) => e.originalUnitIds),
      successorCodes: others(unit.unitId, changedBy, (e) => e.resultingUnitIds),
    };
  });
  if (!language) return stringify(rows, registerCsvOptions(ORG_CSV_COLUMNS));
  const headers = Object.fromEntries(ORG_CSV_COLUMNS.map((column) => [column, ORG_CSV_HEADERS[column][language]]));
  return stringify(rows.map((row) => forPeople(row, language)), registerCsvOptions(ORG_CSV_COLUMNS, headers));
}
