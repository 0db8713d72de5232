import { randomBytes } from 'node:crypto';
import { FakeHttpError } from '../framework/fake-http';

/** An `errorId` as Okta prints them (`oae` + 22 characters). */
function errorId(): string {
  return `oae${randomBytes(16).toString('base64url').slice(0, 22)}`;
}

/**
 * Okta's management and authn error body (`Error` in the management document):
 * `errorCode` (E0000xxx), `errorSummary`, `errorLink`, `errorId`, `errorCauses`.
 */
export function oktaError(
  status: number,
  code: string,
  summary: string,
  causes: readonly string[] = [],
  headers?: Record<string, string>,
): FakeHttpError {
  return new FakeHttpError(
    status,
    {
      errorCode: code,
      errorSummary: summary,
      errorLink: code,
      errorId: errorId(),
      errorCauses: causes.map((cause) => ({ errorSummary: cause })),
    },
    headers,
  );
}

/** The Okta errors the fake answers with, named after their meaning. */
export const oktaErrors = {
  /** E0000011: missing or unknown API token (SSWS) or bearer token. */
  invalidToken: () => oktaError(401, 'E0000011', 'Invalid token provided'),
  /** E0000006: the token is valid but may not do this. */
  forbidden: () => oktaError(403, 'E0000006', 'You do not have permission to perform the requested action'),
  notFound: (what: string, id: string) =>
    oktaError(404, 'E0000007', `Not found: Resource not found: ${id} (${what})`),
  /** E0000001: validation failed; the causes name the field (`login: ...`). */
  validation: (field: string, causes: readonly string[]) =>
    oktaError(400, 'E0000001', `Api validation failed: ${field}`, causes),
  /** E0000003: malformed JSON. */
  malformed: () => oktaError(400, 'E0000003', 'The request body was not well-formed.'),
  /** E0000022: the path exists but not with this method. */
  methodNotAllowed: () =>
    oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method'),
  /** E0000004: wrong credentials at /api/v1/authn (the same for unknown users). */
  authenticationFailed: () => oktaError(401, 'E0000004', 'Authentication failed'),
  /** E0000068: wrong one-time passcode. */
  invalidPasscode: (cause = "Your passcode doesn't match our records. Please try again.") =>
    oktaError(403, 'E0000068', 'Invalid Passcode/Answer', [cause]),
  /** E0000011 for an unknown or expired `stateToken`. */
  invalidStateToken: () => oktaError(403, 'E0000011', 'Invalid token provided'),
  /** E0000047: rate limit exceeded. */
  rateLimited: () => oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.'),
  /** E0000009: internal error. */
  internal: () => oktaError(500, 'E0000009', 'Internal Server Error'),
  /** E0000016 family: a lifecycle transition not allowed from the current status. */
  lifecycle: (summary: string) => oktaError(400, 'E0000001', 'Api validation failed: status', [summary]),
  /** E0000014: password update not allowed / complexity (authn change_password). */
  passwordRequirements: (summary: string) =>
    oktaError(
      403,
      'E0000080',
      'The password does not meet the complexity requirements of the current password policy.',
      [summary],
    ),
  oauth: (status: number, error: string, description: string, extra: Record<string, string> = {}) =>
    new FakeHttpError(status, { error, error_description: description, ...extra }),
};
