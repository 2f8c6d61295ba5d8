/**
 * Ed25519 keys for audit checkpoints. The private key is a secret (`AUDIT_SIGNING_KEY`, PKCS8 DER in
 * base64, as `openssl genpkey -algorithm ed25519 -outform DER | base64` prints it). Verification
 * trusts the public key derived from it plus any retired keys listed in `AUDIT_VERIFY_KEYS`, never a
 * key named inside a checkpoint: whoever can write the bucket could otherwise bring their own.
 */
const ED25519 = { name: "Ed25519" } as const;

export interface CheckpointSigner {
  keyId: string;
  publicKey: string;
  sign(message: string): Promise<string>;
}

const toBase64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text.trim()), (ch) => ch.charCodeAt(0));
const fromBase64Url = (text: string) => fromBase64(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));

/** A short, stable name for a public key, so a checkpoint says which key signed it. */
export async function keyIdOf(publicKeyBase64: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", fromBase64(publicKeyBase64));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class SigningKeyError extends Error {}

export async function loadSigner(secret: string | undefined): Promise<CheckpointSigner | null> {
  if (!secret?.trim()) return null;
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey("pkcs8", fromBase64(secret), ED25519, true, ["sign"]);
  } catch (error) {
    throw new SigningKeyError(`AUDIT_SIGNING_KEY is not an Ed25519 PKCS8 key in base64: ${(error as Error).message}`);
  }
  // A private JWK carries its public half (`x`), which is how the public key is derived without a second secret.
  const jwk = (await crypto.subtle.exportKey("jwk", privateKey)) as JsonWebKey;
  const publicKey = toBase64(fromBase64Url(jwk.x!));
  const keyId = await keyIdOf(publicKey);
  return {
    keyId,
    publicKey,
    sign: async (message) => toBase64(await crypto.subtle.sign(ED25519, privateKey, new TextEncoder().encode(message))),
  };
}

/** Trusted public keys by key id: the current signer's and any listed (comma-separated raw base64) in `AUDIT_VERIFY_KEYS`. */
export async function trustedKeys(signer: CheckpointSigner | null, listed: string | undefined): Promise<Map<string, CryptoKey>> {
  const encoded = new Set([
    ...(signer ? [signer.publicKey] : []),
    ...(listed ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
  ]);
  const keys = new Map<string, CryptoKey>();
  for (const publicKey of encoded) {
    try {
      keys.set(await keyIdOf(publicKey), await crypto.subtle.importKey("raw", fromBase64(publicKey), ED25519, false, ["verify"]));
    } catch (error) {
      throw new SigningKeyError(`AUDIT_VERIFY_KEYS holds a key that is not a raw Ed25519 public key in base64: ${(error as Error).message}`);
    }
  }
  return keys;
}

export async function verifySignature(key: CryptoKey, message: string, signatureBase64: string): Promise<boolean> {
  try {
    return await crypto.subtle.verify(ED25519, key, fromBase64(signatureBase64), new TextEncoder().encode(message));
  } catch {
    return false;
  }
}
