import { Alert, DatePicker, Input, Slider, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { type Schemas, type Unit, errorMessage, unwrap } from '../api';
import { DATE_FORMAT, formatDate, todayIso } from '../format';
import { useSession } from '../session';

type Structure = Schemas['StructureDto'];
type Row = Unit & { bodyCode: string; bodyName: string; folded: string };

const SLIDER_START = dayjs('2017-12-31');
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** The register on any effective date (slider or picker), optionally as it was known at an earlier instant. */
export default function Structure() {
  const { client, t, language } = useSession();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? todayIso();
  const knownAt = params.get('knownAt') ?? undefined;
  const [structure, setStructure] = useState<Structure>();
  const [error, setError] = useState<string>();
  const [filter, setFilter] = useState('');
  const sliderEnd = dayjs().add(1, 'year');
  const days = sliderEnd.diff(SLIDER_START, 'day');

  const set = (next: { asOf?: string; knownAt?: string | null }) => {
    const merged = new URLSearchParams(params);
    if (next.asOf) merged.set('asOf', next.asOf);
    if (next.knownAt === null) merged.delete('knownAt');
    else if (next.knownAt) merged.set('knownAt', next.knownAt);
    setParams(merged, { replace: true });
  };

  useEffect(() => {
    document.title = `${t('structure')} · ${t('appTitle')}`;
  }, [t]);
  useEffect(() => {
    setError(undefined);
    unwrap(client.GET('/api/v1/structure', { params: { query: { asOf, ...(knownAt ? { knownAt } : {}) } } }))
      .then(setStructure)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [client, asOf, knownAt]);

  // Folded once per answer, so that typing filters 10k units without folding them again per key.
  const all = useMemo<Row[]>(
    () => (structure?.bodies ?? []).flatMap((body) => body.units.map((unit) => ({ ...unit, bodyCode: body.code, bodyName: body.name, folded: fold(`${unit.code} ${unit.name} ${body.name}`) }))),
    [structure],
  );
  const query = useDeferredValue(filter);
  const rows = useMemo<Row[]>(() => {
    const q = fold(query.trim());
    return q ? all.filter((u) => u.folded.includes(q)) : all;
  }, [all, query]);

  return (
    <section aria-labelledby="structure-title">
      <Typography.Title level={1} id="structure-title" style={{ fontSize: 24 }}>{t('structure')}</Typography.Title>
      <Space wrap size="large" align="end" style={{ marginBottom: 16 }}>
        <div>
          <label htmlFor="as-of" style={{ display: 'block' }}>{t('asOf')}</label>
          <DatePicker id="as-of" value={dayjs(asOf)} format={DATE_FORMAT[language]} allowClear={false} onChange={(d: Dayjs | null) => d && set({ asOf: d.format('YYYY-MM-DD') })} />
        </div>
        <div>
          <label htmlFor="known-at" style={{ display: 'block' }}>{t('knownAt')}</label>
          <DatePicker
            id="known-at"
            showTime
            placeholder={t('knownAtNow')}
            value={knownAt ? dayjs(knownAt) : null}
            format={`${DATE_FORMAT[language]} HH:mm:ss`}
            onChange={(d: Dayjs | null) => set({ knownAt: d ? d.toISOString() : null })}
          />
        </div>
        <div>
          <label htmlFor="unit-filter" style={{ display: 'block' }}>{t('searchUnit')}</label>
          <Input id="unit-filter" value={filter} onChange={(e) => setFilter(e.target.value)} allowClear style={{ width: 320 }} />
        </div>
      </Space>
      <Slider
        min={0}
        max={days}
        value={Math.min(days, Math.max(0, dayjs(asOf).diff(SLIDER_START, 'day')))}
        onChangeComplete={(value: number) => set({ asOf: SLIDER_START.add(value, 'day').format('YYYY-MM-DD') })}
        tooltip={{ formatter: (value) => formatDate(SLIDER_START.add(value ?? 0, 'day').format('YYYY-MM-DD'), language) }}
        ariaLabelForHandle={t('asOfSlider')}
        ariaValueTextFormatterForHandle={(value) => formatDate(SLIDER_START.add(value ?? 0, 'day').format('YYYY-MM-DD'), language)}
        marks={Object.fromEntries(Array.from({ length: sliderEnd.year() - 2017 }, (_, i) => 2018 + i).map((year) => [dayjs(`${year}-01-01`).diff(SLIDER_START, 'day'), String(year)]))}
      />
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      {structure && (
        <Space wrap size="large" style={{ margin: '8px 0 16px' }}>
          <Statistic title={`${t('activeUnits')} · ${formatDate(structure.asOf, language)}`} value={structure.totals.active} />
          {Object.entries(structure.totals.bySystem).map(([system, count]) => <Statistic key={system} title={system} value={count} />)}
        </Space>
      )}
      <Table<Row>
        data-testid="structure"
        rowKey="unitId"
        size="small"
        loading={!structure && !error}
        dataSource={rows}
        // Virtual rows: only the visible ones are in the DOM, so 10k units scroll without freezing the page.
        virtual
        pagination={false}
        scroll={{ x: 1080, y: 560 }}
        footer={() => `${t('total')}: ${rows.length}`}
        columns={[
          { title: t('code'), dataIndex: 'code', width: 150, render: (code: string, u) => <Link to={`/units/${u.unitId}?asOf=${asOf}`}>{code}</Link> },
          { title: t('name'), dataIndex: 'name', width: 340 },
          { title: t('governingBody'), dataIndex: 'bodyName', width: 220 },
          { title: t('staffingQuota'), dataIndex: 'staffingQuota', width: 120, align: 'right' },
          { title: t('autonomyGroup'), dataIndex: 'autonomyGroup', width: 110 },
          { title: t('establishedOn'), dataIndex: 'establishedOn', width: 140, render: (d: string) => formatDate(d, language) },
        ]}
      />
    </section>
  );
}
