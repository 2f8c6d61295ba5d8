/** /api/documents/:id/tier — a narrative's tier recommendation and the reviewer's decision on it. */
import { createRoute } from "@hono/zod-openapi";
import { DocumentDetailSchema } from "#shared/api/documents.ts";
import { TierDecisionSchema, TierProposalSchema } from "#shared/api/tiers.ts";
import { requireUser } from "../auth/identity.ts";
import { database } from "../db/client.ts";
import { createRouter, errorResponse, jsonContent, writeErrors } from "../http/router.ts";
import { documentDetail } from "../documents/document-detail.ts";
import { decideTier, proposeTier } from "../tiers/tier-recommendation.ts";
import { DocumentIdParam } from "./documents.ts";

export const documentTierRoutes = createRouter();

const responses = {
  200: jsonContent(DocumentDetailSchema, "The document with its tier recommendations"),
  ...writeErrors,
  409: errorResponse("Stale version, not a narrative, past review, or nothing to decide"),
  422: errorResponse("The statute's tier rules do not allow this placement; `details.clause` names the rule and `details.rule` quotes it"),
};

documentTierRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{id}/tier",
    summary: "Propose this year's tier for a country narrative (its drafters); supersedes earlier proposals",
    tags: ["Tiers"],
    request: { params: DocumentIdParam, body: { required: true, content: { "application/json": { schema: TierProposalSchema } } } },
    responses,
  }),
  async (c) => {
    const user = await requireUser(c);
    const doc = await proposeTier(c.env, { user, requestId: c.get("requestId") }, c.req.valid("param").id, c.req.valid("json"));
    return c.json(await documentDetail(database(c.env), user, doc), 200);
  },
);

documentTierRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{id}/tier/decision",
    summary: "Approve or reject the pending tier recommendation (the narrative's reviewer), or fix the final tier (leadership, in final review)",
    description:
      "Moves nothing in the text workflow by itself; approving a narrative for clearance requires an approved tier. Approval and the final tier are checked against the statute's rules again, since the tier history may have changed. Final clearance fixes the approved tier if leadership has not fixed one.",
    tags: ["Tiers"],
    request: { params: DocumentIdParam, body: { required: true, content: { "application/json": { schema: TierDecisionSchema } } } },
    responses,
  }),
  async (c) => {
    const user = await requireUser(c);
    const doc = await decideTier(c.env, { user, requestId: c.get("requestId") }, c.req.valid("param").id, c.req.valid("json"));
    return c.json(await documentDetail(database(c.env), user, doc), 200);
  },
);
