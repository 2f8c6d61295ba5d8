/**
 * The report's own chapters, one document each per cycle, in the order of the 2024 report's
 * table of contents (the two letters precede it). `key` is stable across cycles and forms the document id.
 * The seven Topics of Special Interest are one document; every other entry of the table is its own
 * (State-Sponsored Trafficking too: it has its own heading and page, and its "policy or pattern"
 * list is another list than the CSPA's, so folding it into the CSPA list would mislabel it).
 */
export const REPORT_SECTIONS = [
  { key: "secretary-letter", title: "Letter from the Secretary" },
  { key: "ambassador-letter", title: "Letter from the Ambassador-at-Large" },
  { key: "introduction", title: "Introduction" },
  { key: "human-trafficking-defined", title: "Human Trafficking Defined" },
  { key: "understanding-human-trafficking", title: "Understanding Human Trafficking" },
  { key: "topics-of-special-interest", title: "Topics of Special Interest" },
  { key: "child-soldiers-prevention-act-list", title: "Child Soldiers Prevention Act List" },
  { key: "state-sponsored-trafficking", title: "When the Government is the Trafficker: State-Sponsored Trafficking in Persons" },
  { key: "methodology", title: "Methodology" },
  { key: "tvpa-minimum-standards", title: "TVPA Minimum Standards for the Elimination of Trafficking in Persons" },
  { key: "non-party-countries", title: "Countries not Party to the Palermo Protocol" },
  { key: "global-law-enforcement-data", title: "Global Law Enforcement Data" },
  { key: "tip-report-heroes", title: "TIP Report Heroes" },
  { key: "tier-placements-and-maps", title: "Tier Placements and Regional Maps" },
  { key: "peacekeepers", title: "Stopping Human Trafficking and Sexual Exploitation and Abuse by International Peacekeepers and Civilian Personnel" },
  { key: "international-conventions", title: "Relevant International Conventions" },
  { key: "international-organizations", title: "International, Regional, and Sub-Regional Organizations Combating Trafficking in Persons" },
  { key: "child-soldiers-report", title: "Annual Report to Congress on the Use of Child Soldiers" },
  { key: "glossary", title: "Glossary of Abbreviations" },
  { key: "photo-credits", title: "Photo Credits" },
  { key: "acknowledgments", title: "Acknowledgments" },
] as const;

export type ReportSectionKey = (typeof REPORT_SECTIONS)[number]["key"];
