import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ROLES } from './roles';

const role = z.enum(ROLES);

export const devTokenRequestSchema = z
  .strictObject({
    sub: z.string().trim().min(1).max(200).describe('The user id recorded as `actor` in events'),
    name: z.string().trim().min(1).max(200).optional(),
    roles: z.array(role).min(1),
    governingBodyIds: z.array(z.guid()).default([]).describe('The governing bodies a proposer acts for'),
  });

export class DevTokenRequestDto extends createZodDto(devTokenRequestSchema) {}

export class DevTokenResponseDto extends createZodDto(
  z
    .object({
      accessToken: z.string().describe('HS256 JWT; send as Authorization: Bearer <accessToken>'),
      expiresIn: z.number().int().describe('Seconds until the token expires'),
    }),
) {}

export class PrincipalDto extends createZodDto(
  z
    .object({
      sub: z.string(),
      name: z.string().optional(),
      roles: z.array(role),
      governingBodyIds: z.array(z.string()),
    }),
) {}

export const consoleConfigSchema = z.object({
  mode: z.enum(['dev', 'jwt']).describe('`dev`: sample people and the local issuer; `jwt`: the OpenID Connect provider below'),
  oidc: z
    .object({
      authority: z.string().describe('The issuer (JWT_ISSUER): its /.well-known/openid-configuration is read by the console'),
      clientId: z.string().describe("The console's public client (CONSOLE_OIDC_CLIENT_ID): authorization code with PKCE"),
      scope: z.string().describe('The scopes the console asks for (CONSOLE_OIDC_SCOPE)'),
    })
    .optional()
    .describe('Present when mode is jwt'),
});

export type ConsoleConfig = z.output<typeof consoleConfigSchema>;

export class ConsoleConfigDto extends createZodDto(consoleConfigSchema) {}
