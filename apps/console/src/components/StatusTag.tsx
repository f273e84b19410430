import { Tag } from 'antd';
import type { Proposal } from '../api';
import { useSession } from '../session';

// Dark text on light backgrounds: readable (AA) whatever the status.
const COLORS: Record<Proposal['status'], string> = {
  DRAFT: '#f0f0f0',
  IN_REVIEW: '#e6f4ff',
  RETURNED: '#fff7e6',
  REJECTED: '#fff1f0',
  WITHDRAWN: '#f0f0f0',
  APPROVED: '#f6ffed',
  EXECUTED: '#f6ffed',
  EXECUTION_FAILED: '#fff1f0',
};

export function StatusTag({ status }: { status: Proposal['status'] }) {
  const { t } = useSession();
  return (
    <Tag color={COLORS[status]} style={{ color: '#1f1f1f', borderColor: '#bfbfbf' }} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
