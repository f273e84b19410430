import { Alert, Card, Descriptions, Space, Spin, Table, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { type Schemas, type Unit, errorMessage, unwrap } from '../api';
import { formatDate, formatInstant, shortHash } from '../format';
import { useSession } from '../session';

type Lineage = Schemas['LineageDto'];
type HistoryItem = Schemas['UnitHistoryDto']['items'][number];
type Relative = Lineage['predecessors'][number];

/** A unit: its state, its lineage as a small graph, and (for auditors) its history with hashes. */
export default function UnitPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const { client, t, language, has } = useSession();
  const [unit, setUnit] = useState<Unit>();
  const [lineage, setLineage] = useState<Lineage>();
  const [history, setHistory] = useState<HistoryItem[]>();
  const [error, setError] = useState<string>();
  const auditor = has('auditor') || has('admin');

  useEffect(() => {
    setError(undefined);
    (async () => {
      const [found, relatives] = await Promise.all([
        unwrap(client.GET('/api/v1/units/{id}', { params: { path: { id }, query: asOf ? { asOf } : {} } })).catch(() => unwrap(client.GET('/api/v1/units/{id}', { params: { path: { id }, query: { asOf: '9999-12-31' } } }))),
        unwrap(client.GET('/api/v1/units/{id}/lineage', { params: { path: { id } } })),
      ]);
      setUnit(found);
      setLineage(relatives);
      document.title = `${found.code} · ${t('appTitle')}`;
      if (auditor) setHistory((await unwrap(client.GET('/api/v1/units/{id}/history', { params: { path: { id } } }))).items);
    })().catch((e: unknown) => setError(errorMessage(e)));
  }, [client, id, asOf, auditor, t]);

  if (error) return <Alert type="error" role="alert" showIcon message={error} />;
  if (!unit || !lineage) return <Spin aria-label={t('loading')} />;

  const node = (relative: Relative) => (
    <Card size="small" key={relative.unitId} style={{ minWidth: 200 }}>
      <Link to={`/units/${relative.unitId}`}>{relative.code}</Link>
      <div>{relative.name}</div>
      <Typography.Text type="secondary">{t(`op.${relative.changeType}` as never) ?? relative.changeType} · {formatDate(relative.effectiveDate, language)}</Typography.Text>
    </Card>
  );
  const arrow = <span aria-hidden="true" style={{ fontSize: 24, alignSelf: 'center' }}>→</span>;

  return (
    <section aria-labelledby="unit-title" style={{ maxWidth: 1100 }}>
      <Typography.Title level={1} id="unit-title" style={{ fontSize: 24 }}>{unit.code} — {unit.name}</Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('status')}>{t(`unitStatus.${unit.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('asOf')}>{formatDate(asOf ?? unit.validFrom, language)}</Descriptions.Item>
        <Descriptions.Item label={t('establishedOn')}>{formatDate(unit.establishedOn, language)}</Descriptions.Item>
        <Descriptions.Item label={t('endedOn')}>{formatDate(unit.endedOn, language)}</Descriptions.Item>
        <Descriptions.Item label={t('staffingQuota')}>{unit.staffingQuota}</Descriptions.Item>
        <Descriptions.Item label={t('autonomyGroup')}>{unit.autonomyGroup}</Descriptions.Item>
        <Descriptions.Item label={t('sector')}>{unit.sector}</Descriptions.Item>
        <Descriptions.Item label="System">{unit.system}</Descriptions.Item>
      </Descriptions>

      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{t('lineage')}</Typography.Title>
      {lineage.predecessors.length === 0 && lineage.successors.length === 0 ? (
        <Typography.Paragraph>{t('noLineage')}</Typography.Paragraph>
      ) : (
        <div data-testid="lineage" style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'stretch' }}>
          {lineage.predecessors.length > 0 && (
            <>
              <Space direction="vertical" aria-label={t('predecessors')}>{lineage.predecessors.map(node)}</Space>
              {arrow}
            </>
          )}
          <Card size="small" style={{ minWidth: 200, borderColor: '#0958d9', borderWidth: 2, alignSelf: 'center' }}>
            <strong>{unit.code}</strong>
            <div>{unit.name}</div>
          </Card>
          {lineage.successors.length > 0 && (
            <>
              {arrow}
              <Space direction="vertical" aria-label={t('successors')}>{lineage.successors.map(node)}</Space>
            </>
          )}
        </div>
      )}

      {history && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{t('timeline')}</Typography.Title>
          <Timeline
            items={history.map((item) => ({
              children: (
                <>
                  <strong>{formatDate(item.effectiveDate, language)}</strong> · {item.type}
                  {item.decision ? ` · ${item.decision.number}` : ''}
                </>
              ),
            }))}
          />
          <Table<HistoryItem>
            title={() => <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('history')}</Typography.Title>}
            data-testid="history"
            rowKey="position"
            size="small"
            pagination={false}
            dataSource={history}
            scroll={{ x: 900 }}
            columns={[
              { title: t('position'), dataIndex: 'position', width: 90 },
              { title: t('eventType'), dataIndex: 'type', width: 190 },
              { title: t('effectiveDate'), dataIndex: 'effectiveDate', width: 130, render: (d?: string) => formatDate(d, language) },
              { title: t('recordedAt'), dataIndex: 'recordedAt', width: 180, render: (d: string) => formatInstant(d, language) },
              { title: t('decision'), key: 'decision', render: (_, item) => item.decision?.number ?? '—' },
              { title: t('actor'), dataIndex: 'actor', width: 160 },
              { title: t('hash'), dataIndex: 'hash', width: 150, render: (hash: string) => <code title={hash}>{shortHash(hash)}</code> },
            ]}
          />
        </>
      )}
    </section>
  );
}
