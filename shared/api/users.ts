/** Who is signed in, the demo sign-in's answers (GET /api/me, /auth/dev/*, /auth/logout), and user administration (/api/admin/users). */
import { z } from "@hono/zod-openapi";
import { REGION_CODES } from "../regions.ts";
import { CLEARING_OFFICE_CODES, grantProblems, ROLES, SCOPE_TYPES } from "../roles.ts";

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
    grants: z.array(
      z.object({
        role: z.enum(ROLES),
        scopeType: z.enum(SCOPE_TYPES),
        regionCode: z.string().nullable(),
        countryId: z.string().nullable(),
        officeCode: z.string().nullable(),
      }),
    ),
  })
  .openapi("DemoUser");

export const DemoUserListSchema = z.object({ users: z.array(DemoUserSchema) });

export const DevLoginRequestSchema = z.object({ email: z.email() }).strict();

export const DevLoginResponseSchema = z.object({ user: z.object({ id: z.string(), email: z.string(), name: z.string() }) });

export const LogoutResponseSchema = z.object({ signedOut: z.literal(true) });

// ---- Administration (/api/admin/users): people, their grants, the CSV import ----

export const AdminUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    grants: z.array(GrantSchema),
  })
  .openapi("AdminUser");

export const AdminUserListSchema = z.object({ users: z.array(AdminUserSchema) });

export const GrantInputSchema = z
  .object({
    role: z.enum(ROLES),
    scopeType: z.enum(SCOPE_TYPES),
    regionCode: z.enum(REGION_CODES).nullish(),
    countryId: z.string().max(80).nullish(),
    officeCode: z.enum(CLEARING_OFFICE_CODES).nullish(),
  })
  .strict()
  .superRefine((g, ctx) => grantProblems(g).forEach((message) => ctx.addIssue({ code: "custom", message })))
  .openapi("GrantInput");

export const NewUserSchema = z
  .object({ email: z.email().max(254), name: z.string().trim().min(1).max(200), grants: z.array(GrantInputSchema).max(50).default([]) })
  .strict();

export const UserPatchSchema = z
  .object({ email: z.email().max(254).optional(), name: z.string().trim().min(1).max(200).optional(), active: z.boolean().optional() })
  .strict();

export const UserImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean(),
    rows: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), email: z.string().nullable(), reasons: z.array(z.string()) })),
    usersToCreate: z.array(z.string()),
    usersToUpdate: z.array(z.string()),
    grantsToAdd: z.array(z.object({ email: z.string(), grant: z.string() })),
  })
  .openapi("UserImportReport");
