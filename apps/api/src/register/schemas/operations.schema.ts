import { DISSOLUTION_GROUND_CODES } from '@reorg/domain';
import { z } from 'zod';
import { autonomyGroup, id, isoDate, level, sector, staffingQuota, system, text, unitCode } from './common.schema';

const BODY_ID = '6f1c2a52-3a0e-4c59-9a43-0d7f2f1b7a11';

export const newUnitSchema = z
  .strictObject({
    code: unitCode,
    name: text(300),
    system: system.optional().describe("Optional: a unit's system is its governing body's; a different value → 422 BODY_SYSTEM_MISMATCH"),
    governingBodyId: id,
    level,
    sector,
    autonomyGroup,
    staffingQuota,
    publicEmployees: z.number().int().min(0).max(100_000).optional().describe('Public employees (viên chức): the minimum of 15 is counted in them from 2025-11-01 (Decree 283/2025), so required from then'),
    contractProfessionalStaff: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .describe('Professional contract staff: count towards the minimum of a self-financing (G1, G2) unit from 2025-11-01'),
    basicEssentialService: z.boolean().optional().describe('Basic, essential public service: exempt from the minimum of 15'),
  })
  .meta({
    example: { code: 'YT-TTYT-01', name: 'Trung tâm Y tế huyện Đông Hòa', governingBodyId: BODY_ID, level: 'DISTRICT', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 120 },
  });

type Issue = { path: string; message: string; key: string; params: Record<string, string | number> };

/** Exactly one of `<name>Id` and `<name>Code`: an existing unit named by id or by code. */
function oneUnit(value: Record<string, unknown>, name: string): Issue[] {
  const given = [`${name}Id`, `${name}Code`].filter((key) => value[key] !== undefined);
  return given.length === 1 ? [] : [{ path: `${name}Id`, message: `give exactly one of ${name}Id and ${name}Code`, key: 'validation.UNIT_REFERENCE.one', params: { idKey: `${name}Id`, codeKey: `${name}Code` } }];
}

/** At least `min` existing units, by ids and/or codes. */
function manyUnits(value: Record<string, unknown>, name: string, min: number): Issue[] {
  const count = ((value[`${name}Ids`] as unknown[] | undefined)?.length ?? 0) + ((value[`${name}Codes`] as unknown[] | undefined)?.length ?? 0);
  return count >= min
    ? []
    : [{ path: `${name}Ids`, message: `name at least ${min} unit(s) in ${name}Ids and/or ${name}Codes`, key: 'validation.UNIT_REFERENCE.many', params: { min, idsKey: `${name}Ids`, codesKey: `${name}Codes` } }];
}

function checked<T extends z.ZodObject>(schema: T, check: (value: Record<string, unknown>) => Issue[]): T {
  return schema.superRefine((value, ctx) => {
    for (const issue of check(value as Record<string, unknown>)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message, params: { code: 'UNIT_REFERENCE', message: issue.key, ...issue.params } });
  });
}

const ids = z.array(id).optional();
const codes = z.array(unitCode).optional();

