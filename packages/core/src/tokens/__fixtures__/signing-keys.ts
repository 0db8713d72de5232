import { createHmac, KeyObject, sign } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** A key pair made by jose, with its public JWK as a JWKS would publish it. */
export interface SigningKey {
  readonly algorithm: string;
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicJwk: JWK;
}

/** Generates a key pair with jose and exports its public half as a JWK. */
export async function createSigningKey(algorithm: string, keyId: string): Promise<SigningKey> {
  const pair = await generateKeyPair(algorithm, { extractable: true });
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: keyId, use: 'sig' };
  return {
    algorithm,
    keyId,
    privateKey: KeyObject.from(pair.privateKey),
    publicKey: KeyObject.from(pair.publicKey),
    publicJwk,
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Signs a JWT with jose: the normal, well-formed case. */
export async function signToken(
  key: SigningKey,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.algorithm, kid: key.keyId, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

/** Standard claims valid for five minutes, merged with `overrides` (undefined removes a claim). */
export function standardClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    iss: 'https://issuer.test/',
    sub: 'user-1',
    aud: 'api://test',
    iat: nowSeconds(),
    exp: nowSeconds() + 300,
    ...overrides,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return claims;
}

const encode = (text: string) => Buffer.from(text).toString('base64url');

/**
 * Builds a token by hand for hostile cases jose refuses to produce: any header and raw payload
 * text, signed with `key` (node:crypto), with an HMAC secret, or not at all.
 */
export function craftToken(options: {
  header: Record<string, unknown> | string;
  payload: Record<string, unknown> | string;
  signWith?: SigningKey | { hmacSecret: string | Buffer; digest?: string } | 'none';
}): string {
  const headerText = typeof options.header === 'string' ? options.header : JSON.stringify(options.header);
  const payloadText = typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload);
  const signingInput = `${encode(headerText)}.${encode(payloadText)}`;
  const signer = options.signWith ?? 'none';
  if (signer === 'none') return `${signingInput}.`;
  if ('hmacSecret' in signer) {
    const mac = createHmac(signer.digest ?? 'sha256', signer.hmacSecret)
      .update(signingInput)
      .digest();
    return `${signingInput}.${mac.toString('base64url')}`;
  }
  const digest = signer.algorithm.startsWith('Ed') ? null : `sha${signer.algorithm.slice(2)}`;
  const signature = sign(
    digest,
    Buffer.from(signingInput),
    signer.algorithm.startsWith('ES')
      ? { key: signer.privateKey, dsaEncoding: 'ieee-p1363' }
      : signer.privateKey,
  );
  return `${signingInput}.${signature.toString('base64url')}`;
}
