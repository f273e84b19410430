import { Alert, Button, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { type Proposal, errorMessage, unwrap } from '../api';
import { StatusTag } from '../components/StatusTag';
import { formatDate, formatInstant } from '../format';
import { useSession } from '../session';

export default function Proposals() {
  const { client, t, language, has } = useSession();
  const navigate = useNavigate();
  const [items, setItems] = useState<Proposal[]>();
  const [error, setError] = useState<string>();
  const heading = has('proposer') ? t('myProposals') : t('menuProposals');

  useEffect(() => {
    document.title = `${heading} · ${t('appTitle')}`;
    unwrap(client.GET('/api/v1/proposals', { params: { query: { pageSize: 100 } } }))
      .then((page) => setItems(page.items))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [client, heading, t]);

  return (
    <section aria-labelledby="proposals-title">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={1} id="proposals-title" style={{ fontSize: 24 }}>{heading}</Typography.Title>
        {has('proposer') && (
          <Button type="primary" onClick={() => navigate('/proposals/new')}>{t('newProposal')}</Button>
        )}
      </Space>
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      <Table<Proposal>
        rowKey="id"
        loading={!items && !error}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        columns={[
          { title: t('title'), dataIndex: 'title', render: (title: string, p) => <Link to={`/proposals/${p.id}`}>{title}</Link> },
          { title: t('status'), dataIndex: 'status', width: 170, render: (status: Proposal['status']) => <StatusTag status={status} /> },
          { title: t('proposedEffectiveDate'), dataIndex: 'proposedEffectiveDate', width: 170, render: (d: string) => formatDate(d, language) },
          { title: t('recordedAt'), dataIndex: 'updatedAt', width: 200, render: (d: string) => formatInstant(d, language) },
        ]}
      />
    </section>
  );
}
