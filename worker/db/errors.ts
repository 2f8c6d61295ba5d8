/** D1 reports constraint and trigger failures as text, sometimes wrapped in a cause: read both. */
export function databaseErrorText(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return `${e?.message ?? ""} ${e?.cause?.message ?? ""}`;
}
