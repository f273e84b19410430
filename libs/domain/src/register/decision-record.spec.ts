import { DomainRefusal } from '../shared/violations';
import { type DecisionToRecord, refuseDuplicateDecisions } from './decision-record';

const refusalOf = (decisions: DecisionToRecord[]) => {
  try {
    refuseDuplicateDecisions(decisions);
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainRefusal)) throw error;
    return { kind: error.kind, violations: error.violations.map(({ code, decisionIndex, path }) => ({ code, decisionIndex, path })) };
  }
};
const decision = (number: string, standing = false, issuer = 'UBND tỉnh', date = '2024-05-01'): DecisionToRecord => ({ issuer, number, date, standing });

describe('a decision number is recorded once per issuer', () => {
  it('accepts new numbers, the same number of another issuer, and a number whose record was annulled', () => {
    expect(refusalOf([decision('1/QĐ'), decision('1/QĐ', false, 'HĐND tỉnh'), decision('2/QĐ', false)])).toBeUndefined();
  });

  it('refuses a number standing for the issuer, naming the decision', () => {
    expect(refusalOf([decision('1/QĐ'), decision('2/QĐ', true)])).toEqual({
      kind: 'DUPLICATE_DECISION',
      violations: [{ code: 'DUPLICATE_DECISION', decisionIndex: 1, path: 'decisions[1].number' }],
    });
  });

  it('accepts the same number of the same issuer in another year (numbers restart every year)', () => {
    expect(refusalOf([decision('1/QĐ', false, 'UBND tỉnh', '2024-12-31'), decision('1/QĐ', false, 'UBND tỉnh', '2025-01-02')])).toBeUndefined();
  });

  it('refuses a batch naming one number twice, whatever its case and Unicode form', () => {
    expect(refusalOf([decision('5/qđ-ubnd'), decision('5/QĐ-UBND'.normalize('NFD'))])).toMatchObject({ kind: 'DUPLICATE_DECISION', violations: [{ decisionIndex: 1 }] });
  });
});
