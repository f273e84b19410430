import { Table } from 'antd';
import { useSession } from '../session';

export interface ChainFailure {
  streamId: string;
  version: number;
  position: number;
  reason: string;
}

/** The broken links a verification found (the log's own check and the check against a signed checkpoint). */
export function ChainFailures({ failures, marginTop }: { failures: ChainFailure[]; marginTop: number }) {
  const { t } = useSession();
  return (
    <Table
      style={{ marginTop }}
      title={() => t('failures')}
      rowKey={(f) => `${f.streamId}:${f.version}:${f.position}`}
      size="small"
      pagination={false}
      dataSource={failures}
      columns={[
        { title: 'Stream', dataIndex: 'streamId' },
        { title: 'Version', dataIndex: 'version' },
        { title: t('position'), dataIndex: 'position' },
        { title: 'Reason', dataIndex: 'reason' },
      ]}
    />
  );
}
