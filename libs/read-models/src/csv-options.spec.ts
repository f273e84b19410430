import { stringify } from 'csv-stringify/sync';
import { registerCsvOptions, spreadsheetSafe } from './csv-options';

describe('register CSV cells', () => {
  it('given text a spreadsheet would run as a formula, when written, then it is prefixed with an apostrophe', () => {
    for (const hostile of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) expect(spreadsheetSafe(hostile)).toBe(`'${hostile}`);
  });

  it('given ordinary Vietnamese names, when written, then they are unchanged', () => {
    expect(spreadsheetSafe('Trường THCS số 1 - Phú Yên')).toBe('Trường THCS số 1 - Phú Yên');
  });

  it('given rows, when stringified with the register options, then BOM, CRLF, quoting and safe cells apply while numbers stay numbers', () => {
    const csv = stringify([{ name: '=1+1', quota: -3, basic: true, note: 'a, b' }], registerCsvOptions(['name', 'quota', 'basic', 'note']));
    expect(csv).toBe("\uFEFFname,quota,basic,note\r\n'=1+1,-3,true,\"a, b\"\r\n");
  });
});
