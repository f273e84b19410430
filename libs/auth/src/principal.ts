import { z } from 'zod';
import { textFault } from '@reorg/http';
import { isRole, type Role } from './roles';

/** The authenticated caller, from the token's claims. `sub` is the actor recorded in events. */
export interface Principal {
  sub: string;
  name?: string;
  roles: Role[];
  /** The governing bodies a proposer acts for (claim `governingBodyIds`). */
  governingBodyIds: string[];
}

/** A claim recorded as text (actor in events, idempotency scope): control characters and lone surrogates make the token unusable. */
const text = () => z.string().min(1).refine((value) => textFault(value) === undefined);

const claimsSchema = z.object({
  sub: text(),
  name: text().optional(),
  // Tokens from an organisation's provider may carry roles of other applications: ignore those.
  roles: z.array(z.string()).default([]).transform((roles) => [...new Set(roles.filter(isRole))]),
  governingBodyIds: z.array(text()).default([]),
});

/** Undefined when the claims do not describe a principal (e.g. `roles` is not an array). */
export function principalFromClaims(claims: unknown): Principal | undefined {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const { sub, name, roles, governingBodyIds } = parsed.data;
  return { sub, ...(name ? { name } : {}), roles, governingBodyIds };
}

export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}