export const operationSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ESTABLISH'), unit: newUnitSchema }),
    checked(z.strictObject({ type: z.literal('CONSOLIDATE'), sourceUnitIds: ids, sourceUnitCodes: codes, newUnit: newUnitSchema }), (v) => manyUnits(v, 'sourceUnit', 2)),
    checked(
      z.strictObject({
        type: z.literal('ABSORB'),
        targetUnitId: id.optional(),
        targetUnitCode: unitCode.optional(),
        sourceUnitIds: ids,
        sourceUnitCodes: codes,
        staffingQuotaAfter: staffingQuota.optional().describe('Default: the sum of target and sources'),
        autonomyGroupAfter: autonomyGroup.optional().describe('Default: the most autonomous group among target and sources'),
      }),
      (v) => [...oneUnit(v, 'targetUnit'), ...manyUnits(v, 'sourceUnit', 1)],
    ),
    checked(z.strictObject({ type: z.literal('DIVIDE'), sourceUnitId: id.optional(), sourceUnitCode: unitCode.optional(), newUnits: z.array(newUnitSchema).min(2) }), (v) =>
      oneUnit(v, 'sourceUnit'),
    ),
    checked(
      z.strictObject({ type: z.literal('SEPARATE'), sourceUnitId: id.optional(), sourceUnitCode: unitCode.optional(), newUnit: newUnitSchema, sourceStaffingQuotaAfter: staffingQuota }),
      (v) => oneUnit(v, 'sourceUnit'),
    ),
    checked(
      z.strictObject({
        type: z.literal('DISSOLVE'),
        unitId: id.optional(),
        unitCode: unitCode.optional(),
        settlementRef: text(300).optional().describe('Confirmation that finance, assets, land and debts are settled; always required before 2025-11-01'),
        nothingToSettle: z.literal(true).optional().describe('From 2025-11-01 (Decree 283/2025): there is no finance, asset, land or debt to settle, so no settlementRef'),
        ground: z.enum(DISSOLUTION_GROUND_CODES).optional().describe('Ground of the dissolution (Decree 120 art. 5.3); required from 2025-11-01'),
      }),
      (v) => oneUnit(v, 'unit'),
    ),
    checked(z.strictObject({ type: z.literal('RENAME'), unitId: id.optional(), unitCode: unitCode.optional(), newName: text(300) }), (v) => oneUnit(v, 'unit')),
    checked(
      z.strictObject({ type: z.literal('TRANSFER'), unitId: id.optional(), unitCode: unitCode.optional(), toGoverningBodyId: id.describe("The unit takes the new body's system") }),
      (v) => oneUnit(v, 'unit'),
    ),
    checked(z.strictObject({ type: z.literal('CHANGE_AUTONOMY'), unitId: id.optional(), unitCode: unitCode.optional(), autonomyGroup }), (v) => oneUnit(v, 'unit')),
    checked(z.strictObject({ type: z.literal('CHANGE_STAFFING_QUOTA'), unitId: id.optional(), unitCode: unitCode.optional(), staffingQuota }), (v) => oneUnit(v, 'unit')),
  ])
  .describe('One of the ten operations, by `type`; existing units by id or by code (a later operation may name a unit an earlier one creates)');

const bodyCode = text(50);
const unitDestination = z
  .strictObject({ unitId: id.optional(), unitCode: unitCode.optional(), toBodyId: id.optional(), toBodyCode: bodyCode.optional() })
  .superRefine((value, ctx) => {
    for (const issue of [...oneOf(value, 'unit', 'unitId', 'unitCode'), ...oneOf(value, 'toBody', 'toBodyId', 'toBodyCode')]) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message, params: { message: issue.key, ...issue.params } });
  });

function oneOf(value: Record<string, unknown>, name: string, idKey: string, codeKey: string): Issue[] {
  const given = [idKey, codeKey].filter((key) => value[key] !== undefined);
  return given.length === 1 ? [] : [{ path: idKey, message: `give exactly one of ${idKey} and ${codeKey} (${name})`, key: 'validation.BODY_REFERENCE.one', params: { idKey, codeKey, name } }];
}

const bodyRef = (name: string, required: boolean) => (value: Record<string, unknown>) => (required || value[`${name}Id`] !== undefined || value[`${name}Code`] !== undefined ? oneOf(value, name, `${name}Id`, `${name}Code`) : []);

