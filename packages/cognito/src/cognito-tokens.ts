import { IdentityError, normalizeClaims, type TokenOperations, type VerifiedToken } from '@idport/core';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { CognitoJwtVerifier, validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { JwtBaseError, JwtExpiredError } from 'aws-jwt-verify/error';
import { type Jwks, SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { CognitoContext } from './cognito-context';

type TokenUse = 'access' | 'id';

interface Verifier {
  verify(token: string): Promise<JwtPayload>;
}

/** Largest JWKS document accepted from the peer. */
const maxJwksBytes = 64 * 1024;

/**
 * aws-jwt-verify's own fetcher refuses `http:`; cognito-local only serves http. This one
 * allows it, with a timeout and a size cap, and is used only for the configured JWKS URI
 * (never a URI taken from a token).
 */
const boundedFetcher = {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const response = await fetch(uri, { signal: AbortSignal.timeout(5000), redirect: 'error' });
    if (!response.ok) throw new Error(`JWKS request failed with HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    if (body.byteLength > maxJwksBytes) throw new Error('JWKS document is too large');
    return body;
  },
};

/** Raised instead of fetching when keys are pinned in settings: the token's key is not one of them. */
class PinnedKeyMissing extends Error {
  override readonly name = 'PinnedKeyMissing';
}

const refusingFetcher = {
  async fetch(): Promise<ArrayBuffer> {
    throw new PinnedKeyMissing('the token is not signed with a key from settings.jwks');
  },
};

/** The issuer Cognito (or cognito-local) puts in `iss`. */
export function cognitoIssuer(context: CognitoContext): string {
  const { settings } = context;
  if (settings.issuer) return settings.issuer.replace(/\/$/, '');
  if (context.local && settings.endpoint)
    return `${new URL(settings.endpoint).origin}/${settings.userPoolId}`;
  return `https://cognito-idp.${settings.region}.amazonaws.com/${settings.userPoolId}`;
}

function createVerifier(context: CognitoContext, tokenUse: TokenUse): Verifier {
  const { settings } = context;
  const pinned = settings.jwks as Jwks | undefined;
  if (!context.local && !settings.issuer) {
    // A real pool: aws-jwt-verify derives issuer and JWKS URI from the pool id itself.
    const verifier = CognitoJwtVerifier.create(
      { userPoolId: settings.userPoolId, tokenUse, clientId: settings.clientId },
      pinned ? { jwksCache: new SimpleJwksCache({ fetcher: refusingFetcher }) } : undefined,
    );
    if (pinned) verifier.cacheJwks(pinned);
    return verifier;
  }
  const issuer = cognitoIssuer(context);
  const jwksUri =
    context.local && settings.endpoint
      ? `${new URL(settings.endpoint).origin}/${settings.userPoolId}/.well-known/jwks.json`
      : `${issuer}/.well-known/jwks.json`;
  const verifier = JwtRsaVerifier.create(
    {
      issuer,
      jwksUri,
      // Access tokens carry `client_id`, not `aud`: the Cognito field check covers both.
      audience: null,
      customJwtCheck: ({ payload }) =>
        validateCognitoJwtFields(payload, { tokenUse, clientId: settings.clientId }),
    },
    { jwksCache: new SimpleJwksCache({ fetcher: pinned ? refusingFetcher : boundedFetcher }) },
  );
  if (pinned) verifier.cacheJwks(pinned);
  return verifier;
}

function mapVerificationError(error: unknown): IdentityError {
  if (error instanceof JwtExpiredError) {
    return new IdentityError({
      code: 'TOKEN_EXPIRED',
      provider: 'cognito',
      message: 'Token has expired',
      cause: error,
    });
  }
  const name = (error as Error | undefined)?.name ?? '';
  if (error instanceof PinnedKeyMissing) {
    return new IdentityError({
      code: 'TOKEN_INVALID',
      provider: 'cognito',
      message: 'Token rejected: unknown key',
      cause: error,
    });
  }
  const keysUnavailable =
    !(error instanceof JwtBaseError) ||
    name === 'FetchError' ||
    name === 'NonRetryableFetchError' ||
    name === 'JwksNotAvailableInCacheError';
  if (keysUnavailable) {
    // Fail closed: keys we cannot fetch never make a token valid.
    return new IdentityError({
      code: 'PROVIDER_UNAVAILABLE',
      provider: 'cognito',
      message: 'Verification keys could not be fetched',
      cause: error,
    });
  }
  return new IdentityError({
    code: 'TOKEN_INVALID',
    provider: 'cognito',
    message: `Token rejected: ${name.replace(/Error$/, '') || 'verification failed'}`,
    cause: error,
  });
}

/**
 * Local token verification with aws-jwt-verify: `CognitoJwtVerifier` for real pools,
 * `JwtRsaVerifier` with an http-capable fetcher for cognito-local. Both check signature
 * (RS256 with the pool's keys only), issuer, expiry, `token_use` and the app client.
 */
export function createCognitoTokens(context: CognitoContext): Required<TokenOperations> {
  const access = createVerifier(context, 'access');
  const id = createVerifier(context, 'id');

  async function verify(verifier: Verifier, token: string): Promise<VerifiedToken> {
    let payload: JwtPayload;
    try {
      payload = await verifier.verify(token);
    } catch (error) {
      throw mapVerificationError(error);
    }
    return normalizeClaims(payload, ['cognito:groups']);
  }

  return {
    verifyAccessToken: (token) => verify(access, token),
    async verifyIdToken(token, options) {
      const verified = await verify(id, token);
      if (options?.nonce !== undefined && verified.claims.nonce !== options.nonce) {
        throw new IdentityError({
          code: 'TOKEN_INVALID',
          provider: 'cognito',
          message: 'Token rejected: nonce mismatch',
        });
      }
      return verified;
    },
  };
}
