import { Alert, App as AntApp, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiProblem, type Operation, type Proposal, type Schemas, type Unit, errorMessage, unwrap } from '../api';
import { AttachmentList } from '../components/Attachments';
import { PreviewTable } from '../components/PreviewTable';
import { StatusTag } from '../components/StatusTag';
import { DATE_FORMAT, formatDate, formatInstant, shortHash } from '../format';
import { type Session, useSession } from '../session';

type Step = Proposal['steps'][number];
type Preview = Schemas['ProposalPreviewDto'];

const unitIdsOf = (operation: Operation): string[] => {
  const ids: (string | undefined)[] = [];
  if ('unitId' in operation) ids.push(operation.unitId);
  if ('sourceUnitIds' in operation) ids.push(...(operation.sourceUnitIds ?? []));
  if ('targetUnitId' in operation) ids.push(operation.targetUnitId);
  if ('sourceUnitId' in operation) ids.push(operation.sourceUnitId);
  return ids.filter((id): id is string => Boolean(id));
};

export default function ProposalPage() {
  const { id = '' } = useParams();
  const { client, t, language, has, principal } = useSession();
  const location = useLocation();
  const [proposal, setProposal] = useState<Proposal>();
  const [units, setUnits] = useState<Record<string, Unit>>({});
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const { message } = AntApp.useApp();

  const load = useCallback(async () => {
    const loaded = await unwrap(client.GET('/api/v1/proposals/{id}', { params: { path: { id } } }));
    const ids = [...new Set(loaded.operations.flatMap(unitIdsOf))];
    const found = await Promise.all(ids.map((unitId) => unwrap(client.GET('/api/v1/units/{id}', { params: { path: { id: unitId } } })).catch(() => undefined)));
    setUnits(Object.fromEntries(found.flatMap((u) => (u ? [[u.unitId, u]] : []))));
    setProposal(loaded);
    return loaded;
  }, [client, id]);

  useEffect(() => {
    load().catch((e: unknown) => setError(errorMessage(e)));
  }, [load]);
  useEffect(() => {
    if (proposal) document.title = `${proposal.title} · ${t('appTitle')}`;
  }, [proposal, t]);
  const announced = useRef<string>();
  useEffect(() => {
    if (!(location.state as { saved?: boolean } | null)?.saved || announced.current === location.key) return;
    announced.current = location.key;
    void message.success(t('saved'));
  }, [location, message, t]);

  const act = async (name: string, action: () => Promise<unknown>, done?: string) => {
    setBusy(name);
    setError(undefined);
    try {
      await action();
      await load();
      if (done) void message.success(done);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  if (!proposal) return error ? <Alert type="error" role="alert" showIcon message={error} /> : <Spin aria-label={t('loading')} />;

  const describe = (operation: Operation): string => {
    const code = (unitId: string) => units[unitId]?.code ?? unitId;
    const names = unitIdsOf(operation).map((unitId) => `${code(unitId)}${units[unitId] ? ` (${units[unitId].name})` : ''}`);
    const extra = operation.type === 'CONSOLIDATE' ? ` → ${operation.newUnit.code} (${operation.newUnit.name})` : operation.type === 'RENAME' ? ` → ${operation.newName}` : operation.type === 'DISSOLVE' ? ` · ${operation.settlementRef}` : '';
    return `${t(`op.${operation.type}` as never)}: ${names.join(', ')}${extra}`;
  };

  const editable = proposal.status === 'DRAFT' || proposal.status === 'RETURNED';
  const withdrawable = ['DRAFT', 'IN_REVIEW', 'RETURNED'].includes(proposal.status);

  return (
    <section aria-labelledby="proposal-title" style={{ maxWidth: 1100 }}>
      <Link to={has('proposer') ? '/proposals' : '/inbox'}>← {t('back')}</Link>
      <Typography.Title level={1} id="proposal-title" style={{ fontSize: 24, marginTop: 8 }}>
        {proposal.title} <StatusTag status={proposal.status} />
      </Typography.Title>
      {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginBottom: 16 }} data-testid="error" />}
      {proposal.returned && proposal.status === 'RETURNED' && (
        <Alert
          type="warning"
          showIcon
          data-testid="returned"
          message={`${t('status.RETURNED')}: ${proposal.returned.comment}`}
          description={<>{proposal.returned.by} · {formatInstant(proposal.returned.at, language)}{has('proposer') && <><br />{t('returnedNote')}</>}</>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t('dossier')}>
        <Descriptions.Item label={t('proposedEffectiveDate')}>{formatDate(proposal.proposedEffectiveDate, language)}</Descriptions.Item>
        <Descriptions.Item label={t('proposedBy')}>{proposal.proposedBy}</Descriptions.Item>
        <Descriptions.Item label={t('dossierVersion')}>{proposal.dossierVersion} · {t('round', { round: String(proposal.round) })}</Descriptions.Item>
        <Descriptions.Item label={t('dossierHash')}><code title={proposal.dossierHash}>{shortHash(proposal.dossierHash)}</code></Descriptions.Item>
        <Descriptions.Item label={t('rationale')} span={2}>{proposal.rationale}</Descriptions.Item>
        <Descriptions.Item label={t('operations')} span={2}>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>{proposal.operations.map((op, i) => <li key={i}>{describe(op)}</li>)}</ol>
        </Descriptions.Item>
        <Descriptions.Item label={t('attachments')} span={2}>
          {proposal.attachments.length === 0 ? t('noAttachments') : <AttachmentList proposalId={proposal.id} attachments={proposal.attachments} />}
        </Descriptions.Item>
        {proposal.decision && (
          <Descriptions.Item label={t('decision')} span={2}>{proposal.decision.number} · {formatDate(proposal.decision.date, language)} · {t('effectiveDate')} {formatDate(proposal.decision.effectiveDate, language)} · {proposal.decision.signer}</Descriptions.Item>
        )}
      </Descriptions>

      {proposal.steps.length > 0 && <StepsTable steps={proposal.steps} title={proposal.round > 1 ? `${t('steps')} · ${t('round', { round: String(proposal.round) })}` : t('steps')} />}
      {proposal.earlierRounds && proposal.earlierRounds.length > 0 && (
        <section aria-labelledby="earlier-rounds-title" data-testid="earlier-rounds" style={{ marginTop: 16 }}>
          <Typography.Title level={2} id="earlier-rounds-title" style={{ fontSize: 18 }}>{t('earlierRounds')}</Typography.Title>
          {proposal.earlierRounds.map((earlier) => (
            <StepsTable key={earlier.round} steps={earlier.steps} title={t('round', { round: String(earlier.round) })} level={3} />
          ))}
        </section>
      )}

      <Space wrap style={{ marginTop: 16 }}>
        <Button onClick={() => act('preview', async () => setPreview(await unwrap(client.GET('/api/v1/proposals/{id}/preview', { params: { path: { id } } }))))} loading={busy === 'preview'}>
          {t('preview')}
        </Button>
        {has('proposer') && editable && (
          <>
            <Link to={`/proposals/${id}/edit`}>{proposal.status === 'RETURNED' ? t('amend') : t('edit')}</Link>
            <Button type="primary" loading={busy === 'submit'} onClick={() => act('submit', () => unwrap(client.POST('/api/v1/proposals/{id}/submit', { params: { path: { id } } })), t('submitted'))}>
              {t('submit')}
            </Button>
          </>
        )}
        {has('proposer') && withdrawable && <WithdrawButton onWithdraw={(reason) => act('withdraw', () => unwrap(client.POST('/api/v1/proposals/{id}/withdraw', { params: { path: { id } }, body: { reason } })), t('withdrawn'))} />}
      </Space>

      {preview && <div style={{ marginTop: 16 }}><PreviewTable preview={preview} /></div>}

      {principal && proposal.steps.length > 0 && !has('proposer') && !has('auditor') && !has('admin') && (
        <DecisionPanel proposal={proposal} session={{ principal }} onDecided={load} />
      )}
    </section>
  );
}

function StepsTable({ steps, title, level = 2 }: { steps: Step[]; title: string; level?: 2 | 3 }) {
  const { t, language } = useSession();
  return (
    <Table<Step>
      style={{ marginTop: 16 }}
      title={() => <Typography.Title level={level} style={{ fontSize: level === 2 ? 18 : 16, margin: 0 }}>{title}</Typography.Title>}
      rowKey="stepId"
      size="small"
      pagination={false}
      dataSource={steps}
      scroll={{ x: 720 }}
      columns={[
        { title: t('step'), dataIndex: 'name' },
        { title: t('status'), dataIndex: 'status', width: 150, render: (status: Step['status']) => t(`step.${status}`) },
        { title: t('dueDate'), dataIndex: 'dueDate', width: 170, render: (d: string | undefined, s) => <>{formatDate(d, language)} {s.overdue && <Tag style={{ color: '#a8071a', borderColor: '#a8071a', background: '#fff' }}>{t('overdue')}</Tag>}</> },
        { title: t('actor'), dataIndex: 'decidedBy', width: 160 },
        { title: t('comment'), dataIndex: 'comment' },
      ]}
    />
  );
}

function WithdrawButton({ onWithdraw }: { onWithdraw: (reason: string) => Promise<void> }) {
  const { t } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>{t('withdraw')}</Button>
      <Modal
        open={open}
        title={t('withdraw')}
        okText={t('withdraw')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        onOk={async () => {
          await onWithdraw(reason.trim());
          setOpen(false);
        }}
        onCancel={() => setOpen(false)}
      >
        <label htmlFor="withdraw-reason">{t('withdrawReason')}</label>
        <Input.TextArea id="withdraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      </Modal>
    </>
  );
}

interface DecisionFields {
  comment?: string;
  number?: string;
  date?: Dayjs;
  effectiveDate?: Dayjs;
  signer?: string;
}

/** Why the signed-in approver may not decide now; the API enforces the same rules. */
export function refusalReasons(proposal: Proposal, principal: NonNullable<Session['principal']>, t: Session['t']): string[] {
  const pending = proposal.steps.find((s) => s.stepId === proposal.currentStepId && s.status === 'PENDING');
  if (proposal.status !== 'IN_REVIEW' || !pending) return [t('notPending')];
  const reasons: string[] = [];
  if (!principal.roles.includes(pending.role as never)) reasons.push(t('notYourStep', { step: pending.name }));
  if (proposal.proposedBy === principal.sub) reasons.push(t('ownProposal'));
  if (proposal.steps.some((s) => s.decidedBy === principal.sub)) reasons.push(t('alreadySigned'));
  return reasons;
}

function DecisionPanel({ proposal, session, onDecided }: { proposal: Proposal; session: { principal: NonNullable<Session['principal']> }; onDecided: () => Promise<Proposal> }) {
  const { client, t, language } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<DecisionFields>();
  const [error, setError] = useState<string>();
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState<string>();
  const pending = proposal.steps.find((s) => s.stepId === proposal.currentStepId);
  const isFinal = pending !== undefined && proposal.steps.at(-1)?.stepId === pending.stepId;
  const reasons = [...refusalReasons(proposal, session.principal, t), ...(stale ? [t('staleDossier')] : [])];
  const disabled = reasons.length > 0;

  const decide = async (outcome: 'APPROVE' | 'RETURN' | 'REJECT') => {
    setError(undefined);
    const fields = await form.validateFields();
    if (outcome !== 'APPROVE' && !fields.comment?.trim()) {
      setError(t('commentRequired'));
      return;
    }
    setBusy(outcome);
    try {
      const decision =
        outcome === 'APPROVE' && isFinal
          ? { number: fields.number!.trim(), date: fields.date!.format('YYYY-MM-DD'), effectiveDate: fields.effectiveDate!.format('YYYY-MM-DD'), signer: fields.signer!.trim() }
          : undefined;
      await unwrap(
        client.POST('/api/v1/proposals/{id}/steps/{stepId}/decision', {
          params: { path: { id: proposal.id, stepId: pending!.stepId } },
          body: { outcome, dossierVersion: proposal.dossierVersion, ...(fields.comment?.trim() ? { comment: fields.comment.trim() } : {}), ...(decision ? { decision } : {}) },
        }),
      );
      await onDecided();
      navigate('/inbox', { state: { decided: proposal.title } });
    } catch (e) {
      if (e instanceof ApiProblem && e.problem.code === 'STALE_DOSSIER') setStale(true);
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  const required = [{ required: true, message: t('required') }];
  const button = (outcome: 'APPROVE' | 'RETURN' | 'REJECT', label: string, props: object = {}) => (
    <Tooltip title={disabled ? reasons.join(' ') : undefined}>
      <span>
        <Button {...props} disabled={disabled} loading={busy === outcome} onClick={() => void decide(outcome)} aria-describedby={disabled ? 'why-disabled' : undefined}>
          {label}
        </Button>
      </span>
    </Tooltip>
  );
  return (
    <Card style={{ marginTop: 16 }} title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{pending ? `${t('step')}: ${pending.name}` : t('steps')}</Typography.Title>}>
      {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginBottom: 12 }} data-testid="decision-error" />}
      {disabled && (
        <Alert id="why-disabled" type="info" showIcon message={t('whyDisabled')} description={<ul style={{ margin: 0 }}>{reasons.map((r) => <li key={r}>{r}</li>)}</ul>} style={{ marginBottom: 12 }} data-testid="why-disabled" />
      )}
      {stale && <Button onClick={() => void onDecided().then(() => setStale(false))}>{t('refresh')}</Button>}
      <Form<DecisionFields> form={form} layout="vertical" disabled={disabled} initialValues={{ date: dayjs(), effectiveDate: dayjs(), signer: session.principal.name ?? session.principal.sub }}>
        <Form.Item name="comment" label={t('comment')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {isFinal && (
          <>
            <Typography.Paragraph>{t('finalStepNote')}</Typography.Paragraph>
            <Space wrap size="middle" align="start">
              <Form.Item name="number" label={t('decisionNumber')} rules={required}>
                <Input placeholder="123/QĐ-UBND" />
              </Form.Item>
              <Form.Item name="date" label={t('decisionDate')} rules={required}>
                <DatePicker format={DATE_FORMAT[language]} />
              </Form.Item>
              <Form.Item name="effectiveDate" label={t('effectiveDate')} rules={required}>
                <DatePicker format={DATE_FORMAT[language]} />
              </Form.Item>
              <Form.Item name="signer" label={t('signer')} rules={required}>
                <Input />
              </Form.Item>
            </Space>
          </>
        )}
      </Form>
      <Space wrap>
        {button('APPROVE', t('approve'), { type: 'primary' })}
        {button('RETURN', t('returnIt'))}
        {button('REJECT', t('reject'), { danger: true })}
      </Space>
    </Card>
  );
}
