import { constants, type KeyObject, verify } from 'node:crypto';

/** The JWS algorithms the verifier implements. All asymmetric: `none` and HS* do not exist here. */
export const signatureAlgorithms = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

export type SignatureAlgorithm = (typeof signatureAlgorithms)[number];

interface AlgorithmRule {
  /** JWK `kty` the key must have. */
  readonly keyType: 'RSA' | 'EC' | 'OKP';
  /** JWK `crv` values the key may have (EC and OKP). */
  readonly curves?: readonly string[];
  /** Digest passed to node:crypto; null for EdDSA, which hashes internally. */
  readonly digest: 'sha256' | 'sha384' | 'sha512' | null;
  readonly padding?: 'pss';
  /** Exact signature length in bytes for ECDSA (raw r||s, as JWS requires). */
  readonly signatureLength?: number;
}

/**
 * Each algorithm bound to the one key shape it may be used with. This table is what makes
 * "RS256 token, EC key" or "HS256 token, RSA key" impossible: a key only ever verifies with an
 * algorithm listed for its type and curve.
 */
const rules: Readonly<Record<SignatureAlgorithm, AlgorithmRule>> = {
  RS256: { keyType: 'RSA', digest: 'sha256' },
  RS384: { keyType: 'RSA', digest: 'sha384' },
  RS512: { keyType: 'RSA', digest: 'sha512' },
  PS256: { keyType: 'RSA', digest: 'sha256', padding: 'pss' },
  PS384: { keyType: 'RSA', digest: 'sha384', padding: 'pss' },
  PS512: { keyType: 'RSA', digest: 'sha512', padding: 'pss' },
  ES256: { keyType: 'EC', curves: ['P-256'], digest: 'sha256', signatureLength: 64 },
  ES384: { keyType: 'EC', curves: ['P-384'], digest: 'sha384', signatureLength: 96 },
  ES512: { keyType: 'EC', curves: ['P-521'], digest: 'sha512', signatureLength: 132 },
  EdDSA: { keyType: 'OKP', curves: ['Ed25519', 'Ed448'], digest: null },
  Ed25519: { keyType: 'OKP', curves: ['Ed25519'], digest: null },
};

/** Whether `value` names an algorithm this module implements (exact, case-sensitive). */
export function isSignatureAlgorithm(value: unknown): value is SignatureAlgorithm {
  return typeof value === 'string' && Object.hasOwn(rules, value);
}

/** The algorithms a JWK of this type and curve may verify. */
export function algorithmsForKey(keyType: string, curve: string | undefined): SignatureAlgorithm[] {
  return signatureAlgorithms.filter((algorithm) => {
    const rule = rules[algorithm];
    if (rule.keyType !== keyType) return false;
    return rule.curves === undefined || (curve !== undefined && rule.curves.includes(curve));
  });
}

/**
 * Verifies a JWS signature with node:crypto. Returns false (never throws) for a signature that
 * does not verify or cannot be parsed. The caller has already checked that `key` may be used
 * with `algorithm`.
 */
export function verifySignature(
  algorithm: SignatureAlgorithm,
  key: KeyObject,
  signingInput: Buffer,
  signature: Buffer,
): boolean {
  const rule = rules[algorithm];
  if (rule.signatureLength !== undefined && signature.length !== rule.signatureLength) return false;
  try {
    if (rule.keyType === 'EC') {
      return verify(rule.digest, signingInput, { key, dsaEncoding: 'ieee-p1363' }, signature);
    }
    if (rule.padding === 'pss') {
      return verify(
        rule.digest,
        signingInput,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
        signature,
      );
    }
    return verify(rule.digest, signingInput, key, signature);
  } catch {
    return false;
  }
}
