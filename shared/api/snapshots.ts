/** Texts recorded by workflow steps and the word-level diff between two of them (/api/documents/:id/snapshots). */
import { z } from "@hono/zod-openapi";

const SectionSchema = z.object({ key: z.string(), label: z.string(), html: z.string(), text: z.string() });

export const SnapshotSchema = z
  .object({ hash: z.string(), takenAt: z.string(), takenBy: z.string().nullable(), throughSeq: z.number().int(), sections: z.array(SectionSchema) })
  .openapi("DocumentSnapshot");

/** The list leaves the texts out. */
export const SnapshotListSchema = z.object({ snapshots: z.array(SnapshotSchema.omit({ sections: true })) });

export const SnapshotDiffSchema = z
  .object({
    from: z.object({ hash: z.string(), takenAt: z.string() }),
    to: z.object({ hash: z.string(), takenAt: z.string() }),
    identical: z.boolean(),
    sections: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        changed: z.boolean(),
        parts: z.array(z.object({ change: z.enum(["same", "added", "removed"]), text: z.string() })),
      }),
    ),
  })
  .openapi("SnapshotDiff");
