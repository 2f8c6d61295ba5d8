/**
 * The audit hash rule as an outside verifier implements it (docs/audit.md): golden vectors. Each
 * event's canonical text is written out here by hand and hashed with WebCrypto, never with the
 * app's canonicalJson or hashAuditEvent; the hex values were computed outside the app (Python's
 * hashlib over the same UTF-8 bytes) and are pinned. The app's function must give the same, so a
 * change to the rule (key order, null handling, separator, encoding) fails here even though every
 * other audit test, which re-verifies with the app's own function, would still pass.
 */
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditEvent } from "../../worker/audit/audit-log.ts";

/** SHA-256 of the UTF-8 bytes, lower-case hex: what any verifier's standard library gives. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A workflow action with every field set: non-ASCII text, nested details whose keys come unsorted. */
const ACTION = {
  at: "2025-06-24T14:03:07.123Z",
  actorUserId: "demo-ambassador",
  actorEmail: "ambassador@tip.example.gov",
  action: "workflow.final_clear",
  subjectType: "document",
  subjectId: "2025-bahrain",
  documentId: "2025-bahrain",
  requestId: "req-golden-1",
  documentVersion: 7,
  snapshotHash: "ab".repeat(32),
  comment: "Cleared — see “notes”.",
  details: { to: "cleared", from: "final_review", tier: { label: "Tier 1", code: "tier1" }, offices: ["NEA", "DRL"] },
};
/** Keys sorted at every depth, no spaces, strings as JSON writes them (non-ASCII left as is), arrays in order. */
const ACTION_CANONICAL =
  '{"action":"workflow.final_clear","actorEmail":"ambassador@tip.example.gov","actorUserId":"demo-ambassador","at":"2025-06-24T14:03:07.123Z",' +
  '"comment":"Cleared — see “notes”.","details":{"from":"final_review","offices":["NEA","DRL"],"tier":{"code":"tier1","label":"Tier 1"},"to":"cleared"},' +
  `"documentId":"2025-bahrain","documentVersion":7,"requestId":"req-golden-1","snapshotHash":"${"ab".repeat(32)}","subjectId":"2025-bahrain","subjectType":"document"}`;
const ACTION_HASH = "75b7342f95f3ce27604cf8706b932f7bf807bcda7f7734e12ffafe6f27817127";

/** A system event chained onto it: no actor, no request, and the later fields null. */
const SYSTEM_EVENT = {
  at: "2025-06-24T15:00:00.000Z",
  actorUserId: null,
  actorEmail: null,
  action: "document.edit_session",
  subjectType: "document",
  subjectId: "2025-bahrain",
  documentId: "2025-bahrain",
  requestId: null,
  documentVersion: null,
  snapshotHash: null,
  comment: null,
  details: {},
};
/** documentVersion, snapshotHash and comment are left out when null; the other nulls stay. */
const SYSTEM_CANONICAL =
  '{"action":"document.edit_session","actorEmail":null,"actorUserId":null,"at":"2025-06-24T15:00:00.000Z","details":{},"documentId":"2025-bahrain","requestId":null,"subjectId":"2025-bahrain","subjectType":"document"}';
const SYSTEM_HASH = "c227ed8ff041dcc2650f3db5f300d59f2c6f109d54873d7b0a8ba32ca07f2df0";

describe('audit hash rule: sha256(prevHash + "\\n" + canonicalJson(event))', () => {
  it("the first event, from the genesis of 64 zeros: the written-out text hashes to the pinned value, and so does the app", async () => {
    expect(GENESIS_HASH).toBe("0".repeat(64));
    expect(await sha256(`${"0".repeat(64)}\n${ACTION_CANONICAL}`)).toBe(ACTION_HASH);
    expect(await hashAuditEvent(GENESIS_HASH, ACTION)).toBe(ACTION_HASH);
  });

  it("the next event links to it: later fields left out when null, other nulls kept", async () => {
    expect(await sha256(`${ACTION_HASH}\n${SYSTEM_CANONICAL}`)).toBe(SYSTEM_HASH);
    expect(await hashAuditEvent(ACTION_HASH, SYSTEM_EVENT)).toBe(SYSTEM_HASH);
  });
});
