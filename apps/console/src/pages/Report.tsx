import { Alert, Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { type Schemas, errorMessage, unwrap } from '../api';
import { Chart } from '../components/Chart';
import { DATE_FORMAT, todayIso } from '../format';
import { useSession } from '../session';

type Report = Schemas['ReductionReportDto'];
type Bucket = { netReduction?: number; created?: number; ended?: number; activeAtStart?: number; activeAtEnd?: number; unitsEnded?: number; unitsCreated?: number; decisions?: number };

function save(content: BlobPart, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

const netOf = (bucket: unknown): number => {
  const b = bucket as Bucket;
  return b.netReduction ?? (b.unitsEnded ?? b.ended ?? 0) - (b.unitsCreated ?? b.created ?? 0);
};

/** The reduction report of the Supervisory Delegation: totals, charts by year, system, sector and operation, downloads. */
export default function ReportPage() {
  const { client, t } = useSession();
  const { language } = useSession();
  const [from, setFrom] = useState('2018-01-01');
  const [to, setTo] = useState(todayIso());
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    document.title = `${t('report')} · ${t('appTitle')}`;
  }, [t]);
  useEffect(() => {
    setError(undefined);
    unwrap(client.GET('/api/v1/reports/reduction', { params: { query: { from, to, format: 'json' } } }))
      .then((answer) => setReport(typeof answer === 'string' ? (JSON.parse(answer) as Report) : answer))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [client, from, to]);

  const charts = useMemo(() => {
    if (!report) return undefined;
    const bar = (entries: [string, number][], name: string) => ({
      tooltip: {},
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: entries.map(([key]) => key), axisLabel: { interval: 0, rotate: entries.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name, data: entries.map(([, value]) => value), itemStyle: { color: '#0958d9' } }],
    });
    return {
      year: {
        tooltip: {},
        legend: { top: 0, left: 'center' },
        grid: { left: 48, right: 16, top: 48, bottom: 32 },
        xAxis: { type: 'category', data: report.byYear.map((y) => String(y.year)) },
        yAxis: { type: 'value' },
        series: [
          { type: 'bar', name: t('created'), data: report.byYear.map((y) => y.created), itemStyle: { color: '#389e0d' } },
          { type: 'bar', name: t('ended'), data: report.byYear.map((y) => y.ended), itemStyle: { color: '#cf1322' } },
          { type: 'bar', name: t('netReduction'), data: report.byYear.map((y) => y.netReduction), itemStyle: { color: '#0958d9' } },
        ],
      },
      system: bar(Object.entries(report.bySystem).map(([key, bucket]) => [key, netOf(bucket)]), t('netReduction')),
      sector: bar(Object.entries(report.bySector).map(([key, bucket]) => [key, netOf(bucket)]), t('netReduction')),
      operation: {
        tooltip: {},
        series: [{ type: 'pie', radius: '65%', data: Object.entries(report.byOperation).map(([key, bucket]) => ({ name: t(`op.${key}` as never), value: (bucket as Bucket).decisions ?? (bucket as Bucket).unitsEnded ?? 0 })) }],
      },
    };
  }, [report, t]);

  const download = async (format: 'csv' | 'json') => {
    try {
      if (format === 'csv') {
        const { data, response } = await client.GET('/api/v1/reports/reduction', { params: { query: { from, to, format: 'csv' } }, parseAs: 'text' });
        if (!response.ok || data === undefined) throw new Error(`HTTP ${response.status}`);
        save(data, 'text/csv;charset=utf-8', `reduction-${from}-${to}.csv`);
      } else {
        save(JSON.stringify(report, null, 2), 'application/json', `reduction-${from}-${to}.json`);
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const picker = (id: string, label: string, value: string, onChange: (value: string) => void) => (
    <div>
      <label htmlFor={id} style={{ display: 'block' }}>{label}</label>
      <DatePicker id={id} value={dayjs(value)} allowClear={false} format={DATE_FORMAT[language]} onChange={(d: Dayjs | null) => d && onChange(d.format('YYYY-MM-DD'))} />
    </div>
  );

  return (
    <section aria-labelledby="report-title">
      <Typography.Title level={1} id="report-title" style={{ fontSize: 24 }}>{t('report')}</Typography.Title>
      <Space wrap size="large" align="end" style={{ marginBottom: 16 }}>
        {picker('report-from', t('from'), from, setFrom)}
        {picker('report-to', t('to'), to, setTo)}
        <Button onClick={() => void download('csv')} disabled={!report}>{t('download')} CSV</Button>
        <Button onClick={() => void download('json')} disabled={!report}>{t('download')} JSON</Button>
      </Space>
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      {report && charts && (
        <>
          <Space wrap size="large" style={{ marginBottom: 16 }} data-testid="report-totals">
            <Statistic title={t('activeAtStart')} value={report.activeAtStart} />
            <Statistic title={t('activeAtEnd')} value={report.activeAtEnd} />
            <Statistic title={t('created')} value={report.created} />
            <Statistic title={t('ended')} value={report.ended} />
            <Statistic title={t('netReduction')} value={report.netReduction} />
          </Space>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('byYear')}</Typography.Title>}>
                <Chart testId="chart-year" option={charts.year} summary={`${t('byYear')}: ${report.byYear.map((y) => `${y.year} ${t('netReduction')} ${y.netReduction}`).join('; ')}`} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('byOperation')}</Typography.Title>}>
                <Chart option={charts.operation} summary={t('byOperation')} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('bySystem')}</Typography.Title>}>
                <Chart option={charts.system} summary={`${t('bySystem')}: ${Object.entries(report.bySystem).map(([k, b]) => `${k} ${netOf(b)}`).join('; ')}`} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('bySector')}</Typography.Title>}>
                <Chart option={charts.sector} summary={`${t('bySector')}: ${Object.entries(report.bySector).map(([k, b]) => `${k} ${netOf(b)}`).join('; ')}`} />
              </Card>
            </Col>
          </Row>
          <Table
            style={{ marginTop: 16 }}
            title={() => <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('byYear')}</Typography.Title>}
            rowKey="year"
            size="small"
            pagination={false}
            dataSource={report.byYear}
            columns={[
              { title: 'Năm / Year', dataIndex: 'year' },
              { title: t('created'), dataIndex: 'created', align: 'right' },
              { title: t('ended'), dataIndex: 'ended', align: 'right' },
              { title: t('netReduction'), dataIndex: 'netReduction', align: 'right' },
            ]}
          />
        </>
      )}
    </section>
  );
}
