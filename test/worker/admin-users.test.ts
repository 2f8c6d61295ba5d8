import { describe, expect, it } from "vitest";
import { AS, call, json } from "../helpers/api.ts";

let counter = 0;
const uniqueEmail = (prefix: string) => `${prefix}.${Date.now()}.${++counter}@tip.example.gov`;

async function createUser(grants: unknown[] = [{ role: "drafter", scopeType: "region", regionCode: "WHA" }]) {
  const res = await call(AS.admin, "/api/admin/users", { body: { email: uniqueEmail("new"), name: "New Officer", grants } });
  expect(res.status).toBe(201);
  return json(res);
}

describe("/api/admin/users", () => {
  it("is for admins only: a drafter gets 403", async () => {
    expect((await call(AS.drafterAF, "/api/admin/users")).status).toBe(403);
    expect((await call(AS.drafterAF, "/api/admin/users", { body: { email: "x@y.gov", name: "X" } })).status).toBe(403);
  });

  it("adds a user with a grant, who can then sign in and see their region", async () => {
    const user = await createUser();
    expect(user.grants).toMatchObject([{ role: "drafter", scopeType: "region", regionCode: "WHA" }]);
    const docs = await json(await call(user.id, "/api/cycles/2025/documents"));
    expect(docs.counts.total).toBe(35);
  });

  it("a revoked grant takes effect on the very next request", async () => {
    const user = await createUser();
    expect((await call(user.id, "/api/documents/2025-haiti")).status).toBe(200);
    const revoke = await call(AS.admin, `/api/admin/users/${user.id}/grants/${user.grants[0].id}`, { method: "DELETE" });
    expect(revoke.status).toBe(200);
    expect((await call(user.id, "/api/documents/2025-haiti")).status).toBe(404);
  });

  it("a deactivated user gets 403 on the next request", async () => {
    const user = await createUser();
    expect((await call(user.id, "/api/me")).status).toBe(200);
    const patch = await call(AS.admin, `/api/admin/users/${user.id}`, { method: "PATCH", body: { active: false } });
    expect(patch.status).toBe(200);
    const res = await call(user.id, "/api/me");
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("not_a_user");
  });

  it("refuses malformed grants with the rule named", async () => {
    const user = await createUser();
    const res = await call(AS.admin, `/api/admin/users/${user.id}/grants`, { body: { role: "clearer", scopeType: "global" } });
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toMatch(/office/);
    const unknownCountry = await call(AS.admin, `/api/admin/users/${user.id}/grants`, {
      body: { role: "drafter", scopeType: "country", countryId: "atlantis" },
    });
    expect(unknownCountry.status).toBe(400);
  });

  it("the last active admin cannot be deactivated or lose the admin grant", async () => {
    const { users } = await json(await call(AS.admin, "/api/admin/users"));
    const admins = users.filter((u: any) => u.active && u.grants.some((g: any) => g.role === "admin"));
    // Demo data has exactly one admin; make sure this test starts there.
    expect(admins.map((u: any) => u.id)).toEqual([AS.admin]);
    const deactivate = await call(AS.admin, `/api/admin/users/${AS.admin}`, { method: "PATCH", body: { active: false } });
    expect(deactivate.status).toBe(409);
    expect((await json(deactivate)).error.code).toBe("last_active_admin");
    const grant = admins[0].grants.find((g: any) => g.role === "admin");
    const revoke = await call(AS.admin, `/api/admin/users/${AS.admin}/grants/${grant.id}`, { method: "DELETE" });
    expect(revoke.status).toBe(409);
    expect((await call(AS.admin, "/api/me")).status).toBe(200);

    // With a second admin, the first may step down.
    const second = await createUser([{ role: "admin", scopeType: "global" }]);
    expect((await call(AS.admin, `/api/admin/users/${second.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect((await call(AS.admin, `/api/admin/users/${second.id}`, { method: "PATCH", body: { active: true } })).status).toBe(200);
  });

  describe("CSV import", () => {
    const good = (email: string) =>
      `email,name,role,scope,office,active\n${email},Imported Drafter,drafter,region:EUR,,true\n${email},Imported Drafter,reviewer,country:albania,,true`;

    it("dry run lists what would change and writes nothing", async () => {
      const email = uniqueEmail("dry");
      const res = await call(AS.admin, "/api/admin/users/import?dryRun=true", { body: good(email), headers: { "Content-Type": "text/csv" } });
      expect(res.status).toBe(200);
      const report = await json(res);
      expect(report).toMatchObject({ dryRun: true, applied: false, rejected: [], usersToCreate: [email] });
      expect(report.grantsToAdd).toHaveLength(2);
      const { users } = await json(await call(AS.admin, "/api/admin/users"));
      expect(users.some((u: any) => u.email === email)).toBe(false);
    });

    it("a file with bad rows changes nothing and names each bad row", async () => {
      const email = uniqueEmail("bad");
      const csv = [
        "email,name,role,scope,office,active",
        `${email},Fine Person,drafter,region:AF,,true`,
        "not-an-email,Someone,drafter,region:AF,,true",
        `${uniqueEmail("b")},Clearer Without Office,clearer,global,,true`,
        `${uniqueEmail("c")},Nowhere,drafter,region:XX,,true`,
        `${uniqueEmail("d")},Bad Role,emperor,global,,true`,
      ].join("\n");
      const res = await call(AS.admin, "/api/admin/users/import", { body: csv, headers: { "Content-Type": "text/csv" } });
      expect(res.status).toBe(422);
      const body = await json(res);
      expect(body.error.code).toBe("import_rejected");
      expect(body.error.details.rejected.map((r: any) => r.line)).toEqual([3, 4, 5, 6]);
      expect(body.error.details.rejected[1].reasons.join(" ")).toMatch(/office/);
      const { users } = await json(await call(AS.admin, "/api/admin/users"));
      expect(users.some((u: any) => u.email === email)).toBe(false);
    });

    it("a clean file creates the users and grants, and importing it again adds nothing", async () => {
      const email = uniqueEmail("ok");
      const first = await json(await call(AS.admin, "/api/admin/users/import", { body: good(email), headers: { "Content-Type": "text/csv" } }));
      expect(first).toMatchObject({ applied: true, usersToCreate: [email] });
      const again = await json(await call(AS.admin, "/api/admin/users/import", { body: good(email), headers: { "Content-Type": "text/csv" } }));
      expect(again).toMatchObject({ applied: true, usersToCreate: [], usersToUpdate: [], grantsToAdd: [] });
      const { users } = await json(await call(AS.admin, "/api/admin/users"));
      expect(users.filter((u: any) => u.email === email)[0].grants).toHaveLength(2);
    });
  });
});
