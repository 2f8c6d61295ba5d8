/**
 * Which shapes of the world map stand for which report country. Keyed by the report's own names
 * (the `country` column of data/tip-2024-tier-placements.csv); each names the shapes of the
 * `world-atlas` countries-50m file that carry its colour, by feature id (ISO 3166-1 numeric, as
 * world-atlas writes it) or, for the few features without one, by the feature's name.
 *
 * Rules (checked by test/shared/map-shapes.test.ts against the CSV and the atlas file):
 * - every report country is here, or in NO_SHAPE with the point where its marker goes;
 * - every key names a shape that exists;
 * - no shape stands for two countries, unless SHARED_SHAPES says so.
 * Shapes no country claims (Greenland, Western Sahara, territories the report does not place)
 * are drawn as "not in the report".
 *
 * Why 50m and not 110m: the 110m file drops about thirty of the report's small states (Bahrain,
 * Singapore, Malta, Maldives, most of the Caribbean and the Pacific), which would each need a
 * hand-kept coordinate; 50m has a shape for every one of the 188. It is bigger (756 KB, 236 KB
 * gzipped), but loads only with the map's own chunk. Tiny shapes still get a marker on screen
 * (the map draws one wherever a country's shapes are too small to see or hit).
 */
import { slugify } from "./documents.ts";

export const MAP_SHAPES: Readonly<Record<string, readonly string[]>> = {
  Afghanistan: ["004"],
  Albania: ["008"],
  Algeria: ["012"],
  Angola: ["024"],
  "Antigua and Barbuda": ["028"],
  Argentina: ["032"],
  Armenia: ["051"],
  Aruba: ["533"],
  // The atlas gives Ashmore and Cartier Islands Australia's id too: both are Australia's.
  Australia: ["036"],
  Austria: ["040"],
  Azerbaijan: ["031"],
  "Bahamas, The": ["044"],
  Bahrain: ["048"],
  Bangladesh: ["050"],
  Barbados: ["052"],
  Belarus: ["112"],
  Belgium: ["056"],
  Belize: ["084"],
  Benin: ["204"],
  Bhutan: ["064"],
  Bolivia: ["068"],
  "Bosnia and Herzegovina": ["070"],
  Botswana: ["072"],
  Brazil: ["076"],
  Brunei: ["096"],
  Bulgaria: ["100"],
  "Burkina Faso": ["854"],
  Burma: ["104"],
  Burundi: ["108"],
  "Cabo Verde": ["132"],
  Cambodia: ["116"],
  Cameroon: ["120"],
  Canada: ["124"],
  "Central African Republic": ["140"],
  Chad: ["148"],
  Chile: ["152"],
  China: ["156"],
  Colombia: ["170"],
  Comoros: ["174"],
  "Congo, Democratic Republic of": ["180"],
  "Congo, Republic of": ["178"],
  "Costa Rica": ["188"],
  "Cote d'Ivoire": ["384"],
  Croatia: ["191"],
  Cuba: ["192"],
  Curaçao: ["531"],
  Cyprus: ["196"],
  "Czech Republic (Czechia)": ["203"],
  Denmark: ["208"],
  Djibouti: ["262"],
  "Dominican Republic": ["214"],
  Ecuador: ["218"],
  Egypt: ["818"],
  "El Salvador": ["222"],
  "Equatorial Guinea": ["226"],
  Eritrea: ["232"],
  Estonia: ["233"],
  Eswatini: ["748"],
  Ethiopia: ["231"],
  Fiji: ["242"],
  Finland: ["246"],
  France: ["250"],
  Gabon: ["266"],
  "Gambia, The": ["270"],
  Georgia: ["268"],
  Germany: ["276"],
  Ghana: ["288"],
  Greece: ["300"],
  Guatemala: ["320"],
  Guinea: ["324"],
  "Guinea-Bissau": ["624"],
  Guyana: ["328"],
  Haiti: ["332"],
  Honduras: ["340"],
  "Hong Kong": ["344"],
  Hungary: ["348"],
  Iceland: ["352"],
  India: ["356"],
  Indonesia: ["360"],
  Iran: ["364"],
  Iraq: ["368"],
  Ireland: ["372"],
  Israel: ["376"],
  Italy: ["380"],
  Jamaica: ["388"],
  Japan: ["392"],
  Jordan: ["400"],
  Kazakhstan: ["398"],
  Kenya: ["404"],
  "Korea, Democratic People's Republic of": ["408"],
  "Korea, Republic of": ["410"],
  // No ISO numeric code: the atlas names the feature only.
  Kosovo: ["Kosovo"],
  Kuwait: ["414"],
  Kyrgyzstan: ["417"],
  Laos: ["418"],
  Latvia: ["428"],
  Lebanon: ["422"],
  Lesotho: ["426"],
  Liberia: ["430"],
  Libya: ["434"],
  Lithuania: ["440"],
  Luxembourg: ["442"],
  Macau: ["446"],
  Madagascar: ["450"],
  Malawi: ["454"],
  Malaysia: ["458"],
  Maldives: ["462"],
  Mali: ["466"],
  Malta: ["470"],
  "Marshall Islands": ["584"],
  Mauritania: ["478"],
  Mauritius: ["480"],
  Mexico: ["484"],
  "Micronesia, Federated States of": ["583"],
  Moldova: ["498"],
  Mongolia: ["496"],
  Montenegro: ["499"],
  Morocco: ["504"],
  Mozambique: ["508"],
  Namibia: ["516"],
  Nepal: ["524"],
  "Netherlands, The": ["528"],
  "New Zealand": ["554"],
  Nicaragua: ["558"],
  Niger: ["562"],
  Nigeria: ["566"],
  "North Macedonia": ["807"],
  Norway: ["578"],
  Oman: ["512"],
  Pakistan: ["586"],
  Palau: ["585"],
  Panama: ["591"],
  "Papua New Guinea": ["598"],
  Paraguay: ["600"],
  Peru: ["604"],
  Philippines: ["608"],
  Poland: ["616"],
  Portugal: ["620"],
  Qatar: ["634"],
  Romania: ["642"],
  Russia: ["643"],
  Rwanda: ["646"],
  "Saudi Arabia": ["682"],
  Senegal: ["686"],
  Serbia: ["688"],
  Seychelles: ["690"],
  "Sierra Leone": ["694"],
  Singapore: ["702"],
  "Sint Maarten": ["534"],
  Slovakia: ["703"],
  Slovenia: ["705"],
  "Solomon Islands": ["090"],
  // The report's Somalia narrative covers Somaliland, which the atlas draws apart (without an id).
  Somalia: ["706", "Somaliland"],
  "South Africa": ["710"],
  "South Sudan": ["728"],
  Spain: ["724"],
  "Sri Lanka": ["144"],
  "St. Lucia": ["662"],
  "St. Vincent and the Grenadines": ["670"],
  Sudan: ["729"],
  Suriname: ["740"],
  Sweden: ["752"],
  Switzerland: ["756"],
  Syria: ["760"],
  Taiwan: ["158"],
  Tajikistan: ["762"],
  Tanzania: ["834"],
  Thailand: ["764"],
  "Timor-Leste": ["626"],
  Togo: ["768"],
  Tonga: ["776"],
  "Trinidad and Tobago": ["780"],
  Tunisia: ["788"],
  "Turkey (Türkiye)": ["792"],
  Turkmenistan: ["795"],
  Uganda: ["800"],
  Ukraine: ["804"],
  "United Arab Emirates": ["784"],
  "United Kingdom": ["826"],
  "United States of America": ["840"],
  Uruguay: ["858"],
  Uzbekistan: ["860"],
  Vanuatu: ["548"],
  Venezuela: ["862"],
  Vietnam: ["704"],
  Yemen: ["887"],
  Zambia: ["894"],
  Zimbabwe: ["716"],
};

