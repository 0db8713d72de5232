import { FakeHttpError } from '../framework/fake-http';

/**
 * Keycloak's error bodies. The admin API answers with `ErrorRepresentation`
 * (`{"errorMessage": ...}`, or `{"field","errorMessage","params"}` from user-profile
 * validation) for conflicts and validation, and `{"error": ...}` for not-found and auth
 * failures; the OIDC endpoints use OAuth 2.0 `{"error","error_description"}` (RFC 6749 §5.2).
 */
export const keycloakErrors = {
  unauthorized: () => new FakeHttpError(401, { error: 'HTTP 401 Unauthorized' }),
  forbidden: () => new FakeHttpError(403, { error: 'HTTP 403 Forbidden' }),
  notFound: (what: string) => new FakeHttpError(404, { error: `${what} not found` }),
  realmNotFound: () => new FakeHttpError(404, { error: 'Realm not found.' }),
  conflict: (message: string) => new FakeHttpError(409, { errorMessage: message }),
  badRequest: (message: string) => new FakeHttpError(400, { errorMessage: message }),
  fieldError: (field: string, message: string, params: string[]) =>
    new FakeHttpError(400, { field, errorMessage: message, params }),
  oauth: (status: number, error: string, description: string, headers?: Record<string, string>) =>
    new FakeHttpError(status, { error, error_description: description }, headers),
};
