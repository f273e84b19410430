import { decisionKey, sameDecisionIdentity } from './decision-identity';

describe('decision identity: issuer + number + year of the decision date', () => {
  const d = (number: string, date: string, issuer = 'UBND tỉnh Thái Nguyên') => ({ issuer, number, date });

  it('given the same number in two years, they are two decisions (numbers restart every year)', () => {
    expect(sameDecisionIdentity(d('12/QĐ-UBND', '2024-03-01'), d('12/QĐ-UBND', '2025-03-01'))).toBe(false);
    expect(decisionKey('UBND tỉnh', '12/QĐ-UBND', '2024-03-01')).not.toBe(decisionKey('UBND tỉnh', '12/QĐ-UBND', '2025-03-01'));
  });

  it('given the same number in the same year, on different days, it is one decision', () => {
    expect(sameDecisionIdentity(d('12/QĐ-UBND', '2025-01-02'), d('12/QĐ-UBND', '2025-12-31'))).toBe(true);
  });

  it('compares issuer and number case-insensitively and in NFC, and keeps issuers apart', () => {
    expect(sameDecisionIdentity(d('12/qđ-ubnd', '2025-01-02'), d('12/QĐ-UBND', '2025-05-02'))).toBe(true);
    expect(sameDecisionIdentity(d('12/QĐ-UBND', '2025-01-02', 'UBND tỉnh Thái Nguyên'.normalize('NFD')), d('12/QĐ-UBND', '2025-01-02'))).toBe(true);
    expect(sameDecisionIdentity(d('12/QĐ-UBND', '2025-01-02', 'UBND xã A'), d('12/QĐ-UBND', '2025-01-02', 'UBND xã B'))).toBe(false);
  });

  it('spells the key issuer|number|year', () => {
    expect(decisionKey(' UBND tỉnh ', '5/QĐ-UBND', '2019-06-20')).toBe('UBND tỉnh|5/QĐ-UBND|2019');
  });
});
