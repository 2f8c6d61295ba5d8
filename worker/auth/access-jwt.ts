/** Production identity: the JWT Cloudflare Access puts in `Cf-Access-Jwt-Assertion`. */
import { createRemoteJWKSet, jwtVerify } from "jose";

export interface AccessConfig {
  teamDomain: string;
  audience: string;
}

// One key set per isolate: jose caches the keys and refetches on an unknown `kid` (key rotation).
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySetFor(teamDomain: string) {
  let keySet = keySets.get(teamDomain);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(`https://${teamDomain}/cdn-cgi/access/certs`));
    keySets.set(teamDomain, keySet);
  }
  return keySet;
}

/** The verified email, or null when the token is malformed, badly signed, expired, or for another issuer or audience. */
export async function verifyAccessJwt(token: string, config: AccessConfig): Promise<string | null> {
  return (await verifyAccessJwtClaims(token, config))?.email ?? null;
}

/** The verified email and when the token expires (ms since epoch, null without `exp`), or null as above. */
export async function verifyAccessJwtClaims(token: string, config: AccessConfig): Promise<{ email: string; expiresAt: number | null } | null> {
  try {
    const { payload } = await jwtVerify(token, keySetFor(config.teamDomain), {
      issuer: `https://${config.teamDomain}`,
      audience: config.audience,
      algorithms: ["RS256"],
    });
    if (typeof payload.email !== "string" || !payload.email.includes("@")) return null;
    return { email: payload.email.toLowerCase(), expiresAt: typeof payload.exp === "number" ? payload.exp * 1000 : null };
  } catch {
    return null;
  }
}
