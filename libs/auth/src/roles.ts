export const ROLES = ['admin', 'proposer', 'doha_appraiser', 'party_standing_board', 'ppc_leader', 'commune_leader', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
