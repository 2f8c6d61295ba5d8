/**
 * A generated report for `npm run bench -- --only report`: 188 narratives of 3-6 pages each
 * (about 500 words a page, in the house structure: summary, prioritized recommendations as a
 * bullet list, prosecution, protection with a numbered list now and then, prevention, profile;
 * bold, italic and links as officers use them) and 20 report sections, from a seeded PRNG, so
 * every run compiles the same text. Sections carry ProseMirror JSON and our renderer's HTML, as
 * recorded snapshots do. Runs in Node and in workerd alike (no I/O).
 */
import type { JSONContent } from "@tiptap/core";
import { NARRATIVE_SECTIONS } from "#shared/document-shape.ts";
import { FIGURE_FIELD_KEYS, sumByRegion, type Figures } from "#shared/law-enforcement.ts";
import { REGIONS } from "#shared/regions.ts";
import { renderHtml } from "#shared/render-document.ts";
import { REPORT_SECTIONS } from "#shared/report-sections.ts";
import { summarisePlacements } from "#shared/tier-placements.ts";
import { TIER_CODES, type TierCode } from "#shared/tiers.ts";
import type { GatheredEntry, GatheredReport } from "../../worker/report/compile.ts";
import { prng } from "../../test/support/prng.ts";

const SUBJECTS = [
  "The government",
  "Authorities",
  "The anti-trafficking task force",
  "Police",
  "Prosecutors",
  "The Ministry of Labor",
  "Courts",
  "Civil society organizations",
  "The national referral mechanism",
  "Labor inspectors",
  "Border officials",
  "The interagency committee",
];
const VERBS = [
  "reported",
  "investigated",
  "prosecuted",
  "identified",
  "referred",
  "trained",
  "maintained",
  "increased",
  "decreased",
  "did not report",
  "continued to implement",
  "drafted",
  "allocated",
  "screened",
];
const OBJECTS = [
  "trafficking cases",
  "potential victims among vulnerable populations",
  "forced labor cases in agriculture and fishing",
  "sex trafficking cases involving children",
  "officials complicit in trafficking crimes",
  "migrant workers in domestic service",
  "victim identification procedures",
  "funding for shelters and NGO services",
  "its national action plan",
  "labor recruitment agencies charging worker fees",
  "judges and prosecutors on the anti-trafficking law",
  "undocumented migrants at border crossings",
];
const CLAUSES = [
  "compared with the previous reporting period",
  "although services remained inadequate in rural areas",
  "in partnership with international organizations",
  "despite credible reports of official complicity",
  "which hindered victim-centered investigations",
  "but did not consistently screen for trafficking indicators",
  "an increase from the previous year",
  "and courts issued sentences of up to 15 years' imprisonment",
  "while limited resources impeded implementation",
  "through a dedicated hotline operated by an NGO",
];
const LAWS = ["Anti-Trafficking in Persons Act", "Penal Code", "Labor Code", "Child Protection Act", "Immigration Act"];

export interface CorpusOptions {
  narratives: number;
  sections: number;
  seed: number;
}

