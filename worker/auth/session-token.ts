/**
 * Dev-mode session tokens: `v2.<session id>.<expiry ms>.<HMAC-SHA256, base64url>`. The session id
 * names a `dev_sessions` row (who, until when, ended or not), so signing out ends the session on the
 * server. The expiry is inside the signed part, so a client cannot extend its own session.
 */
const encoder = new TextEncoder();

function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = "";
  for (const byte of b) s += String.fromCharCode(byte);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  try {
    const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** The shortest SESSION_SECRET dev sign-in accepts (bytes): an HMAC key shorter than its hash is guessable sooner. */
export const MIN_SESSION_SECRET_BYTES = 32;

export const secretBytes = (secret: string | undefined) => (secret ? encoder.encode(secret).byteLength : 0);

/** A new random session id (128 bits, base64url). */
export function newSessionId(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

export async function createSessionToken(secret: string, sessionId: string, expiresAtMs: number): Promise<string> {
  const payload = `v2.${sessionId}.${expiresAtMs}`;
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(payload));
  return `${payload}.${toBase64Url(signature)}`;
}

/** The session id of a validly signed, unexpired token; null for anything else. The caller still checks the session row. */
export async function verifySessionToken(secret: string, token: string, nowMs: number): Promise<string | null> {
  return (await verifySessionTokenClaims(secret, token, nowMs))?.sessionId ?? null;
}

/** The session id and expiry (ms since epoch) of a validly signed, unexpired token; null for anything else. */
export async function verifySessionTokenClaims(secret: string, token: string, nowMs: number): Promise<{ sessionId: string; expiresAt: number } | null> {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== "v2") return null;
  const [, sessionId, expiryPart, signaturePart] = parts as [string, string, string, string];
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(sessionId)) return null;
  const signature = fromBase64Url(signaturePart);
  if (!signature) return null;
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), signature, encoder.encode(`v2.${sessionId}.${expiryPart}`));
  if (!valid) return null;
  const expiresAt = Number(expiryPart);
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= nowMs) return null;
  return { sessionId, expiresAt };
}
