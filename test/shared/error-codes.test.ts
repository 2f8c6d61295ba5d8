/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { ERROR_CODE_LIST, ERROR_CODES } from "#shared/api/error-codes.ts";

// The worker's and shared code's source as text: a documented code nobody answers with is a stale entry.
const sources = import.meta.glob(["../../worker/**/*.ts", "../../shared/**/*.ts", "!../../shared/api/error-codes.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("error codes (shared/api/error-codes.ts)", () => {
  it("reads the worker's source", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
  });

  it.each(ERROR_CODE_LIST)("%s is a snake_case code with a one-sentence meaning", (code) => {
    expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(ERROR_CODES[code]).toMatch(/^[A-Z].{10,}\.$/);
  });

  it("lists each code once, in the order of the map", () => {
    expect(new Set(ERROR_CODE_LIST).size).toBe(ERROR_CODE_LIST.length);
    expect(ERROR_CODE_LIST).toEqual(Object.keys(ERROR_CODES));
  });

  it.each(ERROR_CODE_LIST)("%s is answered somewhere in the worker", (code) => {
    const using = Object.entries(sources).filter(([, text]) => text.includes(`"${code}"`));
    expect(using.map(([path]) => path)).not.toEqual([]);
  });
});
