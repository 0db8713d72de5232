import type { VerifiedToken } from '../port/verified-token';
import type { ClaimPath } from './token-verifier-options';

function asStringArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  // OAuth `scope` is one space-separated string (RFC 8693 §4.2).
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  return [];
}

/** Reads a claim by exact name first (names like `cognito:groups` or URLs), then as a dotted path. */
export function readClaim(claims: Readonly<Record<string, unknown>>, path: ClaimPath): unknown {
  if (typeof path === 'string' && Object.hasOwn(claims, path)) return claims[path];
  const segments = typeof path === 'string' ? path.split('.') : path;
  let current: unknown = claims;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function collect(claims: Readonly<Record<string, unknown>>, paths: readonly ClaimPath[]): string[] {
  if (paths.length === 1) return asStringArray(readClaim(claims, paths[0]!));
  const values = new Set<string>();
  for (const path of paths) for (const value of asStringArray(readClaim(claims, path))) values.add(value);
  return [...values];
}

/**
 * Builds the normalized result from verified claims: groups/roles and scopes gathered from the
 * vendor's claims, the client id from `azp`, `client_id` or `cid`.
 */
export function normalizeClaims(
  payload: Readonly<Record<string, unknown>>,
  groupClaims: readonly ClaimPath[],
  scopeClaims: readonly ClaimPath[] = ['scope', 'scp'],
): VerifiedToken {
  const clientId = [payload.azp, payload.client_id, payload.cid].find((value) => typeof value === 'string');
  return {
    subject: String(payload.sub),
    issuer: String(payload.iss),
    audience: typeof payload.aud === 'string' ? [payload.aud] : asStringArray(payload.aud),
    clientId: (clientId as string | undefined) ?? null,
    scopes: collect(payload, scopeClaims),
    groups: collect(payload, groupClaims),
    expiresAt: new Date(Number(payload.exp) * 1000),
    issuedAt: typeof payload.iat === 'number' ? new Date(payload.iat * 1000) : null,
    claims: payload,
  };
}
