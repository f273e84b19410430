import type { LocalizedText } from './language';
import { messageText } from './messages';

/**
 * What no text input of the API may hold, wherever it comes from (query, path, body, header,
 * token claim): C0 controls, DEL and C1 controls (PostgreSQL refuses NUL outright; the others are
 * invisible and break logs, CSV and look-alike checks), and lone UTF-16 surrogates (not Unicode text:
 * stored as U+FFFD). Multi-line fields of a body may keep tab, line feed and carriage return.
 */
export type TextFault = 'CONTROL_CHARACTER' | 'LONE_SURROGATE';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textFault(text: string, options: { lineBreaks: boolean } = { lineBreaks: false }): TextFault | undefined {
  if ((options.lineBreaks ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(text)) return 'CONTROL_CHARACTER';
  if (LONE_SURROGATE.test(text)) return 'LONE_SURROGATE';
  return undefined;
}

export const TEXT_FAULT_DETAILS: Record<TextFault, (field: string) => LocalizedText> = {
  CONTROL_CHARACTER: (field) => messageText('textFault.CONTROL_CHARACTER', { field }),
  LONE_SURROGATE: (field) => messageText('textFault.LONE_SURROGATE', { field }),
};
