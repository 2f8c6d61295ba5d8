/**
 * Filing and correcting submissions: the rows and their one audit event commit in one D1 batch; files go to R2
 * first (under `submissions/<year>/<submission id>/<file id>`) and are deleted again if the batch
 * fails, so a refused or failed filing leaves nothing in D1 or R2.
 */
import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Submission, SubmissionFields } from "#shared/api/sources.ts";
import { newSourceId } from "#shared/sources.ts";
import { commitWithAudit, type AuditContext } from "../audit/audit-log.ts";
import type { Database } from "../db/client.ts";
import { submissionCountries, submissionFiles, submissions } from "../db/schema.ts";
import type { Env } from "../env.ts";
import type { UploadedFile } from "./submission-upload.ts";

export interface NewSubmission {
  cycleYear: number;
  fields: SubmissionFields;
  files: UploadedFile[];
}

const fileKey = (cycleYear: number, submissionId: string, fileId: string) => `submissions/${cycleYear}/${submissionId}/${fileId}`;

/** A submission's country rows: D1 binds at most 100 parameters per statement, and a country row binds 2 (a file row 8). */
function countryRows(db: Database, submissionId: string, countryIds: readonly string[]): BatchItem<"sqlite">[] {
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < countryIds.length; i += 40) {
    statements.push(db.insert(submissionCountries).values(countryIds.slice(i, i + 40).map((countryId) => ({ submissionId, countryId }))));
  }
  return statements;
}

/** The insert statements of one submission (no files: those need R2 keys, see fileSubmission). */
function submissionRows(
  db: Database,
  id: string,
  filedBy: string,
  filedAt: string,
  s: NewSubmission,
  files: { id: string; key: string; file: UploadedFile }[],
) {
  const statements: BatchItem<"sqlite">[] = [
    db.insert(submissions).values({
      id,
      cycleYear: s.cycleYear,
      organisation: s.fields.organisation,
      contact: s.fields.contact,
      receivedOn: s.fields.receivedOn,
      topics: s.fields.topics,
      summary: s.fields.summary,
      link: s.fields.link,
      filedBy,
      filedAt,
    }),
  ];
  statements.push(...countryRows(db, id, s.fields.countries));
  files.forEach((f, position) => {
    statements.push(
      db.insert(submissionFiles).values({
        id: f.id,
        submissionId: id,
        r2Key: f.key,
        fileName: f.file.fileName,
        contentType: f.file.contentType,
        bytes: f.file.bytes.byteLength,
        sha256: f.file.sha256,
        position,
      }),
    );
  });
  return statements;
}

const auditDetails = (s: NewSubmission, files: { id: string; file: UploadedFile }[]) => ({
  cycleYear: s.cycleYear,
  organisation: s.fields.organisation,
  receivedOn: s.fields.receivedOn,
  countries: s.fields.countries,
  topics: s.fields.topics,
  link: s.fields.link,
  files: files.map((f) => ({ id: f.id, fileName: f.file.fileName, contentType: f.file.contentType, bytes: f.file.bytes.byteLength, sha256: f.file.sha256 })),
});

export async function fileSubmission(env: Pick<Env, "SOURCE_FILES">, db: Database, audit: AuditContext, s: NewSubmission): Promise<string> {
  const id = newSourceId("sub");
  const filedAt = new Date().toISOString();
  const files = s.files.map((file) => {
    const fileId = newSourceId("file");
    return { id: fileId, key: fileKey(s.cycleYear, id, fileId), file };
  });
  const stored: string[] = [];
  try {
    for (const f of files) {
      await env.SOURCE_FILES.put(f.key, f.file.bytes, {
        httpMetadata: { contentType: f.file.contentType, contentDisposition: "attachment" },
        customMetadata: { submissionId: id, fileName: f.file.fileName },
        sha256: f.file.sha256,
      });
      stored.push(f.key);
    }
    await commitWithAudit(db, audit, { action: "submission.file", subjectType: "submission", subjectId: id, details: auditDetails(s, files) }, () =>
      submissionRows(db, id, audit.actor.id!, filedAt, s, files),
    );
  } catch (error) {
    if (stored.length) await env.SOURCE_FILES.delete(stored);
    throw error;
  }
  return id;
}

/** A CSV batch (no files): every submission and one audit event in one batch. */
export async function fileSubmissionBatch(db: Database, audit: AuditContext, batch: NewSubmission[]): Promise<string[]> {
  const filedAt = new Date().toISOString();
  const ids = batch.map(() => newSourceId("sub"));
  await commitWithAudit(
    db,
    audit,
    {
      action: "submission.import",
      subjectType: "submission_import",
      subjectId: audit.requestId ?? crypto.randomUUID(),
      details: { count: batch.length, submissions: batch.map((s, i) => ({ id: ids[i], ...auditDetails(s, []) })) },
    },
    () => batch.flatMap((s, i) => submissionRows(db, ids[i]!, audit.actor.id!, filedAt, s, [])),
  );
  return ids;
}

/**
 * Corrects a filed submission's fields (sender, date, countries, topics, summary, link); its files
 * stay. One batch: the row, its countries replaced, and one `submission.edit` audit event holding
 * the fields before and after. Two people correcting the same submission at once: the later wins,
 * and the trail shows both.
 */
export async function editSubmission(db: Database, audit: AuditContext, before: Submission, fields: SubmissionFields): Promise<void> {
  const id = before.id;
  const was = {
    organisation: before.organisation,
    contact: before.contact,
    receivedOn: before.receivedOn,
    countries: before.countries.map((c) => c.id),
    topics: before.topics,
    summary: before.summary,
    link: before.link,
  };
  await commitWithAudit(
    db,
    audit,
    { action: "submission.edit", subjectType: "submission", subjectId: id, details: { cycleYear: before.cycleYear, before: was, after: fields } },
    () => {
      const statements: BatchItem<"sqlite">[] = [
        db
          .update(submissions)
          .set({
            organisation: fields.organisation,
            contact: fields.contact,
            receivedOn: fields.receivedOn,
            topics: fields.topics,
            summary: fields.summary,
            link: fields.link,
          })
          .where(eq(submissions.id, id)),
        db.delete(submissionCountries).where(eq(submissionCountries.submissionId, id)),
      ];
      return [...statements, ...countryRows(db, id, fields.countries)];
    },
  );
}
