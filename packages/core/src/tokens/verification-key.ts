import { createPublicKey, type KeyObject, type JsonWebKey as NodeJsonWebKey } from 'node:crypto';
import { algorithmsForKey, isSignatureAlgorithm, type SignatureAlgorithm } from './signature-algorithms';

/** A public key imported from a JWK, with the algorithms it may verify. */
export interface VerificationKey {
  /** The JWK `kid`, when the key has one. */
  readonly keyId: string | undefined;
  readonly key: KeyObject;
  /** Algorithms this key may verify: its JWK `alg` alone when set, else every one its type allows. */
  readonly algorithms: ReadonlySet<SignatureAlgorithm>;
}

/** RSA keys below this size are refused (RFC 7518 §3.3 requires 2048 bits). */
const minimumRsaModulusBits = 2048;

/**
 * Imports one JWK as a verification key, or returns undefined when the key may not be used to
 * verify signatures: symmetric (`oct`) keys, keys marked for encryption (`use: enc`, `key_ops`
 * without `verify`), an `alg` that does not fit the key type, RSA keys under 2048 bits, and
 * anything node:crypto cannot import. Only public components are read.
 */
export function importVerificationKey(jwk: unknown): VerificationKey | undefined {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return undefined;
  const fields = jwk as Record<string, unknown>;
  const keyType = fields.kty;
  if (keyType !== 'RSA' && keyType !== 'EC' && keyType !== 'OKP') return undefined;
  if (fields.use !== undefined && fields.use !== 'sig') return undefined;
  if (
    fields.key_ops !== undefined &&
    !(Array.isArray(fields.key_ops) && (fields.key_ops as unknown[]).includes('verify'))
  ) {
    return undefined;
  }
  if (fields.kid !== undefined && typeof fields.kid !== 'string') return undefined;
  const curve = typeof fields.crv === 'string' ? fields.crv : undefined;
  let algorithms = algorithmsForKey(keyType, curve);
  if (fields.alg !== undefined) {
    const pinned = fields.alg;
    if (!isSignatureAlgorithm(pinned) || !algorithms.includes(pinned)) return undefined;
    algorithms = [pinned];
  }
  if (algorithms.length === 0) return undefined;

  const publicPart: Record<string, unknown> =
    keyType === 'RSA'
      ? { kty: keyType, n: fields.n, e: fields.e }
      : keyType === 'EC'
        ? { kty: keyType, crv: curve, x: fields.x, y: fields.y }
        : { kty: keyType, crv: curve, x: fields.x };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: publicPart as NodeJsonWebKey, format: 'jwk' });
  } catch {
    return undefined;
  }
  if (keyType === 'RSA' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < minimumRsaModulusBits) {
    return undefined;
  }
  return { keyId: fields.kid as string | undefined, key, algorithms: new Set(algorithms) };
}

/** Imports every usable key of a JWKS document, up to `maxKeys`. */
export function importKeySet(document: unknown, maxKeys: number): VerificationKey[] | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const keys = (document as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) return undefined;
  const imported: VerificationKey[] = [];
  for (const jwk of keys.slice(0, maxKeys)) {
    const key = importVerificationKey(jwk);
    if (key) imported.push(key);
  }
  return imported;
}
