import { SpecChecker, type SpecCorrection } from '../framework/spec-checker';
import { type OpenApiDocument, readShippedSpec, type SpecDocument } from '../framework/spec-document';

/**
 * Auth0's document uses two format names of its own: `strict-uri` (checked here as `uri`) and
 * `authenticator-id` (an opaque id, left unchecked). Renamed so the validator knows them.
 */
function withStandardFormats(document: OpenApiDocument): OpenApiDocument {
  const text = JSON.stringify(document)
    .replaceAll('"format":"strict-uri"', '"format":"uri"')
    .replaceAll('"format":"authenticator-id"', '"x-auth0-format":"authenticator-id"');
  return JSON.parse(text) as OpenApiDocument;
}

const passwordRealmGrant = {
  type: 'object',
  title: 'Resource Owner Password with realm',
  required: ['grant_type', 'client_id', 'username', 'password', 'realm'],
  properties: {
    grant_type: { type: 'string', enum: ['http://auth0.com/oauth/grant-type/password-realm'] },
    client_id: { type: 'string' },
    client_secret: { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    realm: { type: 'string' },
    scope: { type: 'string' },
    audience: { type: 'string' },
  },
};

/**
 * The `/oauth/token` request oneOf (form and JSON) has no schema for grant_type
 * `http://auth0.com/oauth/grant-type/password-realm`, which the endpoint accepts (Auth0 docs,
 * "Resource Owner Password Flow", realm support). Added to the document's components and to
 * both media types' oneOf when loading (a correction would cover JSON bodies only).
 */
function withPasswordRealmGrant(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document) as OpenApiDocument & {
    components: { schemas: Record<string, unknown> };
  };
  copy.components.schemas.IdportPasswordRealmGrant = passwordRealmGrant;
  const operation = copy.paths['/oauth/token']?.post as {
    requestBody: { content: Record<string, { schema: { oneOf?: unknown[] } }> };
  };
  for (const media of Object.values(operation.requestBody.content)) {
    media.schema.oneOf?.push({ $ref: '#/components/schemas/IdportPasswordRealmGrant' });
  }
  return copy;
}

/** The documents the Auth0 fake is checked against (see `specs/README.md`). */
export function auth0SpecDocuments(): SpecDocument[] {
  return [
    {
      id: 'auth0-management',
      document: withStandardFormats(readShippedSpec('auth0-management-v2.openapi.json')),
      // The paths are relative to the document's server URL, `https://{tenant}/api/v2`.
      basePath: '/api/v2',
      source: 'auth0/docs-v2, docs/oas/management/v2/management-api-oas.json (OpenAPI 3.1)',
      licence: 'MIT',
      authoredBy: 'vendor',
    },
    {
      id: 'auth0-authentication',
      document: withPasswordRealmGrant(readShippedSpec('auth0-authentication.openapi.json')),
      source: 'auth0/docs-v2, docs/oas/authentication/authentication-api-oas.json (OpenAPI 3.1)',
      licence: 'MIT',
      authoredBy: 'vendor',
    },
    {
      id: 'auth0-discovery',
      document: readShippedSpec('auth0-discovery.idport.openapi.json'),
      source: 'Written by idport from OpenID Connect Discovery 1.0 §3 and RFC 7517, as Auth0 serves them',
      licence: 'MIT',
      authoredBy: 'idport',
    },
  ];
}

const tokenResponseProperties = {
  access_token: { type: 'string' },
  token_type: { type: 'string', enum: ['Bearer'] },
  expires_in: { type: 'integer' },
  refresh_token: { type: 'string' },
  id_token: { type: 'string' },
  scope: { type: 'string' },
};

/** Where Auth0's published documents are incomplete, with the reason and the reference. */
export const auth0SpecCorrections: readonly SpecCorrection[] = [
  {
    method: 'POST',
    path: '/oauth/token',
    part: 'responseBody',
    status: 403,
    reason:
      'ErrorResponse lists only error, error_description and error_uri; the mfa_required answer also carries mfa_token ' +
      '(and mfa_requirements), as Auth0 documents in "Authenticate Using the Resource Owner Password Flow with MFA".',
    schema: {
      type: 'object',
      required: ['error'],
      properties: {
        error: { type: 'string' },
        error_description: { type: 'string' },
        error_uri: { type: 'string', format: 'uri' },
        mfa_token: { type: 'string' },
        mfa_requirements: { type: 'object' },
      },
      additionalProperties: false,
    },
  },
  {
    method: 'POST',
    path: '/oauth/token',
    part: 'responseBody',
    status: 200,
    reason:
      'TokenResponse has no recovery_code; the mfa-recovery-code grant answers with the next recovery code in it ' +
      '(Auth0 docs, "Challenge with recovery codes").',
    schema: {
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in'],
      properties: { ...tokenResponseProperties, recovery_code: { type: 'string' } },
      additionalProperties: false,
    },
  },
];

/**
 * The Auth0 spec checker. 401, 403, 404 and 429 may be answered by any operation (the
 * Authentication API document lists them on few).
 */
export function createAuth0SpecChecker(): SpecChecker {
  return new SpecChecker(auth0SpecDocuments(), {
    corrections: auth0SpecCorrections,
    implicitStatuses: [401, 403, 404, 429],
    closedResponseObjects: true,
  });
}
