import { Select, type SelectProps } from 'antd';

/**
 * A Select inside a Form.Item with a required rule: Form.Item adds `aria-required`, which antd's
 * Select puts on its wrapper <div> (no role), an ARIA error (axe: aria-allowed-attr, critical).
 * The visible required mark and the validation message stay.
 */
export function FormSelect<T>(props: SelectProps<T> & { 'aria-required'?: unknown }) {
  const { 'aria-required': _ignored, ...rest } = props;
  return <Select<T> {...rest} />;
}
