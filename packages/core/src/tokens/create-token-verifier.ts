import { IdentityError } from '../errors/identity-error';
import type { VerifiedToken, VerifyIdTokenOptions } from '../port/verified-token';
import { decodeJsonSegment, isBase64Url } from './decode-token-segment';
import type { KeyStore } from './key-store';
import { createLocalKeyStore } from './local-key-store';
import { normalizeClaims } from './normalize-claims';
import { createRemoteKeyStore } from './remote-key-store';
import { isSignatureAlgorithm, type SignatureAlgorithm, verifySignature } from './signature-algorithms';
import { type TokenRejectionReason, TokenVerificationError } from './token-verification-error';
import type { TokenVerifierOptions } from './token-verifier-options';
import type { VerificationKey } from './verification-key';
import { createVerifiedTokenCache, type VerifiedTokenCache } from './verified-token-cache';

export { normalizeClaims } from './normalize-claims';

/** Verifies JWTs for one provider configuration and one kind of token. */
export interface TokenVerifier {
  /**
   * Verifies a compact JWS and returns its normalized claims. Throws a TokenVerificationError
   * (an IdentityError): TOKEN_EXPIRED, TOKEN_INVALID, or PROVIDER_UNAVAILABLE when keys cannot
   * be fetched. Never resolves for a token it could not fully check.
   */
  verify(token: string, options?: VerifyIdTokenOptions): Promise<VerifiedToken>;
  /** The key store in use; pass it as `keys` to another verifier to share one JWKS cache. */
  readonly keyStore: KeyStore | undefined;
}

/** Header parameters that would let a token choose its own key. Refused outright. */
const keyBearingHeaders = ['jku', 'x5u', 'jwk', 'x5c'] as const;
/** Header parameters that only JWE (RFC 7516) uses: an encrypted token is not for us. */
const encryptionHeaders = ['enc', 'zip'] as const;
const maxKeyIdLength = 256;
const headerCacheSize = 64;

interface CheckedHeader {
  readonly algorithm: SignatureAlgorithm | 'none';
  readonly keyId: string | undefined;
}

function configurationError(field: string, message: string, provider: string): IdentityError {
  return new IdentityError({ code: 'CONFIGURATION_ERROR', provider, field, message });
}

function toList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

function normalizeMediaType(value: string): string {
  const lower = value.toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}

function isKeyStore(value: TokenVerifierOptions['keys']): value is KeyStore {
  return (value as KeyStore).kind === 'key-store';
}