export const bodyOperationSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('ESTABLISH_BODY'),
      body: z.strictObject({ code: bodyCode, name: text(300), system, level, parentId: id.optional(), territory: text(50).optional().describe('Former province whose territory it serves') }),
    }),
    checked(z.strictObject({ type: z.literal('RENAME_BODY'), bodyId: id.optional(), bodyCode: bodyCode.optional(), newName: text(300) }), bodyRef('body', true)),
    checked(
      z.strictObject({
        type: z.literal('MERGE_BODIES'),
        sourceBodyIds: z.array(id).optional(),
        sourceBodyCodes: z.array(bodyCode).optional(),
        successorBodyId: id.optional(),
        successorBodyCode: bodyCode.optional(),
        unitDestinations: z.array(unitDestination).max(10_000).optional().describe('Units that do not follow to the successor'),
      }),
      (v) => [...bodyRef('successorBody', true)(v), ...(((v.sourceBodyIds as unknown[] | undefined)?.length ?? 0) + ((v.sourceBodyCodes as unknown[] | undefined)?.length ?? 0) >= 1 ? [] : [{ path: 'sourceBodyIds', message: 'name at least one source body', key: 'validation.BODY_REFERENCE.source', params: {} }])],
    ),
    checked(
      z.strictObject({
        type: z.literal('SPLIT_BODY'),
        bodyId: id.optional(),
        bodyCode: bodyCode.optional(),
        defaultBodyId: id.optional(),
        defaultBodyCode: bodyCode.optional(),
        unitDestinations: z.array(unitDestination).max(10_000),
        bodyContinues: z.boolean().optional().describe('The body keeps existing (its unlisted units stay); default false: it ends'),
      }),
      (v) => [...bodyRef('body', true)(v), ...bodyRef('defaultBody', false)(v)],
    ),
    checked(
      z.strictObject({ type: z.literal('ABOLISH_BODY'), bodyId: id.optional(), bodyCode: bodyCode.optional(), transferUnitsToId: id.optional(), transferUnitsToCode: bodyCode.optional() }),
      (v) => [...bodyRef('body', true)(v), ...bodyRef('transferUnitsTo', false)(v)],
    ),
  ])
  .describe('A governing-body change of the decision (applied in order, before its unit operations); bodies by id or code');

export const decisionSchema = z
  .strictObject({
    number: text(100).describe('Decision number, e.g. 123/QĐ-UBND; recorded once per issuer and year of `date` (numbers restart every year)'),
    date: isoDate.describe('Date the decision was signed'),
    effectiveDate: isoDate,
    signer: text(200),
    issuer: text(300),
    operations: z.array(operationSchema).max(200).default([]),
    bodyOperations: z.array(bodyOperationSchema).max(200).optional().describe('Governing-body restructuring: establish, merge, split, rename, abolish'),
  })
  .refine((d) => d.operations.length + (d.bodyOperations?.length ?? 0) > 0, { path: ['operations'], message: 'a decision has at least one operation or body operation', params: { message: 'validation.EMPTY_DECISION' } })
  .meta({
    example: {
      number: '123/QĐ-UBND',
      date: '2021-06-15',
      effectiveDate: '2021-07-01',
      signer: 'Nguyễn Văn A',
      issuer: 'Ủy ban nhân dân tỉnh Phú Yên',
      operations: [
        { type: 'CONSOLIDATE', sourceUnitCodes: ['YT-01', 'YT-02'], newUnit: { code: 'YT-10', name: 'Trung tâm Kiểm soát bệnh tật tỉnh', governingBodyId: BODY_ID, level: 'PROVINCE', sector: 'HEALTH', autonomyGroup: 'G3', staffingQuota: 80 } },
        { type: 'RENAME', unitCode: 'YT-10', newName: 'Trung tâm Kiểm soát bệnh tật (CDC) tỉnh' },
        { type: 'DISSOLVE', unitCode: 'VH-07', settlementRef: 'BB-45/2021 quyết toán tài chính' },
      ],
    },
  });

export const decisionImportSchema = z.strictObject({
  decisions: z.array(decisionSchema).min(1).max(1000).describe('Applied in the order given, all or nothing'),
});

export const annulmentSchema = z
  .strictObject({
    issuer: text(300).describe('Issuer of the decision to annul'),
    year: z.number().int().min(1900).max(9999).optional().describe('Year of the decision date; needed when the issuer used the number in several years (422 DECISION_YEAR_REQUIRED)'),
    reason: text(2000),
    annulledBy: z.strictObject({ number: text(100), date: isoDate }).describe('The decision that annuls or revokes it'),
  })
  .meta({ example: { issuer: 'Ủy ban nhân dân tỉnh Phú Yên', reason: 'Ghi nhận nhầm số lượng người làm việc', annulledBy: { number: '200/QĐ-UBND', date: '2021-08-01' } } });
