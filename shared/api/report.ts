/**
 * The compiled report and its published edition (/api/cycles/:year/report…), and a Word draft's
 * import into a narrative (/api/documents/:id/import-docx). One model: the JSON rendering is
 * exactly `ReportSchema`; HTML and DOCX are rendered from the same object.
 */
import { z } from "@hono/zod-openapi";
import { DOCUMENT_KINDS } from "../documents.ts";
import { ERROR_CODE_LIST } from "./error-codes.ts";
import { TIER_CODES } from "../tiers.ts";
import { WORKFLOW_STATE_CODES } from "../workflow-states.ts";
import { LawEnforcementDataSchema } from "./law-enforcement.ts";
import { TierPlacementsSchema } from "./tier-placements.ts";

/**
 * One section of a recorded text. `json` is the ProseMirror document the hash covers, serialised
 * (a string, so it crosses Durable Object RPC as it is); absent on snapshots recorded before the
 * report compiler, whose readers fall back to `html`.
 */
export interface SnapshotSection {
  key: string;
  label: string;
  html: string;
  text: string;
  json?: string;
}

export const EDITION_SOURCES = ["release", "import"] as const;
export const REPORT_EDITIONS = ["preview", "published"] as const;
export type ReportEdition = (typeof REPORT_EDITIONS)[number];
export const REPORT_FORMATS = ["html", "docx", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const EditionManifestEntrySchema = z.object({
  documentId: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  countryId: z.string().nullable(),
  sectionKey: z.string().nullable(),
  tier: z.enum(TIER_CODES).nullable(),
  snapshotHash: z.string(),
});

/** What a published edition froze, in report order. Its SHA-256 (over canonical JSON) is signed in the release checkpoint. */
export const EditionManifestSchema = z
  .object({ version: z.literal(1), year: z.number().int(), releasedAt: z.string(), documents: z.array(EditionManifestEntrySchema) })
  .openapi("EditionManifest");
export type EditionManifest = z.infer<typeof EditionManifestSchema>;

export const ReportQuerySchema = z.object({
  edition: z.enum(REPORT_EDITIONS).default("preview"),
  /** `ndjson`: stream progress lines while compiling, then the file (see ReportProgressLineSchema). */
  progress: z.enum(["ndjson"]).optional(),
});

const ReportSectionBodySchema = z.object({ key: z.string(), label: z.string(), html: z.string(), json: z.unknown().optional() });

const ReportEntryBase = z.object({
  documentId: z.string(),
  title: z.string(),
  state: z.enum(WORKFLOW_STATE_CODES),
  /** False: the text is the current draft, not cleared; HTML and DOCX mark it DRAFT. */
  cleared: z.boolean(),
  /** The recorded text's hash (a published edition's manifest entry, or the preview's current text). */
  snapshotHash: z.string(),
  sections: z.array(ReportSectionBodySchema),
});

export const ReportFrontSectionSchema = ReportEntryBase.extend({ sectionKey: z.string() });
export const ReportNarrativeSchema = ReportEntryBase.extend({
  countryId: z.string(),
  country: z.string(),
  regionCode: z.string(),
  tier: z.enum(TIER_CODES).nullable(),
  /** `COUNTRY: TIER`, as the report heads a narrative. */
  heading: z.string(),
});

export const ReportSchema = z
  .object({
    year: z.number().int(),
    edition: z.enum(REPORT_EDITIONS),
    generatedAt: z.string(),
    /** Published edition only: the manifest's hash, as signed in the release checkpoint. */
    manifestHash: z.string().nullable(),
    /** Everything not yet cleared, listed at the top of a preview. Empty for a published edition. */
    notCleared: z.array(z.object({ documentId: z.string(), title: z.string(), state: z.enum(WORKFLOW_STATE_CODES) })),
    frontSections: z.array(ReportFrontSectionSchema),
    narratives: z.array(ReportNarrativeSchema),
    tierPlacements: TierPlacementsSchema,
    lawEnforcement: LawEnforcementDataSchema,
  })
  .openapi("Report");
export type Report = z.infer<typeof ReportSchema>;

/** With `?progress=ndjson`: one JSON object per line. The last line is `file` or `error`. */
export const ReportProgressLineSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), done: z.number().int(), total: z.number().int(), documentId: z.string(), title: z.string() }),
  z.object({ type: z.literal("file"), format: z.enum(REPORT_FORMATS), contentType: z.string(), filename: z.string(), base64: z.string() }),
  z.object({
    type: z.literal("error"),
    error: z.object({
      code: z.enum(ERROR_CODE_LIST),
      message: z.string(),
      details: z.object({ documentId: z.string().optional(), title: z.string().optional() }).passthrough().optional(),
    }),
  }),
]);
export type ReportProgressLine = z.infer<typeof ReportProgressLineSchema>;

/** GET /api/cycles/:year/report: where the release stands, for leadership's report page. */
export const ReportStatusSchema = z
  .object({
    year: z.number().int(),
    cycleStatus: z.string(),
    /** The documents that block the release (not cleared), in report order. */
    blockers: z.array(z.object({ documentId: z.string(), title: z.string(), state: z.enum(WORKFLOW_STATE_CODES), kind: z.enum(DOCUMENT_KINDS) })),
    documents: z.number().int(),
    canRelease: z.boolean(),
    published: z
      .object({
        releasedAt: z.string(),
        releasedBy: z.string().nullable(),
        manifestHash: z.string(),
        documents: z.number().int(),
        checkpointSeq: z.number().int().nullable(),
      })
      .nullable(),
  })
  .openapi("ReportStatus");

/** POST /api/cycles (admin): open a cycle, each document starting from the previous published edition's text. */
export const OpenCycleRequestSchema = z.object({ year: z.number().int().min(2000).max(2100) }).strict();
export const OpenCycleResponseSchema = z.object({
  year: z.number().int(),
  documents: z.number().int(),
  /** Documents that start from last year's published text (the rest start empty). */
  carriedForward: z.number().int(),
  fromEdition: z.number().int().nullable(),
});

/** One section of a Word draft's import: the file's text for it (when the file has any) against what the section holds now. */
export const DocxImportSectionSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** The file has text for this section: it is replaced. False: the section stays as it is. */
  inFile: z.boolean(),
  /** The file's text for the section as clean HTML ("" when not in the file). */
  html: z.string(),
  words: z.number().int(),
  /** The first lines of the file's text, plain (up to three lines). */
  excerpt: z.string(),
  /** Words in the section now: what applying replaces. */
  currentWords: z.number().int(),
});

/**
 * A Word draft split into the document's sections, before (preview, `applied: false`) or after
 * (`applied: true`) it goes in. `replaces` lists, in house order, the sections the file has text
 * for; the others stay as they are.
 */
export const DocxImportSchema = z
  .object({
    documentId: z.string(),
    applied: z.boolean(),
    fileName: z.string(),
    sections: z.array(DocxImportSectionSchema),
    replaces: z.array(z.string()),
    /** What was dropped or moved and why (unknown headings, images, tables, footnotes). Never a failure. */
    notes: z.array(z.string()),
  })
  .openapi("DocxImport");
