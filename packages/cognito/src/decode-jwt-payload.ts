/**
 * Reads a JWT's claims WITHOUT verifying it. Only for tokens that just came from Cognito
 * over the SDK's connection (to read `exp`, `scope`, `username`); never for tokens a caller
 * hands in: those go through `tokens.verify*`.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    const payload: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
