import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Space, Spin, Typography } from 'antd';
import { FormSelect } from '../components/FormSelect';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { type Operation, type Proposal, type Schemas, type Unit, errorMessage, unwrap } from '../api';
import { AttachmentUpload } from '../components/Attachments';
import { UnitSearch } from '../components/UnitSearch';
import { DATE_FORMAT, formatInstant } from '../format';
import { useSession } from '../session';

type NewUnit = Extract<Operation, { type: 'CONSOLIDATE' }>['newUnit'];
const SECTORS: NewUnit['sector'][] = ['EDUCATION', 'HEALTH', 'CULTURE', 'AGRICULTURE', 'FORESTRY', 'IT', 'LABOUR_SOCIAL', 'ENVIRONMENT', 'SCIENCE', 'CONSTRUCTION', 'OTHER'];
const GROUPS: NewUnit['autonomyGroup'][] = ['G1', 'G2', 'G3', 'G4'];
const LEVELS: NewUnit['level'][] = ['PROVINCE', 'DISTRICT', 'COMMUNE'];
export const FORM_OPERATIONS = ['CONSOLIDATE', 'RENAME', 'DISSOLVE'] as const;
type FormOperationType = (typeof FORM_OPERATIONS)[number];

interface OperationFields {
  type: FormOperationType;
  sourceUnitIds?: string[];
  unitId?: string;
  newName?: string;
  settlementRef?: string;
  newUnit?: Omit<NewUnit, 'governingBodyId' | 'system'>;
}

interface Fields {
  title: string;
  rationale: string;
  governingBodyId: string;
  proposedEffectiveDate: Dayjs;
  operations: OperationFields[];
}

function toOperation(fields: OperationFields, governingBodyId: string): Operation {
  switch (fields.type) {
    case 'CONSOLIDATE':
      return { type: 'CONSOLIDATE', sourceUnitIds: fields.sourceUnitIds ?? [], newUnit: { ...fields.newUnit!, governingBodyId } };
    case 'RENAME':
      return { type: 'RENAME', unitId: fields.unitId!, newName: fields.newName! };
    case 'DISSOLVE':
      return { type: 'DISSOLVE', unitId: fields.unitId!, settlementRef: fields.settlementRef! };
  }
}

function toFields(operation: Operation): OperationFields | undefined {
  switch (operation.type) {
    case 'CONSOLIDATE': {
      const { governingBodyId: _body, system: _system, ...newUnit } = operation.newUnit;
      return { type: 'CONSOLIDATE', sourceUnitIds: operation.sourceUnitIds ?? [], newUnit };
    }
    case 'RENAME':
      return { type: 'RENAME', unitId: operation.unitId, newName: operation.newName };
    case 'DISSOLVE':
      return { type: 'DISSOLVE', unitId: operation.unitId, settlementRef: operation.settlementRef };
    default:
      return undefined;
  }
}

const unitIdsOf = (operation: Operation): string[] =>
  operation.type === 'CONSOLIDATE' ? (operation.sourceUnitIds ?? []) : 'unitId' in operation && operation.unitId ? [operation.unitId] : [];

