/**
 * D1 schema. Migrations in /migrations are generated from this file by `npm run db:generate`
 * (drizzle-kit); never edit a generated migration, add a new one.
 * Timestamps are ISO-8601 UTC strings; dates (milestones, periods) are YYYY-MM-DD.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CYCLE_STATUSES } from "#shared/cycles.ts";
import { DOCUMENT_KINDS } from "#shared/documents.ts";
import { ROLES, SCOPE_TYPES } from "#shared/roles.ts";
import { TIER_CODES } from "#shared/tiers.ts";
import { CLEARANCE_MODES, CLEARANCE_OUTCOMES } from "#shared/clearance.ts";
import { THREAD_KINDS, THREAD_STATES } from "#shared/api/comments.ts";
import { TIER_HISTORY_SOURCES, TIER_RECOMMENDATION_STATUSES } from "#shared/tier-recommendations.ts";
import { WORKFLOW_STATE_CODES } from "#shared/workflow-states.ts";
import { EDITION_SOURCES, type EditionManifest, type SnapshotSection } from "#shared/api/report.ts";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const regions = sqliteTable("regions", {
  code: text("code").primaryKey(),
  name: text("name").notNull().unique(),
  sortOrder: integer("sort_order").notNull(),
});

export const countries = sqliteTable(
  "countries",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull().unique(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
  },
  (t) => [index("countries_region_idx").on(t.regionCode)],
);

export const clearingOffices = sqliteTable("clearing_offices", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
});

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: text("created_at").notNull().default(now),
  updatedAt: text("updated_at").notNull().default(now),
});

/**
 * Development sign-in sessions (AUTH_MODE=dev only). The cookie names its row; signing out ends the
 * row, so a cookie captured before sign-out stops working on the server too.
 */
export const devSessions = sqliteTable(
  "dev_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
    endedAt: text("ended_at"),
  },
  (t) => [index("dev_sessions_user_idx").on(t.userId)],
);

export const roleAssignments = sqliteTable(
  "role_assignments",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    scopeType: text("scope_type", { enum: SCOPE_TYPES }).notNull(),
    regionCode: text("region_code").references(() => regions.code),
    countryId: text("country_id").references(() => countries.id),
    /** Only for clearers: the office they clear for. */
    officeCode: text("office_code").references(() => clearingOffices.code),
    /** role|scope|office, so one grant cannot be given twice (SQLite treats NULLs as distinct in UNIQUE). */
    grantKey: text("grant_key").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("role_assignments_user_grant_uq").on(t.userId, t.grantKey),
    index("role_assignments_user_idx").on(t.userId),
    check(
      "role_assignments_scope_ck",
      sql`(${t.scopeType} = 'global' AND ${t.regionCode} IS NULL AND ${t.countryId} IS NULL)
        OR (${t.scopeType} = 'region' AND ${t.regionCode} IS NOT NULL AND ${t.countryId} IS NULL)
        OR (${t.scopeType} = 'country' AND ${t.countryId} IS NOT NULL AND ${t.regionCode} IS NULL)`,
    ),
    check("role_assignments_office_ck", sql`(${t.role} = 'clearer') = (${t.officeCode} IS NOT NULL)`),
  ],
);

export const reportCycles = sqliteTable("report_cycles", {
  year: integer("year").primaryKey(),
  periodStart: text("period_start").notNull(),
  periodEnd: text("period_end").notNull(),
  draftingDue: text("drafting_due").notNull(),
  reviewDue: text("review_due").notNull(),
  clearanceDue: text("clearance_due").notNull(),
  finalClearanceDue: text("final_clearance_due").notNull(),
  releaseDate: text("release_date").notNull(),
  status: text("status", { enum: CYCLE_STATUSES }).notNull().default("drafting"),
  createdAt: text("created_at").notNull().default(now),
  updatedAt: text("updated_at").notNull().default(now),
});

