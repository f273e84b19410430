import { Spin } from 'antd';
import { FormSelect as Select } from './FormSelect';
import { useEffect, useRef, useState } from 'react';
import { type Unit, unwrap } from '../api';
import { useSession } from '../session';

interface Props {
  /** The input's id: the form's <label for> names it. */
  id: string;
  mode?: 'multiple';
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  /** Known units (e.g. of an existing draft), so that their codes show before any search. */
  known?: Unit[];
  /** Added by a Form.Item with a required rule; antd's Select would put it on a <div> (see FormSelect). */
  'aria-required'?: unknown;
}

const labelOf = (unit: Pick<Unit, 'code' | 'name'>) => `${unit.code} — ${unit.name}`;

/** Active units found by code or name, ignoring case and diacritics (the API's `q`); codes shown. */
export function UnitSearch({ id, mode, value, onChange, known = [] }: Props) {
  const { client } = useSession();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [searching, setSearching] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    if (known.length > 0) setLabels((current) => ({ ...current, ...Object.fromEntries(known.map((u) => [u.unitId, labelOf(u)])) }));
  }, [known]);

  const search = async (q: string) => {
    const call = ++latest.current;
    setSearching(true);
    try {
      const page = await unwrap(client.GET('/api/v1/units', { params: { query: { q: q || undefined, pageSize: 20 } } }));
      if (call !== latest.current) return;
      setOptions(page.items.map((u) => ({ value: u.unitId, label: labelOf(u) })));
      setLabels((current) => ({ ...current, ...Object.fromEntries(page.items.map((u) => [u.unitId, labelOf(u)])) }));
    } finally {
      if (call === latest.current) setSearching(false);
    }
  };

  // The first page of units, once: later searches follow what the user types.
  const searched = useRef(false);
  useEffect(() => {
    if (searched.current) return;
    searched.current = true;
    void search('');
  });

  const selected = (Array.isArray(value) ? value : value ? [value] : []).map((v) => ({ value: v, label: labels[v] ?? v }));
  const merged = [...selected, ...options.filter((o) => !selected.some((s) => s.value === o.value))];
  return (
    <Select
      id={id}
      mode={mode}
      showSearch
      filterOption={false}
      onSearch={(q) => void search(q)}
      notFoundContent={searching ? <Spin size="small" /> : undefined}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={merged}
      style={{ width: '100%' }}
    />
  );
}
