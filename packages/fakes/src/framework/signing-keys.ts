import { randomUUID, type webcrypto } from 'node:crypto';
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK, type JWTPayload, SignJWT } from 'jose';

/** A signing key pair with its public JWK, as a vendor publishes it at its JWKS endpoint. */
export interface SigningKey {
  readonly kid: string;
  readonly algorithm: 'RS256';
  readonly privateKey: webcrypto.CryptoKey;
  readonly publicKey: webcrypto.CryptoKey;
  readonly publicJwk: JWK;
}

/** Creates an RS256 key (2048-bit), the algorithm Keycloak, Auth0 and Okta sign with by default. */
export async function createSigningKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, algorithm: 'RS256', privateKey, publicKey, publicJwk };
}

/** The JWKS document for some keys. */
export function toJwks(keys: readonly SigningKey[]): JSONWebKeySet {
  return { keys: keys.map((key) => key.publicJwk) };
}

/** Signs claims as a JWT with the given key; `typ` lets vendors mark token kinds (Keycloak uses `JWT`). */
export async function signJwt(key: SigningKey, claims: JWTPayload, type = 'JWT'): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: type })
    .sign(key.privateKey);
}
