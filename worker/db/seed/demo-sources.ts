/**
 * The demo's request for information and submissions (docs/sources.md). The cycle's request
 * carries the 2024 statement (shared/data/tip-2024-rfi.txt) with its years moved on and a deadline
 * a week after the day the demo is loaded, so the coverage page shows a request about to close.
 * The demo submissions (filed by the demo admin, no files) give Nigeria 14, a few other countries
 * some, and most none. Ids are fixed, so loading again adds nothing.
 */
import { addDays } from "#shared/cycles.ts";
import type { SourceTopic } from "#shared/sources.ts";
import { insert } from "./sql-text.ts";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const longDate = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}, ${iso.slice(0, 4)}`;

/** The 2024 statement as the cycle's notice: its report year and deadline replaced, its date line the opening date. */
export function rfiNotice(text2024: string, year: number, opensOn: string, deadline: string): string {
  return text2024
    .replace(/November 9, 2023/, longDate(opensOn))
    .replace(/The deadline for submission is [^.]+\d{4}\./, `The deadline for submission is ${longDate(deadline)}.`)
    .replace(/\b2024 (Trafficking in Persons|TIP) Report/g, `${year} $1 Report`)
    .trim();
}

interface DemoSubmission {
  organisation: string;
  contact: string;
  /** Days before the load date it was received. */
  daysAgo: number;
  countries: string[];
  topics: SourceTopic[];
  summary: string;
}

const NG = "nigeria";
export const DEMO_SUBMISSIONS: readonly DemoSubmission[] = [
  {
    organisation: "Lagos Survivors' Network (demo)",
    contact: "info@lsn.example.org",
    daysAgo: 2,
    countries: [NG],
    topics: ["protection"],
    summary: "Shelter capacity in Lagos State fell after two NGO shelters closed; survivors waited weeks for placement.",
  },
  {
    organisation: "West Africa Labour Rights Watch (demo)",
    contact: "research@walrw.example.org",
    daysAgo: 4,
    countries: [NG, "ghana"],
    topics: ["prosecution", "profile"],
    summary: "Court monitoring of 11 forced-labour cases in Lagos and Accra; most adjourned more than five times.",
  },
  {
    organisation: "Benue Child Protection Forum (demo)",
    contact: "forum@bcpf.example.org",
    daysAgo: 6,
    countries: [NG],
    topics: ["protection", "prevention"],
    summary: "Children displaced by farmer-herder violence recruited into domestic servitude in Makurdi; no screening in camps.",
  },
  {
    organisation: "University of Ibadan, Migration Research Group (demo)",
    contact: "mrg@ui.example.edu",
    daysAgo: 9,
    countries: [NG],
    topics: ["profile"],
    summary: "Survey of 400 returnees from Libya: recruitment through social media and debt bondage en route.",
  },
  {
    organisation: "Edo State Task Force partners (demo)",
    contact: "",
    daysAgo: 11,
    countries: [NG],
    topics: ["prosecution"],
    summary: "Convictions under the state anti-trafficking law, 2024-25, with sentences; several suspended sentences noted.",
  },
  {
    organisation: "Sahel Migrants Aid (demo)",
    contact: "aid@sma.example.org",
    daysAgo: 13,
    countries: [NG, "niger"],
    topics: ["protection", "profile"],
    summary: "Nigerian women identified in Agadez transit houses; limited repatriation support and no reintegration plan.",
  },
  {
    organisation: "Abuja Legal Aid Clinic (demo)",
    contact: "clinic@ala.example.org",
    daysAgo: 16,
    countries: [NG],
    topics: ["prosecution", "protection"],
    summary: "Victims detained for immigration offences before being identified; two cases of victims prosecuted.",
  },
  {
    organisation: "Faith Against Trafficking Coalition (demo)",
    contact: "",
    daysAgo: 18,
    countries: [NG],
    topics: ["prevention"],
    summary: "Awareness campaign in Benin City schools reached 30,000 students; attached posters may be featured.",
  },
  {
    organisation: "Gulf Domestic Workers Project (demo)",
    contact: "gdwp@example.org",
    daysAgo: 21,
    countries: [NG, "bahrain"],
    topics: ["profile", "protection"],
    summary: "Nigerian domestic workers recruited for Bahrain with passports confiscated on arrival; embassy referrals slow.",
  },
  {
    organisation: "NAPTIP watchers' group (demo)",
    contact: "",
    daysAgo: 24,
    countries: [NG],
    topics: ["prosecution"],
    summary: "Budget execution of the national anti-trafficking agency below half of appropriation; fewer investigators in the north.",
  },
  {
    organisation: "Kano Street Children Initiative (demo)",
    contact: "kano@ksci.example.org",
    daysAgo: 27,
    countries: [NG],
    topics: ["protection", "profile"],
    summary: "Almajiri children forced to beg; state relocation programme without trafficking screening.",
  },
  {
    organisation: "Global Fisheries Transparency (demo)",
    contact: "gft@example.org",
    daysAgo: 30,
    countries: [NG, "ghana", "cameroon"],
    topics: ["profile"],
    summary: "Forced labour on foreign-flagged trawlers in the Gulf of Guinea; crews from Nigeria, Ghana and Cameroon.",
  },
  {
    organisation: "Anonymous survivor (demo)",
    contact: "via Lagos Survivors' Network",
    daysAgo: 33,
    countries: [NG],
    topics: ["protection"],
    summary: "First-hand account of identification and shelter; asks that details not be published.",
  },
  {
    organisation: "Nigerian Bar Association, Human Rights Section (demo)",
    contact: "hr@nba.example.org",
    daysAgo: 36,
    countries: [NG],
    topics: ["prosecution", "prevention"],
    summary: "Proposed amendments to the 2015 Act; judges' training on victim-centred procedure.",
  },
  {
    organisation: "East Africa Recruitment Monitor (demo)",
    contact: "earm@example.org",
    daysAgo: 5,
    countries: ["kenya"],
    topics: ["prevention"],
    summary: "Licensed recruitment agencies charging workers fees for Gulf jobs despite the ban.",
  },
  {
    organisation: "Nairobi Shelter Alliance (demo)",
    contact: "",
    daysAgo: 15,
    countries: ["kenya"],
    topics: ["protection"],
    summary: "Shelter referrals from police rose; no government funding for NGO shelters.",
  },
  {
    organisation: "South Asia Bonded Labour Study (demo)",
    contact: "sabl@example.edu",
    daysAgo: 8,
    countries: ["india", "nepal"],
    topics: ["profile", "prosecution"],
    summary: "Brick-kiln bonded labour across the border; release certificates issued late.",
  },
  {
    organisation: "Amazon Labour Inspectors' Association (demo)",
    contact: "",
    daysAgo: 12,
    countries: ["brazil"],
    topics: ["prosecution", "protection"],
    summary: "Rescue operations from cattle ranches; compensation paid to workers in a minority of cases.",
  },
  {
    organisation: "Mekong Fishers' Rights (demo)",
    contact: "mfr@example.org",
    daysAgo: 20,
    countries: ["thailand", "philippines"],
    topics: ["profile"],
    summary: "Deceptive recruitment of Filipino fishers onto Thai-owned vessels.",
  },
];

export const demoSubmissionId = (index: number) => `sub_demo${String(index + 1).padStart(4, "0")}`;

export function demoSourceStatements(year: number, loadedOn: string, filedBy: string): string[] {
  const statements: string[] = [];
  DEMO_SUBMISSIONS.forEach((s, i) => {
    const id = demoSubmissionId(i);
    const receivedOn = addDays(loadedOn, -s.daysAgo);
    statements.push(
      insert("submissions", {
        id,
        cycle_year: year,
        organisation: s.organisation,
        contact: s.contact,
        received_on: receivedOn,
        topics: JSON.stringify(s.topics),
        summary: s.summary,
        link: null,
        filed_by: filedBy,
        filed_at: `${receivedOn}T15:00:00.000Z`,
      }),
    );
    for (const country of s.countries) statements.push(insert("submission_countries", { submission_id: id, country_id: country }));
  });
  return statements;
}

/** The cycle's request: opened three weeks before the load date, closing a week after it. */
export function rfiStatements(year: number, loadedOn: string, text2024: string): string[] {
  const opensOn = addDays(loadedOn, -21);
  const deadline = addDays(loadedOn, 7);
  return [insert("request_for_information", { cycle_year: year, opens_on: opensOn, deadline, notice: rfiNotice(text2024, year, opensOn, deadline) })];
}