/** Drafts a proposal, or amends a DRAFT or RETURNED one (If-Match on the dossier version). */
export default function ProposalForm() {
  const { id } = useParams();
  const { client, t, language, principal } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Fields>();
  const [existing, setExisting] = useState<Proposal>();
  const [known, setKnown] = useState<Unit[]>([]);
  const [bodies, setBodies] = useState<Schemas['GoverningBodyDto'][]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const heading = !id ? t('newProposal') : existing?.status === 'RETURNED' ? t('amend') : t('edit');

  useEffect(() => {
    document.title = `${heading} · ${t('appTitle')}`;
  }, [heading, t]);

  useEffect(() => {
    Promise.all((principal?.governingBodyIds ?? []).map((bodyId) => unwrap(client.GET('/api/v1/governing-bodies/{id}', { params: { path: { id: bodyId } } }))))
      .then(setBodies)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [client, principal]);

  useEffect(() => {
    if (!id) return;
    (async () => {
      const proposal = await unwrap(client.GET('/api/v1/proposals/{id}', { params: { path: { id } } }));
      const units = await Promise.all([...new Set(proposal.operations.flatMap(unitIdsOf))].map((unitId) => unwrap(client.GET('/api/v1/units/{id}', { params: { path: { id: unitId } } }))));
      setKnown(units);
      setExisting(proposal);
      form.setFieldsValue({
        title: proposal.title,
        rationale: proposal.rationale,
        governingBodyId: proposal.governingBodyId,
        proposedEffectiveDate: dayjs(proposal.proposedEffectiveDate),
        operations: proposal.operations.flatMap((op) => toFields(op) ?? []),
      });
    })().catch((e: unknown) => setError(errorMessage(e)));
  }, [client, form, id]);

  const save = async (fields: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        title: fields.title,
        rationale: fields.rationale,
        governingBodyId: fields.governingBodyId,
        proposedEffectiveDate: fields.proposedEffectiveDate.format('YYYY-MM-DD'),
        operations: fields.operations.map((op) => toOperation(op, fields.governingBodyId)),
      };
      const saved = existing
        ? await unwrap(client.PUT('/api/v1/proposals/{id}', { params: { path: { id: existing.id }, header: { 'If-Match': `"${existing.dossierVersion}"` } }, body }))
        : await unwrap(client.POST('/api/v1/proposals', { body }));
      navigate(`/proposals/${saved.id}`, { state: { saved: true } });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (id && !existing && !error) return <Spin aria-label={t('loading')} />;
  const required = [{ required: true, message: t('required') }];
  return (
    <section aria-labelledby="form-title" style={{ maxWidth: 960 }}>
      <Typography.Title level={1} id="form-title" style={{ fontSize: 24 }}>{heading}</Typography.Title>
      {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginBottom: 16 }} />}
      {existing?.status === 'RETURNED' && existing.returned && (
        <Alert type="warning" showIcon data-testid="returned" message={`${t('status.RETURNED')}: ${existing.returned.comment}`} description={`${existing.returned.by} · ${formatInstant(existing.returned.at, language)}`} style={{ marginBottom: 16 }} />
      )}
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ governingBodyId: principal?.governingBodyIds[0], operations: [{ type: 'CONSOLIDATE', newUnit: { level: 'PROVINCE', autonomyGroup: 'G3', sector: 'HEALTH' } }] }}
      >
        <Form.Item name="title" label={t('title')} rules={required}>
          <Input />
        </Form.Item>
        <Form.Item name="rationale" label={t('rationale')} rules={required}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="governingBodyId" label={t('governingBody')} rules={required} style={{ minWidth: 320 }}>
            <FormSelect options={bodies.map((b) => ({ value: b.id, label: `${b.code} — ${b.name}` }))} />
          </Form.Item>
          <Form.Item name="proposedEffectiveDate" label={t('proposedEffectiveDate')} rules={required}>
            <DatePicker format={DATE_FORMAT[language]} />
          </Form.Item>
        </Space>
        <Typography.Title level={2} style={{ fontSize: 18 }}>{t('operations')}</Typography.Title>
        <Form.List name="operations">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card key={field.key} size="small" style={{ marginBottom: 12 }} title={`${t('operation')} ${index + 1}`} extra={fields.length > 1 && <Button onClick={() => remove(field.name)}>{t('removeOperation')}</Button>}>
                  <Form.Item name={[field.name, 'type']} label={t('operation')} rules={required}>
                    <FormSelect options={FORM_OPERATIONS.map((type) => ({ value: type, label: t(`op.${type}`) }))} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => <OperationEditor index={field.name} type={form.getFieldValue(['operations', field.name, 'type']) as FormOperationType} known={known} />}
                  </Form.Item>
                </Card>
              ))}
              <Button onClick={() => add({ type: 'RENAME' })}>{t('addOperation')}</Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 24 }}>
          <Button type="primary" htmlType="submit" loading={busy}>{t('saveDraft')}</Button>
        </div>
      </Form>
      <AttachmentUpload proposalId={existing?.id} existing={existing?.attachments ?? []} />
    </section>
  );
}

function OperationEditor({ index, type, known }: { index: number; type: FormOperationType; known: Unit[] }) {
  const { t } = useSession();
  const required = [{ required: true, message: t('required') }];
  const fieldId = (name: string) => `op-${index}-${name}`;
  if (type === 'CONSOLIDATE') {
    return (
      <>
        <Form.Item name={[index, 'sourceUnitIds']} label={t('sourceUnits')} htmlFor={fieldId('sources')} rules={[{ required: true, type: 'array', min: 2, message: t('required') }]} extra={t('searchUnit')}>
          <UnitSearch id={fieldId('sources')} mode="multiple" known={known} />
        </Form.Item>
        <Space wrap size="middle" align="start">
          <Form.Item name={[index, 'newUnit', 'code']} label={t('newUnitCode')} rules={required}>
            <Input />
          </Form.Item>
          <Form.Item name={[index, 'newUnit', 'name']} label={t('newUnitName')} rules={required} style={{ minWidth: 320 }}>
            <Input />
          </Form.Item>
        </Space>
        <Space wrap size="middle" align="start">
          <Form.Item name={[index, 'newUnit', 'level']} label={t('level')} rules={required}>
            <FormSelect style={{ width: 140 }} options={LEVELS.map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name={[index, 'newUnit', 'sector']} label={t('sector')} rules={required}>
            <FormSelect style={{ width: 180 }} options={SECTORS.map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name={[index, 'newUnit', 'autonomyGroup']} label={t('autonomyGroup')} rules={required}>
            <FormSelect style={{ width: 120 }} options={GROUPS.map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name={[index, 'newUnit', 'staffingQuota']} label={t('staffingQuota')} rules={required}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name={[index, 'newUnit', 'publicEmployees']} label={t('publicEmployees')} extra={t('publicEmployeesHint')}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
      </>
    );
  }
  return (
    <>
      <Form.Item name={[index, 'unitId']} label={t('unit')} htmlFor={fieldId('unit')} rules={required} extra={t('searchUnit')}>
        <UnitSearch id={fieldId('unit')} known={known} />
      </Form.Item>
      {type === 'RENAME' && (
        <Form.Item name={[index, 'newName']} label={t('newName')} rules={required}>
          <Input />
        </Form.Item>
      )}
      {type === 'DISSOLVE' && (
        <Form.Item name={[index, 'settlementRef']} label={t('settlementRef')} rules={required}>
          <Input />
        </Form.Item>
      )}
    </>
  );
}
