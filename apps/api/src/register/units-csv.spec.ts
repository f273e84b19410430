import { ProblemException } from '@reorg/http';
import { unitsFromCsv } from './units-csv';

function problemOf(run: () => unknown): ProblemException {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('expected a ProblemException');
}

describe('unitsFromCsv', () => {
  it('reads rows by header name, drops a BOM, turns empty cells into absent fields and converts numbers and yes/no', () => {
    const csv = '\ufeffname,code,governingBodyCode,level,sector,autonomyGroup,staffingQuota,basicEssentialService\r\n"Trường THPT Lê Lợi, Tuy Hòa",GD-1,SGD,PROVINCE,EDUCATION,G3,85,\r\nTrạm Y tế,YT-1,SYT,COMMUNE,HEALTH,G4,12,có\r\n\r\n';
    expect(unitsFromCsv(csv)).toEqual([
      { name: 'Trường THPT Lê Lợi, Tuy Hòa', code: 'GD-1', governingBodyCode: 'SGD', level: 'PROVINCE', sector: 'EDUCATION', autonomyGroup: 'G3', staffingQuota: 85 },
      { name: 'Trạm Y tế', code: 'YT-1', governingBodyCode: 'SYT', level: 'COMMUNE', sector: 'HEALTH', autonomyGroup: 'G4', staffingQuota: 12, basicEssentialService: true },
    ]);
  });

  it('leaves text where a number is expected for the schema to refuse', () => {
    const [row] = unitsFromCsv('code,name,governingBodyId,level,sector,autonomyGroup,staffingQuota\nA,B,x,PROVINCE,IT,G1,mười');
    expect(row.staffingQuota).toBe('mười');
  });

  it('refuses unknown, missing and repeated columns', () => {
    const problem = problemOf(() => unitsFromCsv('code,code,colour,level,sector,autonomyGroup,staffingQuota\n1,2,3,4,5,6,7'));
    expect(problem.errors?.map((e) => `${e.code}:${e.path}`).sort()).toEqual([
      'DUPLICATE_COLUMN:code',
      'MISSING_COLUMN:governingBodyCode',
      'MISSING_COLUMN:name',
      'UNKNOWN_COLUMN:colour',
    ]);
  });

  it('names the data row of a malformed record, and refuses an empty file', () => {
    const problem = problemOf(() => unitsFromCsv('code,name\nA,B\n"C,D\n'));
    expect(problem.errors).toEqual([expect.objectContaining({ code: 'CSV_QUOTE_NOT_CLOSED', row: 2 })]);
    expect(problemOf(() => unitsFromCsv('')).errors).toEqual([expect.objectContaining({ code: 'EMPTY_CSV' })]);
  });
});
