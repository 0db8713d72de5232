import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { IdentityError } from '../errors/identity-error';
import type { VerifiedToken } from '../port/verified-token';
import type { TokenVerifierOptions } from './token-verifier-options';

/** Verifies JWTs for one provider configuration. */
export interface TokenVerifier {
  verify(token: string, options?: { nonce?: string }): Promise<VerifiedToken>;
}

const forbiddenHeaderParameters = ['jku', 'x5u', 'jwk', 'x5c'] as const;

function asStringArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  return [];
}

function readPath(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let current: unknown = claims;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Builds the normalized result from verified claims. */
export function normalizeClaims(payload: JWTPayload, groupClaims: readonly string[]): VerifiedToken {
  const claims = payload as Record<string, unknown>;
  const clientId = [claims.azp, claims.client_id, claims.cid].find((value) => typeof value === 'string');
  return {
    subject: String(payload.sub),
    issuer: String(payload.iss),
    audience: asStringArray(payload.aud),
    clientId: (clientId as string | undefined) ?? null,
    scopes: asStringArray(claims.scope ?? claims.scp),
    groups: [...new Set(groupClaims.flatMap((path) => asStringArray(readPath(claims, path))))],
    expiresAt: new Date((payload.exp ?? 0) * 1000),
    issuedAt: payload.iat === undefined ? null : new Date(payload.iat * 1000),
    claims,
  };
}

/**
 * A verifier with an algorithm allow-list, required issuer/audience/expiry, bounded clock
 * skew, and keys only from the configured source. Failures are IdentityErrors:
 * TOKEN_EXPIRED, TOKEN_INVALID, or PROVIDER_UNAVAILABLE when keys cannot be fetched
 * (fail closed: an unreachable JWKS never means "valid").
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const provider = options.provider;
  const algorithms = options.algorithms.filter(
    (algorithm) => algorithm !== 'none' && !algorithm.startsWith('HS'),
  );
  if (algorithms.length === 0) {
    throw new IdentityError({
      code: 'CONFIGURATION_ERROR',
      provider,
      message: 'Token verification needs at least one asymmetric algorithm',
    });
  }
  const clockTolerance = Math.min(60, Math.max(0, options.clockToleranceSeconds ?? 30));
  const maxTokenLength = options.maxTokenLength ?? 16_384;
  const issuers = typeof options.issuer === 'string' ? [options.issuer] : [...options.issuer];
  const audiences = typeof options.audience === 'string' ? [options.audience] : [...options.audience];

  let getKey: JWTVerifyGetKey;
  if ('jwksUri' in options.keys) {
    getKey = createRemoteJWKSet(new URL(options.keys.jwksUri), {
      timeoutDuration: options.keys.timeoutMs ?? 5000,
      cooldownDuration: options.keys.cooldownMs ?? 30_000,
    });
  } else {
    const source = options.keys.jwks;
    getKey = async (header, token) => createLocalJWKSet(await source())(header, token);
  }

  const invalid = (reason: string, cause?: unknown) =>
    new IdentityError({ code: 'TOKEN_INVALID', provider, message: `Token rejected: ${reason}`, cause });

  return {
    async verify(token, verifyOptions) {
      if (token.length > maxTokenLength) throw invalid('token is too large');
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
      } catch (error) {
        throw invalid('malformed token', error);
      }
      for (const parameter of forbiddenHeaderParameters) {
        if (parameter in header) throw invalid(`header parameter ${parameter} is not accepted`);
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          algorithms,
          issuer: issuers,
          audience: audiences,
          clockTolerance,
          requiredClaims: ['exp', 'sub', 'iss'],
        }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) {
          throw new IdentityError({
            code: 'TOKEN_EXPIRED',
            provider,
            message: 'Token has expired',
            cause: error,
          });
        }
        if (error instanceof joseErrors.JWKSTimeout || (error as Error)?.name === 'TypeError') {
          throw new IdentityError({
            code: 'PROVIDER_UNAVAILABLE',
            provider,
            message: 'Verification keys could not be fetched',
            cause: error,
          });
        }
        if (error instanceof joseErrors.JOSEError)
          throw invalid(error.code.replace(/^ERR_/, '').toLowerCase(), error);
        throw invalid('verification failed', error);
      }
      if (verifyOptions?.nonce !== undefined && payload.nonce !== verifyOptions.nonce) {
        throw invalid('nonce mismatch');
      }
      return normalizeClaims(payload, options.groupClaims ?? ['groups']);
    },
  };
}
