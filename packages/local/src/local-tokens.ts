import type { TokenOperations, VerifiedToken } from '@idport/core';
import type { LocalContext } from './local-context';
import { localError } from './local-errors';
import type { LocalSessions } from './local-sessions';

/**
 * Verification of tokens this provider issued. Besides the signature checks of the shared
 * verifier, the token's session must still be active: sign-out and revocation take
 * effect at once, not at expiry (the embedded provider can afford the lookup).
 */
export function createLocalTokens(context: LocalContext, sessions: LocalSessions): TokenOperations {
  const verify = async (token: string, use: 'access' | 'id', nonce?: string): Promise<VerifiedToken> => {
    const verified = await context.verifier.verify(token, nonce === undefined ? undefined : { nonce });
    if (verified.claims.token_use !== use)
      throw localError('TOKEN_INVALID', `Token rejected: not an ${use} token`);
    const sessionId = verified.claims.sid;
    if (typeof sessionId !== 'string' || !sessions.isActive(sessionId)) {
      throw localError('TOKEN_INVALID', 'Token rejected: the session has ended');
    }
    return verified;
  };
  return {
    verifyAccessToken: (token) => verify(token, 'access'),
    verifyIdToken: (token, options) => verify(token, 'id', options?.nonce),
  };
}