export const documents = sqliteTable(
  "documents",
  {
    id: text("id").primaryKey(),
    cycleYear: integer("cycle_year")
      .notNull()
      .references(() => reportCycles.year),
    kind: text("kind", { enum: DOCUMENT_KINDS }).notNull(),
    countryId: text("country_id").references(() => countries.id),
    sectionKey: text("section_key"),
    title: text("title").notNull(),
    state: text("state", { enum: WORKFLOW_STATE_CODES }).notNull().default("drafting"),
    /** Bumped by every workflow change; actions carry the version they were made on (optimistic concurrency). */
    version: integer("version").notNull().default(1),
    /** Hash of the text the current review or clearance round is about (recorded by submit and approve). */
    textHash: text("text_hash"),
    /** Bumped when the text reopens after clearance began: clearances of earlier rounds are stale. */
    clearanceRound: integer("clearance_round").notNull().default(0),
    sortOrder: integer("sort_order").notNull().default(0),
    /**
     * The recorded text this document starts from (last year's published one), carried into its
     * room as a system import the first time the room loads. Null: it starts empty.
     */
    startingDocumentId: text("starting_document_id"),
    startingSnapshotHash: text("starting_snapshot_hash"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("documents_cycle_country_uq").on(t.cycleYear, t.countryId),
    uniqueIndex("documents_cycle_section_uq").on(t.cycleYear, t.sectionKey),
    index("documents_cycle_state_idx").on(t.cycleYear, t.state),
    check(
      "documents_kind_ck",
      sql`(${t.kind} = 'country_narrative' AND ${t.countryId} IS NOT NULL AND ${t.sectionKey} IS NULL)
        OR (${t.kind} = 'report_section' AND ${t.sectionKey} IS NOT NULL AND ${t.countryId} IS NULL)`,
    ),
  ],
);

export const tierHistory = sqliteTable(
  "tier_history",
  {
    countryId: text("country_id")
      .notNull()
      .references(() => countries.id),
    reportYear: integer("report_year").notNull(),
    tier: text("tier", { enum: TIER_CODES }).notNull(),
    /** The Secretary waived the automatic downgrade this year (allowed once). */
    waiverUsed: integer("waiver_used", { mode: "boolean" }).notNull().default(false),
    note: text("note"),
    /** Where the row came from: the seeded report placements, an admin import, or a cycle's release. */
    source: text("source", { enum: TIER_HISTORY_SOURCES }).notNull().default("report"),
  },
  (t) => [primaryKey({ columns: [t.countryId, t.reportYear] }), index("tier_history_year_idx").on(t.reportYear)],
);

/**
 * Append-only record of every action. Each row carries the hash of the previous row, so altering
 * or deleting a row breaks the chain (verified by the audit view).
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    actorUserId: text("actor_user_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    documentId: text("document_id"),
    requestId: text("request_id"),
    /** The document version the action was made on (workflow actions only). */
    documentVersion: integer("document_version"),
    /** The recorded text the action was given for (see document_snapshots). */
    snapshotHash: text("snapshot_hash"),
    comment: text("comment"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** UNIQUE: two events can never extend the chain from the same head, so concurrent writers serialise. */
    prevHash: text("prev_hash").notNull().unique(),
    hash: text("hash").notNull().unique(),
  },
  (t) => [
    index("audit_events_document_idx").on(t.documentId, t.seq),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId, t.seq),
    index("audit_events_actor_idx").on(t.actorUserId, t.seq),
  ],
);

/** Text recorded at a workflow step, kept so it can be shown and diffed later. Same text, same row. */
export const documentSnapshots = sqliteTable(
  "document_snapshots",
  {
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    hash: text("hash").notNull(),
    throughSeq: integer("through_seq").notNull(),
    takenAt: text("taken_at").notNull(),
    takenBy: text("taken_by"),
    /** Per section: key, label, html, text, and (recorded since the report compiler) the ProseMirror JSON the hash covers. */
    sections: text("sections", { mode: "json" }).$type<SnapshotSection[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.hash] })],
);

/**
 * A released report, frozen: the manifest names the exact recorded text (snapshot hash) of every
 * document it published, in report order; `manifestHash` is SHA-256 over the manifest's canonical
 * JSON and is signed in the release's audit checkpoint. Rows are never updated or deleted (triggers).
 * `source` = import for an edition loaded from outside (the 2024 report the demo starts from).
 */
export const publishedEditions = sqliteTable("published_editions", {
  cycleYear: integer("cycle_year")
    .primaryKey()
    .references(() => reportCycles.year),
  releasedAt: text("released_at").notNull(),
  releasedBy: text("released_by"),
  source: text("source", { enum: EDITION_SOURCES }).notNull(),
  manifestHash: text("manifest_hash").notNull(),
  manifest: text("manifest", { mode: "json" }).$type<EditionManifest>().notNull(),
});

/** The manifest's entries as rows, to join snapshots by: one per published document. */
export const publishedEditionDocuments = sqliteTable(
  "published_edition_documents",
  {
    cycleYear: integer("cycle_year")
      .notNull()
      .references(() => publishedEditions.cycleYear),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    snapshotHash: text("snapshot_hash").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleYear, t.documentId] }), uniqueIndex("published_edition_documents_position_uq").on(t.cycleYear, t.position)],
);

