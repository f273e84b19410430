import { Alert, App as AntApp, Button, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { type Schemas, errorMessage, unwrap } from '../api';
import { formatDate, formatInstant } from '../format';
import { useSession } from '../session';

type Item = Schemas['InboxPageDto']['items'][number];

/** The proposals waiting for the signed-in approver's role, oldest first (the API's order). */
export default function Inbox() {
  const { client, t, language } = useSession();
  const location = useLocation();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<Item[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    setItems(undefined);
    setError(undefined);
    unwrap(client.GET('/api/v1/approvals/inbox', { params: { query: { pageSize: 100 } } }))
      .then((page) => setItems(page.items))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [client]);
  useEffect(() => {
    document.title = `${t('inbox')} · ${t('appTitle')}`;
    load();
  }, [load, t]);
  // Once per navigation, not again when the language changes.
  const announced = useRef<string>();
  useEffect(() => {
    const decided = (location.state as { decided?: string } | null)?.decided;
    if (!decided || announced.current === location.key) return;
    announced.current = location.key;
    void message.success(`${t('decided')}: ${decided}`);
  }, [location, message, t]);

  return (
    <section aria-labelledby="inbox-title">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={1} id="inbox-title" style={{ fontSize: 24 }}>{t('inbox')}</Typography.Title>
        <Button onClick={load}>{t('refresh')}</Button>
      </Space>
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      <Table<Item>
        data-testid="inbox"
        rowKey="id"
        loading={!items && !error}
        dataSource={items}
        locale={{ emptyText: t('inboxEmpty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        rowClassName={(item) => (item.overdue ? 'overdue' : '')}
        columns={[
          { title: t('title'), dataIndex: 'title', render: (title: string, item) => <Link to={`/proposals/${item.id}`}>{title}</Link> },
          { title: t('step'), key: 'step', render: (_, item) => item.pendingStep?.name },
          {
            title: t('dueDate'),
            key: 'due',
            width: 190,
            render: (_, item) => (
              <>
                {formatDate(item.pendingStep?.dueDate, language)}{' '}
                {item.overdue ? <Tag style={{ color: '#a8071a', borderColor: '#a8071a', background: '#fff' }}>{t('overdue')}</Tag> : <Tag style={{ color: '#1f1f1f' }}>{t('onTime')}</Tag>}
              </>
            ),
          },
          { title: t('proposedBy'), dataIndex: 'proposedBy', width: 160 },
          { title: t('recordedAt'), dataIndex: 'updatedAt', width: 190, render: (d: string) => formatInstant(d, language) },
        ]}
      />
    </section>
  );
}