/**
 * Creates a verifier with an algorithm allow-list bound to each key's type, required issuer,
 * audience, subject and expiry, bounded clock skew, keys only from the configured source,
 * strict parsing, and typed failures. See `packages/core/README.md` for every option and
 * `docs/decisions/0100`–`0104` for why it is built on node:crypto rather than on jose.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const provider = options.provider;
  if (typeof options.keys !== 'object' || options.keys === null) {
    throw configurationError('keys', 'No key source configured', provider);
  }
  const emulatorMode = 'acceptUnsignedEmulatorTokens' in options.keys;
  if (
    emulatorMode &&
    (options.keys as { acceptUnsignedEmulatorTokens: unknown }).acceptUnsignedEmulatorTokens !== true
  ) {
    throw configurationError('keys', 'acceptUnsignedEmulatorTokens must be true when present', provider);
  }

  const issuers = new Set(toList(options.issuer).filter((value) => value.length > 0));
  if (issuers.size === 0) throw configurationError('issuer', 'Token verification needs an issuer', provider);
  const audiences = new Set(toList(options.audience).filter((value) => value.length > 0));
  if (audiences.size === 0)
    throw configurationError('audience', 'Token verification needs an audience', provider);

  const configuredAlgorithms = options.algorithms ?? ['RS256'];
  for (const algorithm of configuredAlgorithms) {
    if (!isSignatureAlgorithm(algorithm)) {
      throw configurationError(
        'algorithms',
        'Only asymmetric JWS algorithms (RS*, PS*, ES*, EdDSA) are accepted; none and HS* never are',
        provider,
      );
    }
  }
  const allowedAlgorithms: ReadonlySet<string> = emulatorMode
    ? new Set(['none'])
    : new Set(configuredAlgorithms);
  if (allowedAlgorithms.size === 0) {
    throw configurationError('algorithms', 'Token verification needs at least one algorithm', provider);
  }

  const clockTolerance = options.clockToleranceSeconds ?? 30;
  if (!(clockTolerance >= 0 && clockTolerance <= 60)) {
    throw configurationError(
      'clockToleranceSeconds',
      'Clock tolerance must be between 0 and 60 seconds',
      provider,
    );
  }
  const maxTokenLength = options.maxTokenLength ?? 16_384;
  if (!(Number.isInteger(maxTokenLength) && maxTokenLength > 0)) {
    throw configurationError('maxTokenLength', 'maxTokenLength must be a positive integer', provider);
  }
  const maxTokenAge = options.maxTokenAgeSeconds;
  const audienceClaim = options.audienceClaim ?? 'aud';
  const authorizedParties = options.authorizedParties ? new Set(options.authorizedParties) : undefined;
  const clientIdClaim = options.clientIdClaim;
  const tokenType = options.tokenType;
  const headerTypes = options.headerTypes ? new Set(options.headerTypes.map(normalizeMediaType)) : undefined;
  const requiredClaims = options.requiredClaims ?? [];
  const claimChecks = options.claimChecks ?? [];
  const groupClaims = options.groupClaims ?? ['groups'];
  const scopeClaims = options.scopeClaims ?? ['scope', 'scp'];
  const now = options.now ?? Date.now;

  let keyStore: KeyStore | undefined;
  if (isKeyStore(options.keys)) keyStore = options.keys;
  else if ('jwksUri' in options.keys) keyStore = createRemoteKeyStore({ ...options.keys, provider });
  else if ('jwks' in options.keys) keyStore = createLocalKeyStore(options.keys.jwks);
  else if (!emulatorMode) throw configurationError('keys', 'No key source configured', provider);

  const cache: VerifiedTokenCache | undefined = options.resultCache
    ? createVerifiedTokenCache(options.resultCache)
    : undefined;
  // Issuers sign every token with the same few headers: checking each distinct header once
  // saves a base64 decode, a JSON parse and the duplicate-key scan on the hot path.
  const headerCache = new Map<string, CheckedHeader>();

  const reject = (reason: TokenRejectionReason, message: string, cause?: unknown): never => {
    throw new TokenVerificationError({ reason, provider, message: `Token rejected: ${message}`, cause });
  };

  function checkHeader(segment: string): CheckedHeader {
    const cached = headerCache.get(segment);
    if (cached) return cached;
    const header = decodeJsonSegment(segment);
    if (header === 'malformed') return reject('malformed', 'the header is not a base64url JSON object');
    if (header === 'duplicate_json_key') return reject('duplicate_json_key', 'the header repeats a member');
    for (const name of encryptionHeaders) {
      if (name in header) return reject('encrypted_token', 'encrypted tokens (JWE) are not accepted');
    }
    for (const name of keyBearingHeaders) {
      if (name in header) return reject('forbidden_header', `header parameter ${name} is not accepted`);
    }
    if ('crit' in header) return reject('critical_header', 'critical header extensions are not understood');
    if ('b64' in header) return reject('critical_header', 'unencoded payloads (b64) are not accepted');
    if (typeof header.cty === 'string' && normalizeMediaType(header.cty) === 'jwt') {
      return reject('encrypted_token', 'nested tokens are not accepted');
    }
    const algorithm = header.alg;
    if (typeof algorithm !== 'string' || !allowedAlgorithms.has(algorithm)) {
      return reject('algorithm_not_allowed', 'the signing algorithm is not allowed');
    }
    const keyId = header.kid;
    if (keyId !== undefined && (typeof keyId !== 'string' || keyId.length > maxKeyIdLength)) {
      return reject('malformed', 'the key id is not a short string');
    }
    if (headerTypes) {
      const type = header.typ;
      if (typeof type !== 'string' || !headerTypes.has(normalizeMediaType(type))) {
        return reject('wrong_token_type', 'the token type header is not accepted');
      }
    }
    const checked: CheckedHeader = {
      algorithm: algorithm as SignatureAlgorithm | 'none',
      keyId: keyId as string | undefined,
    };
    if (headerCache.size >= headerCacheSize) headerCache.delete(headerCache.keys().next().value as string);
    headerCache.set(segment, checked);
    return checked;
  }

  function signatureSegmentOf(token: string, signingInputEnd: number): string {
    const signatureSegment = token.slice(signingInputEnd + 1);
    if (emulatorMode) {
      // Only the shape an emulator produces: alg none and an empty signature.
      if (signatureSegment.length !== 0) reject('signature_invalid', 'emulator tokens carry no signature');
    } else if (signatureSegment.length === 0 || !isBase64Url(signatureSegment)) {
      reject('signature_invalid', 'the signature is missing or malformed');
    }
    return signatureSegment;
  }

  function checkSignature(
    token: string,
    header: CheckedHeader,
    signingInputEnd: number,
    signatureSegment: string,
    keys: readonly VerificationKey[],
  ): void {
    const algorithm = header.algorithm as SignatureAlgorithm;
    if (keys.length === 0) reject('unknown_key', 'no key matches the token');
    let candidates = keys;
    if (keys.length !== 1 || !keys[0]!.algorithms.has(algorithm)) {
      candidates = keys.filter((key) => key.algorithms.has(algorithm));
    }
    if (candidates.length === 0) reject('key_algorithm_mismatch', 'the algorithm does not match the key');
    if (header.keyId === undefined && candidates.length !== 1) {
      reject('unknown_key', 'the token names no key and several keys could apply');
    }
    // The header and payload segments passed the base64url check, so they are ASCII.
    const signingInput = Buffer.from(token.slice(0, signingInputEnd), 'latin1');
    const signature = Buffer.from(signatureSegment, 'base64url');
    for (const candidate of candidates) {
      if (verifySignature(algorithm, candidate.key, signingInput, signature)) return;
    }
    reject('signature_invalid', 'the signature does not verify');
  }

  const keysUnavailable = (error: unknown): never => {
    if (TokenVerificationError.isTokenVerificationError(error)) throw error;
    return reject('keys_unavailable', 'verification keys could not be loaded', error);
  };

  function readAudience(claims: Record<string, unknown>): readonly unknown[] | undefined {
    const value = claims[audienceClaim];
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value;
    return undefined;
  }

  function checkClaims(claims: Record<string, unknown>, nonce: string | undefined): void {
    const issuer = claims.iss;
    if (typeof issuer !== 'string') reject('missing_claim', 'the token has no issuer');
    if (!issuers.has(issuer as string)) reject('issuer_mismatch', 'the issuer is not accepted');
    const subject = claims.sub;
    if (typeof subject !== 'string' || subject.length === 0)
      reject('missing_claim', 'the token has no subject');

    const audience = readAudience(claims);
    if (audience === undefined) reject('audience_mismatch', 'the token has no audience');
    let audienceMatches = false;
    for (const value of audience!) {
      if (typeof value !== 'string') reject('invalid_claim', 'the audience is not a string list');
      if (audiences.has(value as string)) audienceMatches = true;
    }
    if (!audienceMatches) reject('audience_mismatch', 'the audience is not accepted');

    if (authorizedParties) {
      const client = clientIdClaim
        ? claims[clientIdClaim]
        : [claims.azp, claims.cid, claims.client_id].find((value) => value !== undefined);
      if (typeof client !== 'string' || !authorizedParties.has(client)) {
        reject('client_mismatch', 'the token was issued to another client');
      }
    }
    if (tokenType && claims[tokenType.claim] !== tokenType.value) {
      reject('wrong_token_type', 'the token is not of the expected type');
    }
    for (const name of requiredClaims) {
      if (claims[name] === undefined) reject('missing_claim', 'a required claim is missing');
    }

    const nowSeconds = now() / 1000;
    const expiry = claims.exp;
    if (expiry === undefined) reject('missing_claim', 'the token has no expiry');
    if (typeof expiry !== 'number' || !Number.isFinite(expiry))
      reject('invalid_claim', 'exp is not a number');
    if (nowSeconds - clockTolerance >= (expiry as number)) reject('expired', 'the token has expired');
    const notBefore = claims.nbf;
    if (notBefore !== undefined) {
      if (typeof notBefore !== 'number' || !Number.isFinite(notBefore))
        reject('invalid_claim', 'nbf is not a number');
      if ((notBefore as number) > nowSeconds + clockTolerance)
        reject('not_yet_valid', 'the token is not valid yet');
    }
    const issuedAt = claims.iat;
    if (issuedAt !== undefined) {
      if (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt))
        reject('invalid_claim', 'iat is not a number');
      if ((issuedAt as number) > nowSeconds + clockTolerance)
        reject('issued_in_future', 'the token is issued in the future');
    }
    if (maxTokenAge !== undefined) {
      if (issuedAt === undefined) reject('missing_claim', 'the token has no issue time');
      if (nowSeconds - clockTolerance - (issuedAt as number) > maxTokenAge)
        reject('too_old', 'the token is too old');
    }
    for (const check of claimChecks) {
      const problem = check(claims, { nowSeconds, clockToleranceSeconds: clockTolerance });
      if (problem !== undefined) reject('claim_check_failed', problem);
    }
    if (nonce !== undefined && claims.nonce !== nonce) reject('nonce_mismatch', 'the nonce does not match');
  }

  function finish(claims: Record<string, unknown>, nonce: string | undefined, cacheKey: string | undefined) {
    checkClaims(claims, nonce);
    const result = Object.freeze(normalizeClaims(Object.freeze(claims), groupClaims, scopeClaims));
    if (cache && cacheKey !== undefined) cache.set(cacheKey, result, now());
    return result;
  }

  /** Everything up to the key lookup is synchronous; a promise only when keys must be fetched. */
  function verifyToken(token: string, nonce: string | undefined): VerifiedToken | Promise<VerifiedToken> {
    if (typeof token !== 'string') return reject('not_a_string', 'the token is not a string');
    if (token.length > maxTokenLength) return reject('too_large', 'the token is too large');
    let cacheKey: string | undefined;
    if (cache) {
      cacheKey = cache.key(token);
      const hit = cache.get(cacheKey, now());
      if (hit) {
        if (nonce !== undefined && hit.claims.nonce !== nonce)
          reject('nonce_mismatch', 'the nonce does not match');
        return hit;
      }
    }

    const firstDot = token.indexOf('.');
    const secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (secondDot < 0) return reject('malformed', 'the token is not a compact JWS');
    if (token.indexOf('.', secondDot + 1) >= 0) {
      const parts = token.split('.').length;
      return parts === 5
        ? reject('encrypted_token', 'encrypted tokens (JWE) are not accepted')
        : reject('malformed', 'the token is not a compact JWS');
    }
    const header = checkHeader(token.slice(0, firstDot));
    const claims = decodeJsonSegment(token.slice(firstDot + 1, secondDot));
    if (claims === 'malformed') return reject('malformed', 'the payload is not a base64url JSON object');
    if (claims === 'duplicate_json_key') return reject('duplicate_json_key', 'the payload repeats a claim');
    const signatureSegment = signatureSegmentOf(token, secondDot);
    if (emulatorMode) return finish(claims, nonce, cacheKey);

    let keys: readonly VerificationKey[] | Promise<readonly VerificationKey[]>;
    try {
      keys = keyStore!.keysFor(header.keyId);
    } catch (error) {
      return keysUnavailable(error);
    }
    if (keys instanceof Promise) {
      return keys.then((fetched) => {
        checkSignature(token, header, secondDot, signatureSegment, fetched);
        return finish(claims, nonce, cacheKey);
      }, keysUnavailable);
    }
    checkSignature(token, header, secondDot, signatureSegment, keys);
    return finish(claims, nonce, cacheKey);
  }

  return {
    keyStore,
    verify(token, verifyOptions) {
      try {
        const outcome = verifyToken(token, verifyOptions?.nonce);
        return outcome instanceof Promise ? outcome : Promise.resolve(outcome);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
