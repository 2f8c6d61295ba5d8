/**
 * The web app's types are inferred from the shared/api schemas, and the worker only has to return
 * something assignable to them (extra fields, casts and `any` slip through the type check). So each
 * answer the web reads is parsed here with its schema: parsing strips unknown keys and fails on a
 * missing or mistyped one, so "parsed equals received" means the body has exactly the declared shape.
 */
import type { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { ClearanceStateSchema } from "#shared/api/clearances.ts";
import { CycleListSchema, CycleProgressSchema } from "#shared/api/cycles.ts";
import { DocumentDetailSchema, DocumentListSchema, InboxSchema } from "#shared/api/documents.ts";
import { FiguresViewSchema, LawEnforcementDataSchema } from "#shared/api/law-enforcement.ts";
import { CoverageSchema, RfiResponseSchema, SubmissionListSchema, SubmissionSchema } from "#shared/api/sources.ts";
import { SnapshotDiffSchema, SnapshotListSchema } from "#shared/api/snapshots.ts";
import { TierHistoryImportReportSchema } from "#shared/api/tier-history.ts";
import { TierPlacementsSchema } from "#shared/api/tier-placements.ts";
import { AdminUserListSchema, AdminUserSchema, DemoUserListSchema, MeSchema, UserImportReportSchema } from "#shared/api/users.ts";
import { AuditPageSchema, AuditVerificationSchema } from "#shared/api/audit.ts";
import { AS, call, json, type CallOptions } from "../helpers/api.ts";

const DOCUMENT = "2025-kenya";

async function expectShape(schema: z.ZodType, userId: string | null, path: string, options?: CallOptions): Promise<any> {
  const res = await call(userId, path, options);
  expect(res.status, `${path} answered ${res.status}`).toBe(200);
  const body: unknown = await json(res);
  const parsed = schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues, path).toEqual([]);
  expect(parsed.data, `${path} carries fields its schema does not declare`).toEqual(body);
  return body;
}

describe("answers have exactly the shape of their shared/api schema", () => {
  it("the request for information, submissions, a narrative's sources and the coverage", async () => {
    await expectShape(RfiResponseSchema, AS.drafterAF, "/api/cycles/2025/rfi");
    const panel = await expectShape(SubmissionListSchema, AS.drafterAF, "/api/documents/2025-nigeria/sources");
    expect(panel.submissions.length).toBe(14);
    await expectShape(SubmissionListSchema, AS.drafterAF, "/api/cycles/2025/submissions?topic=prosecution");
    await expectShape(SubmissionSchema, AS.drafterAF, `/api/submissions/${panel.submissions[0].id}`);
    await expectShape(CoverageSchema, AS.leadership, "/api/cycles/2025/sources/coverage");
  });

  it("sign-in, the caller, cycles, progress, the list and the inbox", async () => {
    await expectShape(DemoUserListSchema, null, "/auth/dev/users");
    await expectShape(MeSchema, AS.drafterAF, "/api/me");
    await expectShape(CycleListSchema, AS.drafterAF, "/api/cycles");
    await expectShape(CycleProgressSchema, AS.drafterAF, "/api/cycles/2025/progress");
    const list = await expectShape(DocumentListSchema, AS.drafterAF, "/api/cycles/2025/documents?region=AF&mine=true");
    expect(list.documents.length).toBeGreaterThan(0);
    await expectShape(InboxSchema, AS.drafterAF, "/api/me/inbox");
  });

  it("a document, its figures, clearances, recorded texts and a diff, before and after a workflow action", async () => {
    const before = await expectShape(DocumentDetailSchema, AS.drafterAF, `/api/documents/${DOCUMENT}`);
    await expectShape(FiguresViewSchema, AS.drafterAF, `/api/documents/${DOCUMENT}/figures`);
    await expectShape(ClearanceStateSchema, AS.drafterAF, `/api/documents/${DOCUMENT}/clearances`);
    const submitted = await expectShape(DocumentDetailSchema, AS.drafterAF, `/api/documents/${DOCUMENT}/actions`, {
      body: { action: "submit", version: before.version },
    });
    expect(submitted.history.length).toBeGreaterThan(0);
    const { snapshots } = await expectShape(SnapshotListSchema, AS.drafterAF, `/api/documents/${DOCUMENT}/snapshots`);
    expect(snapshots.length).toBeGreaterThan(0);
    await expectShape(SnapshotDiffSchema, AS.drafterAF, `/api/documents/${DOCUMENT}/snapshots/${snapshots[0].hash}/diff/current`);
  });

  it("the law-enforcement tables, the tier tables (recorded and in progress) and a tier-history check", async () => {
    await expectShape(LawEnforcementDataSchema, AS.drafterAF, "/api/cycles/2025/law-enforcement");
    await expectShape(TierPlacementsSchema, AS.drafterAF, "/api/cycles/2024/tier-placements");
    await expectShape(TierPlacementsSchema, AS.leadership, "/api/cycles/2025/tier-placements");
    await expectShape(TierHistoryImportReportSchema, AS.admin, "/api/tier-history/import?dryRun=true", {
      body: "country,year,tier,waiver\nAustria,2023,Tier 1,no\nAtlantis,2023,Tier 2,no",
      headers: { "Content-Type": "text/csv" },
    });
  });

  it("the overview's filtered list, the audit trail and its verdict, and user administration", async () => {
    const overdue = await expectShape(DocumentListSchema, AS.leadership, "/api/cycles/2025/documents?overdue=false&approvedTier=none&q=ken");
    expect(overdue.documents[0].assignees.length).toBeGreaterThan(0);
    await expectShape(AuditPageSchema, AS.admin, "/api/audit?limit=5");
    await expectShape(AuditVerificationSchema, AS.admin, "/api/audit/verify");
    await expectShape(AdminUserListSchema, AS.admin, "/api/admin/users");
    const created = await call(AS.admin, "/api/admin/users", { body: { email: "shape.check@example.gov", name: "Shape Check" } });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    await expectShape(AdminUserSchema, AS.admin, `/api/admin/users/${id}`, { method: "PATCH", body: { name: "Shape Checked" } });
    await expectShape(UserImportReportSchema, AS.admin, "/api/admin/users/import?dryRun=true", {
      body: "email,name,role,scope,office,active\nnew.person@example.gov,New Person,drafter,region:AF,,true\nbad,Bad,,,,",
      headers: { "Content-Type": "text/csv" },
    });
  });
});
