/**
 * One submission and its files: `GET /api/submissions/{id}`, `PUT /api/submissions/{id}` (correct
 * its fields) and `GET /api/submissions/{id}/files/{fileId}`. All 404 for a caller who may not read
 * any concerned country's narrative, as for one that does not exist. A file is always served as an attachment,
 * with the type read from its bytes when it was filed and `nosniff`, so nothing opens inline.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { SubmissionFieldsSchema, SubmissionSchema } from "#shared/api/sources.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { notFound } from "../http/api-error.ts";
import { createRouter, jsonContent, readErrors, writeErrors } from "../http/router.ts";
import { assertCanFileSubmission, assertCanReadSubmission } from "../policy/policy.ts";
import { findSubmission, namedCountriesScope, scopeOf } from "../sources/submission-queries.ts";
import { editSubmission } from "../sources/submission-store.ts";
import { submissionFiles } from "../db/schema.ts";
import { and, eq } from "drizzle-orm";

export const submissionRoutes = createRouter();

const SubmissionIdParam = z.object({
  id: z
    .string()
    .max(40)
    .openapi({ param: { name: "id", in: "path" }, example: "sub_0a1b2c3d4e5f6g7h8i9j" }),
});
const FileParams = SubmissionIdParam.extend({
  fileId: z
    .string()
    .max(40)
    .openapi({ param: { name: "fileId", in: "path" } }),
});

async function visibleSubmission(c: Parameters<typeof requireUser>[0], id: string) {
  const user = await requireUser(c);
  const db = database(c.env);
  const submission = await findSubmission(db, id);
  assertCanReadSubmission(user, submission ? scopeOf(submission) : null);
  return { user, db, submission: submission! };
}

submissionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    summary: "One submission: sender, date, countries, topics, summary, files and link",
    tags: ["Sources"],
    request: { params: SubmissionIdParam },
    responses: { 200: jsonContent(SubmissionSchema, "The submission"), ...readErrors },
  }),
  async (c) => c.json((await visibleSubmission(c, c.req.valid("param").id)).submission, 200),
);

submissionRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    summary: "Correct a submission: sender, date, countries, topics, summary, link (its files stay)",
    description: [
      "The same fields and rules as filing it. Only someone who may file for every country it named and every country it will name",
      "(admins; regional drafters and reviewers of those countries) may correct it, so nobody moves a submission out of another region's sight.",
      "Audited as `submission.edit` with the fields before and after.",
    ].join(" "),
    tags: ["Sources"],
    request: { params: SubmissionIdParam, body: { required: true, content: { "application/json": { schema: SubmissionFieldsSchema } } } },
    responses: { 200: jsonContent(SubmissionSchema, "The submission as corrected"), ...writeErrors },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { user, db, submission } = await visibleSubmission(c, id);
    const fields = c.req.valid("json");
    assertCanFileSubmission(user, scopeOf(submission));
    assertCanFileSubmission(user, await namedCountriesScope(db, fields.countries));
    await editSubmission(db, { actor: { id: user.id, email: user.email }, requestId: c.get("requestId") }, submission, fields);
    return c.json((await findSubmission(db, id))!, 200);
  },
);

/** The name in Content-Disposition: ASCII fallback plus the UTF-8 form (RFC 6266). */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

submissionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/files/{fileId}",
    summary: "Download one of a submission's files (always as an attachment)",
    tags: ["Sources"],
    request: { params: FileParams },
    responses: {
      200: {
        description: "The file's bytes, with the type detected when it was filed",
        content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
      },
      ...readErrors,
    },
  }),
  async (c) => {
    const { id, fileId } = c.req.valid("param");
    const { db } = await visibleSubmission(c, id);
    const file = await db
      .select()
      .from(submissionFiles)
      .where(and(eq(submissionFiles.id, fileId), eq(submissionFiles.submissionId, id)))
      .get();
    if (!file) throw notFound("File");
    const object = await c.env.SOURCE_FILES.get(file.r2Key);
    if (!object) throw notFound("File");
    return new Response(object.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.bytes),
        "Content-Disposition": disposition(file.fileName),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  },
);
