/**
 * Every `error.code` the API answers with (`{error:{code,message,details,requestId}}`), and what
 * it means. The worker's ApiError accepts only these; the web compares against these, so a code
 * renamed on one side fails to compile on the other. The message is for people; the code is for
 * programs (and the details say more).
 */
export const ERROR_CODES = {
  // ---- Any route ----
  bad_request: "The input is understood but not acceptable (a missing comment, an invalid list); the message says what.",
  invalid_request: "The request does not match the route's schema (path, query or body), or the body is not JSON; details.issues lists each problem.",
  unauthenticated: "No valid sign-in (Cloudflare Access or the dev session).",
  not_a_user: "Signed in, but not a known, active user of this application.",
  forbidden: "The caller sees the thing but their roles do not allow this; details name the rule or required role.",
  not_found: "No such thing, or one the caller may not see (an invisible document is 404, never 403).",
  payload_too_large: "The request body (or uploaded file) is over the route's limit; details.maxSize.",
  cross_origin_refused: "A state-changing request or a room connection that did not come from this application's own pages.",
  upgrade_required: "The co-editing room speaks WebSocket only.",
  http_error: "A protocol-level failure the router raised (method, headers) with no more specific code.",
  internal_error: "An unexpected failure on the server; quote the request id.",
  dev_auth_refused: "The dev sign-in is not available here (production, or not enabled).",

  // ---- Workflow actions (shared/workflow.ts and perform-action) ----
  stale_version: "The document changed since the caller loaded it; details.current has its state and version. Nothing changed.",
  wrong_state: "Not possible in the document's current workflow state; details.state.",
  action_not_offered: "The action is not taken on a single document.",
  role_not_allowed: "None of the caller's roles on this document may take the action.",
  comment_required: "The action needs a comment saying why.",
  office_required: "A clearing action must name the office it clears for.",
  not_your_office: "The caller does not clear for the office named.",
  office_not_pending: "The office named has no clearance pending on this text.",
  already_cleared: "This office has already cleared this text.",
  approved_tier_required: "A country narrative enters clearance (or has its tier fixed) only with an approved tier recommendation.",
  no_clearance_list: "No office would clear the document: its clearance list (or the cycle's defaults) is empty.",
  blocking_comment: "Final clearance waits for blocking comments still open; details.threads.",
  text_changed: "The room's text differs from the text that was approved or cleared; nothing was recorded.",
  text_locked: "The text (and what goes with it) is locked from clearance on, until recalled or reopened.",
  office_pending: "Clearance has started and the office has not cleared: it cannot be dropped or made an information office.",

  // ---- Tiers and figures ----
  not_a_narrative: "Only country narratives carry a tier and law-enforcement figures.",
  tier_rule: "The statute does not allow this tier placement; details name the clause, the required and allowed tiers.",
  no_pending_recommendation: "There is no tier recommendation waiting for a decision.",
  invalid_figures: "The law-enforcement figures break a rule (negative, a part larger than its whole); details.errors.",

  // ---- Comments and suggestions ----
  unknown_section: "The document has no section of that key.",
  anchor_mismatch: "The selected range does not cover the quoted words (or could not be placed).",
  quote_not_found: "The quoted words do not appear (exactly once) within one paragraph of the section.",
  reason_required: "Rejecting a suggestion needs a reason.",
  wrong_thread_kind: "The decision applies to the other kind of thread (comment vs suggestion).",
  thread_state: "The thread's state does not allow this decision now.",
  suggestion_outdated: "The quoted words changed since the suggestion was made; it is marked outdated and nothing was applied.",

  // ---- Word import ----
  multipart_required: "The upload must be a multipart form.",
  bad_upload: "The upload could not be read as a form.",
  file_required: "The form has no file in the expected field.",
  empty_file: "The uploaded file is empty.",
  not_docx: "The file is not a Word document (.docx); details.detected.",
  docx_too_large: "The document's text is too large to convert.",
  docx_unconvertible: "The Word document's text could not be converted for the editor.",
  empty_document: "The Word document has no text to import.",

  // ---- Cycles, release, report ----
  cycle_exists: "That report cycle is already open.",
  not_next_cycle: "A newer cycle exists: only the year after it can be opened.",
  previous_not_released: "The previous cycle has not been released yet.",
  already_released: "The cycle was already released.",
  nothing_to_release: "The cycle has no documents.",
  not_all_cleared: "Some documents have no final clearance; details.blockers lists them in report order.",
  cleared_text_missing: "A cleared document has no recorded cleared text.",
  release_raced: "A document changed while the report was being released; nothing was released.",
  not_published: "The year's report has not been released: there is no published edition yet.",
  report_document_failed: "Compiling the report failed on one document; details name it (documentId, title, cause).",
  report_render_failed: "The compiled report could not be written (the Word file).",

  // ---- Sources: the request for information and its submissions (docs/sources.md) ----
  file_type_refused:
    "A submission's file is not PDF, Word, PNG, JPEG, GIF or WebP by its bytes (HTML, SVG, scripts refused whatever the name); details.detected. Nothing was filed.",
  too_many_files: "A submission takes at most five files; details.maxFiles.",
  unknown_country: "The submission names a country id that does not exist; details.unknown.",
  too_many_rows: "The submissions CSV has more rows than one import takes; details.maxRows.",

  // ---- Administration, imports, audit ----
  email_taken: "Another user already has that e-mail address.",
  grant_exists: "The user already holds that grant.",
  last_active_admin: "The change would leave no active administrator.",
  unknown_reference: "The grant names a region, country or office that does not exist.",
  import_rejected: "A CSV import found problems and imported nothing; details is the full report.",
  malformed_csv: "The CSV could not be parsed.",
  audit_signing_key: "No audit signing key is configured, so no checkpoint can be written.",
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes in the order above (the OpenAPI error schema's enum). */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];
