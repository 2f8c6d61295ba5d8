/** SQL text for loaders that run through `wrangler d1 execute --file` as well as inside the tests (no bound parameters there). */
export type SqlScalar = string | number | boolean | null;

export function sqlValue(value: SqlScalar): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  return `'${value.replace(/'/g, "''")}'`;
}

export function insert(table: string, row: Record<string, SqlScalar>, conflict = "ON CONFLICT DO NOTHING"): string {
  const columns = Object.keys(row);
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => sqlValue(row[c]!)).join(", ")}) ${conflict};`;
}

/** D1 refuses a statement over 100,000 bytes; each piece of a long value stays well under that as an SQL literal. */
export const MAX_LITERAL_BYTES = 60_000;

/** Cuts `text` into pieces whose SQL literals stay under MAX_LITERAL_BYTES (never inside a character). */
export function literalPieces(text: string, maxBytes = MAX_LITERAL_BYTES): string[] {
  const pieces: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const size = ch === "'" ? 2 : code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) {
      pieces.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  if (current || !pieces.length) pieces.push(current);
  return pieces;
}