/** The cycle's default clearance list per document kind. `office` is an office code, or REGIONAL_BUREAU for the narrative's own bureau. */
export const clearanceDefaults = sqliteTable(
  "clearance_defaults",
  {
    cycleYear: integer("cycle_year")
      .notNull()
      .references(() => reportCycles.year),
    documentKind: text("document_kind", { enum: DOCUMENT_KINDS }).notNull(),
    office: text("office").notNull(),
    mode: text("mode", { enum: CLEARANCE_MODES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleYear, t.documentKind, t.office] })],
);

/** A document's own clearance list, set by its reviewer (copied from the defaults when clearance starts otherwise). */
export const documentClearanceOffices = sqliteTable(
  "document_clearance_offices",
  {
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    officeCode: text("office_code")
      .notNull()
      .references(() => clearingOffices.code),
    mode: text("mode", { enum: CLEARANCE_MODES }).notNull(),
    setBy: text("set_by").notNull(),
    setAt: text("set_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.officeCode] })],
);

/** An office's concurrence (or leadership proceeding without it) in one clearance round, bound to the text's hash. */
export const clearances = sqliteTable(
  "clearances",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    officeCode: text("office_code")
      .notNull()
      .references(() => clearingOffices.code),
    round: integer("round").notNull(),
    outcome: text("outcome", { enum: CLEARANCE_OUTCOMES }).notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    at: text("at").notNull(),
    snapshotHash: text("snapshot_hash").notNull(),
    comment: text("comment"),
    /** The comment threads open on the document when the office cleared (or leadership proceeded without it). */
    openThreads: text("open_threads", { mode: "json" }).$type<{ id: string; quote: string; blocking: boolean }[]>().notNull().default(sql`'[]'`),
  },
  (t) => [uniqueIndex("clearances_document_office_round_uq").on(t.documentId, t.officeCode, t.round), index("clearances_document_idx").on(t.documentId)],
);

/** A drafter's tier recommendation for a country narrative and the reviewer's decision on it. */
export const tierRecommendations = sqliteTable(
  "tier_recommendations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    tier: text("tier", { enum: TIER_CODES }).notNull(),
    justification: text("justification").notNull(),
    flags: text("flags", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    proposedBy: text("proposed_by").notNull(),
    proposedAt: text("proposed_at").notNull(),
    status: text("status", { enum: TIER_RECOMMENDATION_STATUSES }).notNull().default("proposed"),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    decisionComment: text("decision_comment"),
    /** Leadership fixed this tier at final clearance (status `final`). */
    fixedBy: text("fixed_by"),
    fixedAt: text("fixed_at"),
  },
  (t) => [index("tier_recommendations_document_idx").on(t.documentId, t.id)],
);

/**
 * A country narrative's law-enforcement figures for its reporting period (the numbers the report's
 * tables sum). NULL means the government did not report that figure.
 */
export const lawEnforcementFigures = sqliteTable("law_enforcement_figures", {
  documentId: text("document_id")
    .primaryKey()
    .references(() => documents.id),
  investigations: integer("investigations"),
  investigationsLabor: integer("investigations_labor"),
  prosecutions: integer("prosecutions"),
  prosecutionsLabor: integer("prosecutions_labor"),
  convictions: integer("convictions"),
  convictionsLabor: integer("convictions_labor"),
  victimsIdentified: integer("victims_identified"),
  victimsIdentifiedLabor: integer("victims_identified_labor"),
  newOrAmendedLaws: integer("new_or_amended_laws"),
  lawsNote: text("laws_note"),
  updatedBy: text("updated_by").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** The report's published global and regional law-enforcement tables of earlier years (scope GLOBAL or a region code). */
export const lawEnforcementTables = sqliteTable(
  "law_enforcement_tables",
  {
    scope: text("scope").notNull(),
    year: integer("year").notNull(),
    prosecutions: integer("prosecutions").notNull(),
    prosecutionsLabor: integer("prosecutions_labor").notNull(),
    convictions: integer("convictions").notNull(),
    convictionsLabor: integer("convictions_labor").notNull(),
    victimsIdentified: integer("victims_identified").notNull(),
    victimsIdentifiedLabor: integer("victims_identified_labor").notNull(),
    newOrAmendedLegislation: integer("new_or_amended_legislation").notNull(),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.scope, t.year] })],
);

