import { IdentityError, normalizeClaims, type VerifiedToken } from '@idport/core';

/** What an emulator token must match. */
export interface EmulatorTokenExpectations {
  projectId: string;
  tenantId?: string;
  groupsClaim: string;
  /** Leeway for exp/iat in seconds. */
  clockToleranceSeconds?: number;
}

const maxTokenLength = 16_384;

function decodeSegment(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // Falls through to the same refusal as a non-object segment.
  }
  throw invalid('malformed token');
}

function invalid(reason: string): IdentityError {
  return new IdentityError({
    code: 'TOKEN_INVALID',
    provider: 'firebase',
    message: `Token rejected: ${reason}`,
  });
}

/**
 * Verifies a Firebase Auth **emulator** ID token. The emulator signs nothing (`alg: none`),
 * so only the claims can be checked: issuer, audience, expiry, issue time, subject and
 * tenant. This runs only when the adapter was configured with `emulatorHost` — a setting,
 * never something a token can ask for — and refuses any token that does carry a signature
 * algorithm, so a production token can never take this path.
 */
export function verifyEmulatorToken(token: string, expectations: EmulatorTokenExpectations): VerifiedToken {
  if (token.length > maxTokenLength) throw invalid('token is too large');
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid('malformed token');
  const header = decodeSegment(parts[0] as string);
  const payload = decodeSegment(parts[1] as string) as Parameters<typeof normalizeClaims>[0] & {
    firebase?: { tenant?: unknown };
  };
  if (header.alg !== 'none') throw invalid('emulator mode accepts only unsigned emulator tokens');
  if (parts[2] !== '') throw invalid('unsigned token carries a signature');
  const tolerance = expectations.clockToleranceSeconds ?? 30;
  const now = Math.floor(Date.now() / 1000);
  if (payload.iss !== `https://securetoken.google.com/${expectations.projectId}`)
    throw invalid('unexpected issuer');
  const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audience.includes(expectations.projectId)) throw invalid('unexpected audience');
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 128) {
    throw invalid('missing subject');
  }
  if (typeof payload.exp !== 'number') throw invalid('missing expiry');
  if (payload.exp + tolerance <= now) {
    throw new IdentityError({ code: 'TOKEN_EXPIRED', provider: 'firebase', message: 'Token has expired' });
  }
  if (typeof payload.iat !== 'number' || payload.iat - tolerance > now) throw invalid('issued in the future');
  if ((payload.firebase?.tenant ?? undefined) !== expectations.tenantId) throw invalid('unexpected tenant');
  return normalizeClaims(payload, [expectations.groupsClaim]);
}
