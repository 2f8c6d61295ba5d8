/**
 * Sets a report cycle's real milestones (the demo places them relative to the load date).
 *   npm run cycle:set -- --year 2025 --drafting-due 2025-01-15 --review-due 2025-03-01 \
 *     --clearance-due 2025-04-15 --final-clearance-due 2025-05-30 --release 2025-06-24 [--status drafting] [--remote]
 */
import { parseArgs } from "node:util";
import { CYCLE_STATUSES, milestoneOrderProblem, type CycleMilestones } from "#shared/cycles.ts";
import { targetFlag, wrangler } from "./wrangler.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    year: { type: "string" },
    "drafting-due": { type: "string" },
    "review-due": { type: "string" },
    "clearance-due": { type: "string" },
    "final-clearance-due": { type: "string" },
    release: { type: "string" },
    status: { type: "string" },
    remote: { type: "boolean", default: false },
    local: { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(`cycle:set: ${message}`);
  process.exit(2);
}

const year = Number(values.year);
if (!Number.isInteger(year) || year < 2000 || year > 2100) fail("--year YYYY is required");
const isDate = (d: string | undefined): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));
const milestones: CycleMilestones = {
  draftingDue: values["drafting-due"] ?? "",
  reviewDue: values["review-due"] ?? "",
  clearanceDue: values["clearance-due"] ?? "",
  finalClearanceDue: values["final-clearance-due"] ?? "",
  releaseDate: values.release ?? "",
};
for (const [name, value] of Object.entries(milestones)) if (!isDate(value)) fail(`${name} must be a YYYY-MM-DD date (got "${value}")`);
const orderProblem = milestoneOrderProblem(milestones);
if (orderProblem) fail(orderProblem);
if (values.status && !(CYCLE_STATUSES as readonly string[]).includes(values.status)) fail(`--status must be one of ${CYCLE_STATUSES.join(", ")}`);

const set = [
  `drafting_due = '${milestones.draftingDue}'`,
  `review_due = '${milestones.reviewDue}'`,
  `clearance_due = '${milestones.clearanceDue}'`,
  `final_clearance_due = '${milestones.finalClearanceDue}'`,
  `release_date = '${milestones.releaseDate}'`,
  ...(values.status ? [`status = '${values.status}'`] : []),
  `updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
].join(", ");
const target = targetFlag(process.argv);
// RETURNING, because local D1 does not report how many rows changed.
const out = wrangler(["d1", "execute", "DB", target, "--json", `--command=UPDATE report_cycles SET ${set} WHERE year = ${year} RETURNING year`], {
  quiet: true,
});
const updated = (JSON.parse(out) as { results?: unknown[] }[])[0]?.results?.length ?? 0;
if (updated !== 1) fail(`no ${year} cycle in the ${target.slice(2)} database (load it first with npm run db:seed)`);
console.log(`The ${year} cycle now runs to a release on ${milestones.releaseDate} (${target.slice(2)} D1).`);
