/**
 * The tamper-evident audit trail. Each event stores the hash of the one before it and its own
 * hash over (previous hash + canonical event). `prev_hash` is UNIQUE, so two writers can never
 * extend the chain from the same head: the loser's whole batch (its change and its event) rolls
 * back and is retried on the new head. A change and its audit event therefore commit together.
 */
import { desc, gt } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client.ts";
import { auditEvents } from "../db/schema.ts";
import { auditEventFields, GENESIS_HASH, hashAuditEvent, type AuditContext, type AuditEntry } from "./audit-event.ts";

const MAX_CHAIN_RETRIES = 50;

export { auditEventFields, GENESIS_HASH, hashAuditEvent, type AuditActor, type AuditContext, type AuditEntry, type ChainedFields } from "./audit-event.ts";

async function chainHead(db: Database): Promise<string> {
  const head = await db.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).get();
  return head?.hash ?? GENESIS_HASH;
}

function isChainRace(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error) + String((error as { cause?: unknown })?.cause ?? "");
  return text.includes("UNIQUE") && text.includes("prev_hash");
}

/**
 * Commits `changes` and one audit event in a single D1 batch (a transaction).
 * `changes` is a function so each retry builds its statements afresh.
 */
export async function commitWithAudit(db: Database, context: AuditContext, entry: AuditEntry, changes: () => BatchItem<"sqlite">[] = () => []): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const prevHash = await chainHead(db);
    const event = auditEventFields(context, entry);
    const hash = await hashAuditEvent(prevHash, event);
    const insert = db.insert(auditEvents).values({ ...event, prevHash, hash });
    try {
      await db.batch([insert, ...changes()]);
      return;
    } catch (error) {
      if (attempt < MAX_CHAIN_RETRIES && isChainRace(error)) {
        // Another writer extended the chain first; back off a little, with jitter, and chain onto the new head.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * (attempt + 1)));
        continue;
      }
      throw error;
    }
  }
}

export interface ChainVerification {
  ok: boolean;
  events: number;
  firstBrokenSeq: number | null;
  /** Every event whose link or hash does not match (the first 100), each judged against its own stored predecessor. */
  brokenSeqs: number[];
}

export interface ChainRow {
  seq: number;
  hash: string;
  /** 1 for the oldest event, counting rows as they are now. */
  ordinal: number;
}

const VERIFY_PAGE = 1000;
const MAX_BROKEN_LISTED = 100;

/**
 * Recomputes every hash from the genesis, a page at a time: any edited, inserted or deleted row
 * breaks the chain. It goes on past a break (linking each row to its stored predecessor), so one
 * altered row is reported as exactly that row, and `visit` sees every stored hash for the checkpoints.
 */
export async function verifyAuditChain(db: Database, visit?: (row: ChainRow) => void): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  let after = 0;
  let events = 0;
  const brokenSeqs: number[] = [];
  let firstBrokenSeq: number | null = null;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, after)).orderBy(auditEvents.seq).limit(VERIFY_PAGE);
    for (const row of rows) {
      const { seq, prevHash, hash, ...event } = row;
      events++;
      if (prevHash !== prev || (await hashAuditEvent(prevHash, event)) !== hash) {
        firstBrokenSeq ??= seq;
        if (brokenSeqs.length < MAX_BROKEN_LISTED) brokenSeqs.push(seq);
      }
      visit?.({ seq, hash, ordinal: events });
      prev = hash;
      after = seq;
    }
    if (rows.length < VERIFY_PAGE) break;
  }
  return { ok: firstBrokenSeq === null, events, firstBrokenSeq, brokenSeqs };
}