function corpus(options: CorpusOptions) {
  const random = prng(options.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  function sentence(): JSONContent[] {
    const parts: JSONContent[] = [{ type: "text", text: `${pick(SUBJECTS)} ${pick(VERBS)} ${between(2, 480)} ${pick(OBJECTS)}, ${pick(CLAUSES)}. ` }];
    const roll = random();
    if (roll < 0.08)
      parts.push(
        { type: "text", text: `the ${pick(LAWS)}`, marks: [{ type: "italic" }] },
        { type: "text", text: ` criminalized sex trafficking and labor trafficking. ` },
      );
    else if (roll < 0.11)
      parts.push(
        { type: "text", text: "did not fully meet", marks: [{ type: "bold" }] },
        { type: "text", text: " the minimum standards in several key areas. " },
      );
    else if (roll < 0.125)
      parts.push(
        {
          type: "text",
          text: "according to an international organization",
          marks: [
            {
              type: "link",
              attrs: { href: `https://www.example.org/reports/${between(1000, 9999)}`, target: null, rel: "noopener noreferrer nofollow", class: null },
            },
          ],
        },
        { type: "text", text: ". " },
      );
    return parts;
  }
  const words = (nodes: JSONContent[]) => nodes.reduce((n, t) => n + (t.text?.split(" ").length ?? 0), 0);

  function paragraph(targetWords: number): JSONContent {
    const content: JSONContent[] = [];
    while (words(content) < targetWords) content.push(...sentence());
    content[content.length - 1] = { ...content.at(-1)!, text: content.at(-1)!.text!.trimEnd() };
    return { type: "paragraph", content };
  }
  const list = (type: "bulletList" | "orderedList", items: number, wordsEach: number): JSONContent => ({
    type,
    ...(type === "orderedList" ? { attrs: { start: 1, type: null } } : {}),
    content: Array.from({ length: items }, () => ({ type: "listItem", content: [paragraph(wordsEach)] })),
  });
  /** A section of about `target` words: paragraphs of 80-160 words, now and then a list. */
  function prose(target: number, lists: boolean): JSONContent {
    const content: JSONContent[] = [];
    let written = 0;
    while (written < target) {
      if (lists && random() < 0.12) {
        content.push(list("orderedList", between(3, 5), 18));
        written += 70;
      } else {
        const n = between(80, 160);
        content.push(paragraph(n));
        written += n;
      }
    }
    return { type: "doc", content };
  }

  const sectionOf = (key: string, label: string, doc: JSONContent) => ({ key, label, html: renderHtml(doc), text: "", json: JSON.stringify(doc) });
  return { random, between, pick, prose, list, sectionOf };
}

/** The tier placements and law-enforcement tables a cycle with these countries would print. */
function tables(
  year: number,
  countries: { id: string; name: string; regionCode: string; tier: TierCode }[],
  random: () => number,
): Pick<GatheredReport, "tierPlacements" | "lawEnforcement"> {
  const previous = new Map(countries.map((c) => [c.id, TIER_CODES[Math.floor(random() * 4)]!]));
  const summary = summarisePlacements(
    countries.map((c) => ({ countryId: c.id, name: c.name, regionCode: c.regionCode, tier: c.tier, status: "final" as const })),
    previous,
  );
  const figures = countries.map((c) => ({
    regionCode: c.regionCode,
    figures: Object.fromEntries(FIGURE_FIELD_KEYS.map((k) => [k, Math.floor(random() * 300)])) as Figures,
  }));
  const sums = sumByRegion(figures);
  const regionName = (code: string) => REGIONS.find((r) => r.code === code)!.name;
  return {
    tierPlacements: {
      year,
      previousYear: year - 1,
      source: "cycle",
      previousSource: "tier_history",
      partial: false,
      hiddenCountries: 0,
      availableYears: [year, year - 1],
      ...summary,
    },
    lawEnforcement: {
      cycleYear: year,
      partial: false,
      hiddenCountries: 0,
      reportingYear: year - 1,
      current: { year: year - 1, global: sums.global, regions: sums.regions.map((r) => ({ ...r, regionName: regionName(r.regionCode) })) },
      published: [],
    },
  };
}

/** Every entry in report order; `draftEvery` marks every n-th narrative as not cleared (a preview). */
export function generateReport(options: CorpusOptions & { year?: number; draftEvery?: number }): GatheredReport {
  const year = options.year ?? 2025;
  const { random, between, pick, prose, list, sectionOf } = corpus(options);
  const entries: GatheredEntry[] = [];
  for (let i = 0; i < options.sections; i++) {
    const meta = REPORT_SECTIONS[i % REPORT_SECTIONS.length]!;
    const doc = prose(between(1200, 3000), true);
    doc.content!.splice(2, 0, { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Findings of the reporting period" }] });
    entries.push({
      documentId: `${year}-section-${meta.key}-${i}`,
      kind: "report_section",
      title: meta.title,
      state: "cleared",
      sortOrder: i,
      countryId: null,
      country: null,
      regionCode: null,
      sectionKey: meta.key,
      tier: null,
      snapshotHash: "0".repeat(64),
      sections: [sectionOf("body", "Body", doc)],
    });
  }
  const countries: { id: string; name: string; regionCode: string; tier: TierCode }[] = [];
  for (let i = 0; i < options.narratives; i++) {
    const region = REGIONS[i % REGIONS.length]!;
    const name = `Country ${String(i + 1).padStart(3, "0")}`;
    const tier = pick(TIER_CODES);
    countries.push({ id: `country-${i + 1}`, name, regionCode: region.code, tier });
    // 3-6 pages of about 500 words, split as the house structure weighs its sections.
    const total = between(3, 6) * 500;
    const share = { summary: 0.08, recommendations: 0.1, prosecution: 0.24, protection: 0.24, prevention: 0.16, profile: 0.18 };
    const sections = NARRATIVE_SECTIONS.map((s) => {
      const target = Math.round(total * share[s.key as keyof typeof share]);
      const doc =
        s.key === "recommendations"
          ? { type: "doc", content: [list("bulletList", between(8, 14), Math.round(target / 11))] }
          : prose(target, s.key === "protection");
      return sectionOf(s.key, s.label, doc);
    });
    const draft = options.draftEvery ? i % options.draftEvery === 0 : false;
    entries.push({
      documentId: `${year}-country-${i + 1}`,
      kind: "country_narrative",
      title: name,
      state: draft ? "in_clearance" : "cleared",
      sortOrder: i,
      countryId: `country-${i + 1}`,
      country: name,
      regionCode: region.code,
      sectionKey: null,
      tier,
      snapshotHash: "0".repeat(64),
      sections,
    });
  }
  return {
    year,
    edition: options.draftEvery ? "preview" : "published",
    manifestHash: options.draftEvery ? null : "f".repeat(64),
    entries,
    ...tables(year, countries, random),
  };
}
