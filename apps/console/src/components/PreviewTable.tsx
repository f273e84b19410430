import { Alert, Table, Tag, Typography } from 'antd';
import type { Schemas } from '../api';
import { formatDate } from '../format';
import { useSession } from '../session';

type Preview = Schemas['ProposalPreviewDto'];
type Row = Preview['units'][number];
type Side = NonNullable<Row['before']>;

/** The server's dry run: each unit named or changed, on the effective date, before and after. */
export function PreviewTable({ preview }: { preview: Preview }) {
  const { t, language } = useSession();
  const side = (unit: Side | undefined) =>
    unit ? (
      <div>
        <div>{unit.name}</div>
        <Typography.Text type="secondary">
          {t(`unitStatus.${unit.status}`)} · {t('staffingQuota')}: {unit.staffingQuota} · {unit.autonomyGroup}
        </Typography.Text>
      </div>
    ) : (
      '—'
    );
  return (
    <section aria-labelledby="preview-title" data-testid="preview">
      <Typography.Title level={2} id="preview-title" style={{ fontSize: 18 }}>{t('previewTitle', { date: formatDate(preview.effectiveDate, language) })}</Typography.Title>
      {!preview.ok && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          message={t('previewRefused')}
          description={<ul>{preview.violations.map((v, i) => <li key={i}>{v.code}: {v.detail}</li>)}</ul>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<Row>
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={preview.units}
        scroll={{ x: 640 }}
        columns={[
          { title: t('code'), dataIndex: 'code', width: 140, render: (code: string, row) => <>{code} {row.isNew && <Tag style={{ color: '#1f1f1f' }}>{t('newUnit')}</Tag>}</> },
          { title: t('before'), key: 'before', render: (_, row) => side(row.before) },
          { title: t('after'), key: 'after', render: (_, row) => side(row.after) },
        ]}
      />
    </section>
  );
}
