/**
 * Dev-mode session tokens: `v1.<user id, base64url>.<expiry ms>.<HMAC-SHA256, base64url>`.
 * The expiry is inside the signed part, so a client cannot extend its own session.
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

export async function createSessionToken(secret: string, userId: string, expiresAtMs: number): Promise<string> {
  const payload = `v1.${toBase64Url(encoder.encode(userId))}.${expiresAtMs}`;
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(payload));
  return `${payload}.${toBase64Url(signature)}`;
}

/** The user id of a valid, unexpired token; null for anything else. */
export async function verifySessionToken(secret: string, token: string, nowMs: number): Promise<string | null> {
  return (await verifySessionTokenClaims(secret, token, nowMs))?.userId ?? null;
}

/** The user id and expiry (ms since epoch) of a valid, unexpired token; null for anything else. */
export async function verifySessionTokenClaims(secret: string, token: string, nowMs: number): Promise<{ userId: string; expiresAt: number } | null> {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") return null;
  const [, userPart, expiryPart, signaturePart] = parts as [string, string, string, string];
  const signature = fromBase64Url(signaturePart);
  if (!signature) return null;
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), signature, encoder.encode(`v1.${userPart}.${expiryPart}`));
  if (!valid) return null;
  const expiresAt = Number(expiryPart);
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= nowMs) return null;
  const userId = fromBase64Url(userPart);
  return userId ? { userId: new TextDecoder().decode(userId), expiresAt } : null;
}
