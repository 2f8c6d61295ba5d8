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
import { WORKFLOW_STATE_CODES } from "#shared/workflow-states.ts";

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
    regionCode: text("region_code").notNull().references(() => regions.code),
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

export const roleAssignments = sqliteTable(
  "role_assignments",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
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
    cycleYear: integer("cycle_year").notNull().references(() => reportCycles.year),
    kind: text("kind", { enum: DOCUMENT_KINDS }).notNull(),
    countryId: text("country_id").references(() => countries.id),
    sectionKey: text("section_key"),
    title: text("title").notNull(),
    state: text("state", { enum: WORKFLOW_STATE_CODES }).notNull().default("drafting"),
    /** Bumped by every workflow change; actions carry the version they were made on (optimistic concurrency). */
    version: integer("version").notNull().default(1),
    sortOrder: integer("sort_order").notNull().default(0),
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
    countryId: text("country_id").notNull().references(() => countries.id),
    reportYear: integer("report_year").notNull(),
    tier: text("tier", { enum: TIER_CODES }).notNull(),
    /** The Secretary waived the automatic downgrade this year (allowed once). */
    waiverUsed: integer("waiver_used", { mode: "boolean" }).notNull().default(false),
    note: text("note"),
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

export type UserRow = typeof users.$inferSelect;
export type RoleAssignmentRow = typeof roleAssignments.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type ReportCycleRow = typeof reportCycles.$inferSelect;
