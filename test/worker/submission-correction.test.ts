/**
 * PUT /api/submissions/{id}: correcting a filed submission (docs/sources.md). The fields change,
 * the files stay, the panels follow its countries, the trail keeps what it said before; nobody
 * may move a submission out of another region's sight or correct one they could not file.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SubmissionSchema } from "#shared/api/sources.ts";
import { AS, call, json } from "../helpers/api.ts";
import { FILES, fileOk, panelIds } from "../helpers/sources.ts";

const fields = (over: Record<string, unknown> = {}) => ({
  organisation: "Corrected Coalition",
  contact: "desk@corrected.example",
  receivedOn: "2025-01-15",
  countries: ["burundi"],
  topics: ["protection"],
  summary: "What the coalition saw, corrected.",
  link: null,
  ...over,
});

const put = (userId: string, id: string, body: unknown) => call(userId, `/api/submissions/${id}`, { method: "PUT", body });

describe("PUT /api/submissions/{id}", () => {
  it("corrects the fields and countries, keeps the files, and the panels follow", async () => {
    const filed = await fileOk(AS.drafterAF, { countries: ["djibouti"], files: [{ name: "evidence.pdf", bytes: FILES.pdf() }] });
    const res = await put(AS.drafterAF, filed.id, fields({ countries: ["burundi", "eritrea"], link: "https://corrected.example/report" }));
    expect(res.status).toBe(200);
    const corrected = await json(res, SubmissionSchema);
    expect(corrected).toMatchObject({
      id: filed.id,
      organisation: "Corrected Coalition",
      receivedOn: "2025-01-15",
      topics: ["protection"],
      summary: "What the coalition saw, corrected.",
      link: "https://corrected.example/report",
      filedAt: filed.filedAt,
    });
    expect(corrected.countries.map((c) => c.id)).toEqual(["burundi", "eritrea"]);
    expect(corrected.files.map((f) => f.fileName)).toEqual(["evidence.pdf"]);
    expect(await panelIds(AS.drafterAF, "2025-djibouti")).not.toContain(filed.id);
    expect(await panelIds(AS.drafterAF, "2025-eritrea")).toContain(filed.id);
    // The file still downloads.
    expect((await call(AS.drafterAF, corrected.files[0]!.href)).status).toBe(200);
  });

  it("is audited with the fields before and after", async () => {
    const filed = await fileOk(AS.reviewerAF, { countries: ["gabon"], summary: "First wording." });
    expect((await put(AS.reviewerAF, filed.id, fields({ countries: ["gabon"], summary: "Second wording." }))).status).toBe(200);
    const event = await env.DB.prepare("SELECT actor_user_id, details FROM audit_events WHERE action = 'submission.edit' AND subject_id = ?")
      .bind(filed.id)
      .first<{ actor_user_id: string; details: string }>();
    expect(event?.actor_user_id).toBe(AS.reviewerAF);
    expect(JSON.parse(event!.details)).toMatchObject({
      before: { summary: "First wording.", countries: ["gabon"] },
      after: { summary: "Second wording.", countries: ["gabon"] },
    });
  });

  it("refuses moving it to another region, correcting another region's, and readers; 404 where it is not visible; nothing changes", async () => {
    const filed = await fileOk(AS.drafterAF, { countries: ["chad"], summary: "Chad as filed." });
    const unchanged = async () => expect((await json(await call(AS.admin, `/api/submissions/${filed.id}`), SubmissionSchema)).summary).toBe("Chad as filed.");

    // Into another region's country: the AF drafter may not file for Bahrain.
    const moved = await put(AS.drafterAF, filed.id, fields({ countries: ["bahrain"] }));
    expect(moved.status).toBe(403);
    expect((await json(moved)).error.details.outside).toEqual(["bahrain"]);
    // A drafter of another region cannot see it at all.
    const other = await put(AS.drafterNEA, filed.id, fields({ countries: ["bahrain"] }));
    expect(other.status).toBe(404);
    expect((await json(other)).error.code).toBe("not_found");
    // A clearer reads it but does not file, so does not correct.
    expect((await put(AS.clearerBureauAF, filed.id, fields({ countries: ["chad"] }))).status).toBe(403);
    await unchanged();

    // An admin's submission for Chad and Bahrain: the AF drafter may not correct it (Bahrain is outside their grant).
    const mixed = await fileOk(AS.admin, { countries: ["chad", "bahrain"] });
    expect((await put(AS.drafterAF, mixed.id, fields({ countries: ["chad"] }))).status).toBe(403);
    expect((await json(await call(AS.admin, `/api/submissions/${mixed.id}`), SubmissionSchema)).countries.map((c) => c.id)).toEqual(["bahrain", "chad"]);
  });

  it("a bad field or an unknown country is refused with the error shape and changes nothing", async () => {
    const filed = await fileOk(AS.admin, { countries: ["niger"], summary: "Niger as filed." });
    const bad = await put(AS.admin, filed.id, fields({ receivedOn: "15 January" }));
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe("invalid_request");
    const unknown = await put(AS.admin, filed.id, fields({ countries: ["niger", "atlantis"] }));
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error).toMatchObject({ code: "unknown_country", details: { unknown: ["atlantis"] } });
    expect((await put(AS.admin, "sub_doesnotexist000000000", fields())).status).toBe(404);
    const now = await json(await call(AS.admin, `/api/submissions/${filed.id}`), SubmissionSchema);
    expect(now.summary).toBe("Niger as filed.");
    expect(now.countries.map((c) => c.id)).toEqual(["niger"]);
  });
});
