/** Who is signed in, and the demo sign-in's answers (GET /api/me, /auth/dev/*, /auth/logout). */
import { z } from "@hono/zod-openapi";
import { ROLES, SCOPE_TYPES } from "../roles.ts";

export const GrantSchema = z
  .object({
    id: z.string(),
    role: z.enum(ROLES),
    scopeType: z.enum(SCOPE_TYPES),
    regionCode: z.string().nullable(),
    countryId: z.string().nullable(),
    officeCode: z.string().nullable(),
  })
  .openapi("RoleGrant");

export const MeSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), grants: z.array(GrantSchema) }).openapi("Me");

export const DemoUserSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    grants: z.array(z.object({ role: z.enum(ROLES), scopeType: z.enum(SCOPE_TYPES), regionCode: z.string().nullable(), countryId: z.string().nullable(), officeCode: z.string().nullable() })),
  })
  .openapi("DemoUser");

export const DemoUserListSchema = z.object({ users: z.array(DemoUserSchema) });

export const DevLoginRequestSchema = z.object({ email: z.email() }).strict();

export const DevLoginResponseSchema = z.object({ user: z.object({ id: z.string(), email: z.string(), name: z.string() }) });

export const LogoutResponseSchema = z.object({ signedOut: z.literal(true) });