/** Which rooms a user has opened, so revoking their access can close those connections at once. */
export const roomVisits = sqliteTable(
  "room_visits",
  {
    userId: text("user_id").notNull(),
    documentId: text("document_id").notNull(),
    lastConnectedAt: text("last_connected_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.documentId] })],
);

/**
 * A comment or suggested edit on a section's text. The anchor is a pair of Yjs relative positions
 * (base64) plus the quoted words and their context at creation; the text itself never carries it.
 */
export const commentThreads = sqliteTable(
  "comment_threads",
  {
    id: text("id").primaryKey(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    sectionKey: text("section_key").notNull(),
    kind: text("kind", { enum: THREAD_KINDS }).notNull(),
    state: text("state", { enum: THREAD_STATES }).notNull().default("open"),
    blocking: integer("blocking", { mode: "boolean" }).notNull().default(false),
    anchorStart: text("anchor_start").notNull(),
    anchorEnd: text("anchor_end").notNull(),
    quote: text("quote").notNull(),
    contextBefore: text("context_before").notNull(),
    contextAfter: text("context_after").notNull(),
    body: text("body").notNull(),
    /** Suggestions: the proposed wording for the quoted words. */
    replacement: text("replacement"),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
    decisionReason: text("decision_reason"),
  },
  (t) => [
    index("comment_threads_document_idx").on(t.documentId, t.createdAt),
    index("comment_threads_state_idx").on(t.state),
    check("comment_threads_replacement_ck", sql`(${t.kind} = 'suggestion') = (${t.replacement} IS NOT NULL)`),
  ],
);

export const commentReplies = sqliteTable(
  "comment_replies",
  {
    id: text("id").primaryKey(),
    threadId: text("thread_id")
      .notNull()
      .references(() => commentThreads.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("comment_replies_thread_idx").on(t.threadId, t.createdAt)],
);

/** A cycle's public request for information (docs/sources.md): when it opens, its deadline, the notice. */
export const requestsForInformation = sqliteTable("request_for_information", {
  cycleYear: integer("cycle_year")
    .primaryKey()
    .references(() => reportCycles.year),
  opensOn: text("opens_on").notNull(),
  deadline: text("deadline").notNull(),
  notice: text("notice").notNull(),
  updatedBy: text("updated_by"),
  updatedAt: text("updated_at").notNull().default(now),
});

/** What someone sent in answer to the request; its files are in R2 (SOURCE_FILES), its countries in submission_countries. */
export const submissions = sqliteTable(
  "submissions",
  {
    id: text("id").primaryKey(),
    cycleYear: integer("cycle_year")
      .notNull()
      .references(() => reportCycles.year),
    organisation: text("organisation").notNull(),
    contact: text("contact").notNull().default(""),
    receivedOn: text("received_on").notNull(),
    /** JSON array of topics (shared/sources.ts SOURCE_TOPICS). */
    topics: text("topics", { mode: "json" }).$type<string[]>().notNull(),
    summary: text("summary").notNull(),
    link: text("link"),
    filedBy: text("filed_by")
      .notNull()
      .references(() => users.id),
    filedAt: text("filed_at").notNull(),
  },
  (t) => [index("submissions_cycle_received_idx").on(t.cycleYear, t.receivedOn)],
);

export const submissionCountries = sqliteTable(
  "submission_countries",
  {
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    countryId: text("country_id")
      .notNull()
      .references(() => countries.id),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.countryId] }), index("submission_countries_country_idx").on(t.countryId)],
);

/** A submission's file: its R2 key, its name as sent, the type read from its bytes, its size and SHA-256. */
export const submissionFiles = sqliteTable(
  "submission_files",
  {
    id: text("id").primaryKey(),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    r2Key: text("r2_key").notNull().unique(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    sha256: text("sha256").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [index("submission_files_submission_idx").on(t.submissionId, t.position)],
);

/**
 * A token per read model that every write to the tables it is built from replaces (triggers in
 * migrations/0014_document_list_token.sql): a worker may keep the model's rows while the token stands.
 */
export const readModelTokens = sqliteTable("read_model_tokens", {
  name: text("name").primaryKey(),
  token: text("token").notNull(),
});

export type CommentThreadRow = typeof commentThreads.$inferSelect;

export type UserRow = typeof users.$inferSelect;
export type RoleAssignmentRow = typeof roleAssignments.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type ReportCycleRow = typeof reportCycles.$inferSelect;
