import { describe, expect, it } from "vitest";
import { ERROR_CODE_LIST } from "#shared/api/error-codes.ts";
import { AS, call, json } from "../helpers/api.ts";

const EXPECTED_ROUTES = [
  "get /auth/dev/users",
  "post /auth/dev/login",
  "post /auth/logout",
  "get /api/me",
  "get /api/me/inbox",
  "get /api/cycles",
  "post /api/cycles",
  "get /api/cycles/{year}",
  "get /api/cycles/{year}/documents",
  "get /api/cycles/{year}/progress",
  "post /api/cycles/{year}/release",
  "get /api/cycles/{year}/law-enforcement",
  "get /api/cycles/{year}/report",
  "get /api/cycles/{year}/report.html",
  "get /api/cycles/{year}/report.docx",
  "get /api/cycles/{year}/report.json",
  "get /api/documents/{id}",
  "get /api/documents/{id}/room",
  "get /api/documents/{id}/history",
  "post /api/documents/{id}/actions",
  "get /api/documents/{id}/clearances",
  "put /api/documents/{id}/clearances/list",
  "get /api/documents/{id}/snapshots",
  "get /api/documents/{id}/snapshots/{hash}",
  "get /api/documents/{id}/snapshots/{a}/diff/{b}",
  "get /api/documents/{id}/figures",
  "put /api/documents/{id}/figures",
  "post /api/documents/{id}/tier",
  "post /api/documents/{id}/tier/decision",
  "get /api/documents/{id}/comments",
  "post /api/documents/{id}/comments",
  "post /api/documents/{id}/comments/{cid}/replies",
  "post /api/documents/{id}/comments/{cid}/resolve",
  "post /api/documents/{id}/comments/{cid}/reopen",
  "post /api/documents/{id}/comments/{cid}/accept",
  "post /api/documents/{id}/import-docx",
  "post /api/documents/{id}/import-docx/apply",
  "post /api/documents/{id}/comments/{cid}/reject",
  "get /api/cycles/{year}/comments",
  "get /api/admin/users",
  "post /api/admin/users",
  "patch /api/admin/users/{userId}",
  "post /api/admin/users/{userId}/grants",
  "delete /api/admin/users/{userId}/grants/{grantId}",
  "post /api/admin/users/import",
  "get /api/audit",
  "get /api/audit/verify",
  "get /api/audit/export",
  "post /api/audit/checkpoints",
  "get /api/cycles/{year}/tier-placements",
  "post /api/tier-history/import",
  "get /api/countries/{id}/tier-history",
  "get /api/cycles/{year}/rfi",
  "put /api/cycles/{year}/rfi",
  "get /api/cycles/{year}/submissions",
  "post /api/cycles/{year}/submissions",
  "post /api/cycles/{year}/submissions/import",
  "get /api/cycles/{year}/sources/coverage",
  "get /api/submissions/{id}",
  "put /api/submissions/{id}",
  "get /api/submissions/{id}/files/{fileId}",
  "get /api/documents/{id}/sources",
];

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3 document listing every route with its parameters and error responses", async () => {
    const res = await call(AS.drafterAF, "/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBeTruthy();
    const listed = Object.entries(doc.paths).flatMap(([path, item]: [string, any]) => Object.keys(item).map((m) => `${m} ${path}`));
    expect(listed.sort()).toEqual([...EXPECTED_ROUTES].sort());
    for (const [, item] of Object.entries<any>(doc.paths)) {
      for (const op of Object.values<any>(item)) {
        expect(op.responses).toBeTruthy();
        expect(op.summary).toBeTruthy();
      }
    }
    const list = doc.paths["/api/cycles/{year}/documents"].get;
    expect(list.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(["year", "region", "kind", "state", "tier", "mine"]));
    expect(doc.components.schemas.Error).toBeTruthy();
  });

  it("lists every error code in the Error schema, so clients can switch on them", async () => {
    const doc = await json(await call(AS.drafterAF, "/api/openapi.json"));
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(ERROR_CODE_LIST);
  });

  it("has a readable reference page", async () => {
    const res = await call(AS.drafterAF, "/api/reference");
    expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
    const page = await res.text();
    for (const route of EXPECTED_ROUTES) expect(page).toContain(route.split(" ")[1]);
  });
});