/**
 * Report countries the atlas has no shape for, drawn as a marker at [longitude, latitude].
 * Empty with the 50m atlas; a coarser atlas (or a new country) adds its entries here.
 */
export const NO_SHAPE: Readonly<Record<string, readonly [number, number]>> = {};

/** Shapes that more than one report country may claim (an atlas feature merging two of them). None in 50m. */
export const SHARED_SHAPES: readonly string[] = [];

/** The key a world-atlas feature is known by in MAP_SHAPES: its id, else its name. */
export function shapeKey(feature: { id?: string | number; properties?: { name?: string } | null }): string {
  return feature.id !== undefined && feature.id !== null ? String(feature.id) : (feature.properties?.name ?? "");
}

export interface CountryOnMap {
  /** The report's name. */
  name: string;
  shapes: readonly string[];
  marker: readonly [number, number] | null;
}

/** The table by country id (the slug of the report's name, as the database keys countries). */
export function mapEntriesByCountryId(): Map<string, CountryOnMap> {
  const entries = new Map<string, CountryOnMap>();
  for (const [name, shapes] of Object.entries(MAP_SHAPES)) entries.set(slugify(name), { name, shapes, marker: NO_SHAPE[name] ?? null });
  for (const [name, marker] of Object.entries(NO_SHAPE)) if (!entries.has(slugify(name))) entries.set(slugify(name), { name, shapes: [], marker });
  return entries;
}
