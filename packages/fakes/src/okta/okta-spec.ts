import { SpecChecker, type SpecCorrection } from '../framework/spec-checker';
import { type OpenApiDocument, readShippedSpec, type SpecDocument } from '../framework/spec-document';

/**
 * Drops `examples` (data, not schemas) from a document. Okta's management document has
 * examples holding JSON Schemas with `$id: http://{yourOktaDomain}/...`, which ajv would
 * register as schema ids and refuse as malformed URIs. Validation never reads examples.
 */
function withoutExamples(document: OpenApiDocument): OpenApiDocument {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'examples' || key === 'example') continue;
      copy[key] = visit(value);
    }
    return copy;
  };
  return visit(document) as OpenApiDocument;
}

/** The documents the Okta fake is checked against (see `specs/README.md`). */
export function oktaSpecDocuments(): SpecDocument[] {
  return [
    {
      id: 'okta-management',
      document: withoutExamples(readShippedSpec('okta-management.openapi.json')),
      source:
        'Okta Admin Management API, OpenAPI 3.0.3 (v2026.06.3), okta/okta-management-openapi-spec dist/current/management-minimal.yaml, converted from YAML to JSON unmodified',
      licence: 'Apache-2.0',
      authoredBy: 'vendor',
    },
    {
      id: 'okta-oauth',
      document: withoutExamples(readShippedSpec('okta-oauth.openapi.json')),
      source:
        'Okta OAuth 2.0 / OpenID Connect API, OpenAPI 3.0.3, okta/okta-management-openapi-spec dist/current/oauth-minimal.yaml, converted from YAML to JSON unmodified',
      licence: 'Apache-2.0',
      authoredBy: 'vendor',
    },
  ];
}

/** Where Okta's published documents are narrower than what Okta answers, with the reason. */
export const oktaSpecCorrections: readonly SpecCorrection[] = [
  {
    method: 'POST',
    path: '/oauth2/{authorizationServerId}/v1/token',
    part: 'responseBody',
    status: 403,
    reason:
      'The direct-authentication `mfa_required` answer carries `mfa_token` (Okta "Direct authentication" guide, ' +
      'MFA OTP flow: the token endpoint answers 403 {"error":"mfa_required","error_description","mfa_token"}), ' +
      'which the closed OAuthError schema does not list; /challenge documents `mfa_token` as this value.',
    schema: {
      type: 'object',
      required: ['error'],
      properties: {
        error: { type: 'string' },
        error_description: { type: 'string' },
        mfa_token: { type: 'string' },
      },
      additionalProperties: false,
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users/{userId}/factors',
    part: 'responseBody',
    status: 200,
    reason:
      'The document types every `_embedded` value as an object without properties; the enroll response of a ' +
      'TOTP factor carries `_embedded.activation` {timeStep, sharedSecret, encoding, keyLength, _links.qrcode} ' +
      '(Okta Factors API reference, "Enroll Okta Verify TOTP / Google Authenticator factor", response example).',
    schema: {
      type: 'object',
      required: ['id', 'factorType', 'provider', 'status'],
      properties: {
        id: { type: 'string' },
        factorType: { $ref: '#/components/schemas/UserFactorType' },
        provider: { type: 'string', enum: ['OKTA', 'GOOGLE'] },
        vendorName: { type: 'string' },
        status: { $ref: '#/components/schemas/UserFactorStatus' },
        created: { type: 'string', format: 'date-time' },
        lastUpdated: { type: 'string', format: 'date-time' },
        profile: {
          type: 'object',
          properties: { credentialId: { type: 'string' } },
          additionalProperties: false,
        },
        _links: { $ref: '#/components/schemas/UserFactorLinks' },
        _embedded: {
          type: 'object',
          properties: {
            activation: {
              type: 'object',
              required: ['timeStep', 'sharedSecret', 'encoding', 'keyLength'],
              properties: {
                timeStep: { type: 'integer' },
                sharedSecret: { type: 'string' },
                encoding: { type: 'string', enum: ['base32'] },
                keyLength: { type: 'integer' },
                _links: {
                  type: 'object',
                  properties: { qrcode: { $ref: '#/components/schemas/HrefObject' } },
                  additionalProperties: false,
                },
              },
              additionalProperties: false,
            },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
  ...(['activate', 'verify'] as const).map(
    (step): SpecCorrection => ({
      method: 'POST',
      path:
        step === 'activate'
          ? '/api/v1/users/{userId}/factors/{factorId}/lifecycle/activate'
          : '/api/v1/users/{userId}/factors/{factorId}/verify',
      part: 'requestBody',
      reason:
        'The body is documented as a `oneOf` whose call, sms, email and TOTP branches are all `{passCode}` ' +
        'without `type` or `required`, so a TOTP body matches several branches and `oneOf` always fails; ' +
        'the TOTP branch is named here.',
      schema: {
        type: 'object',
        properties: { passCode: { type: 'string' } },
        required: ['passCode'],
        additionalProperties: false,
      },
    }),
  ),
  {
    method: 'POST',
    path: '/api/v1/users/{userId}/factors/{factorId}/lifecycle/activate',
    part: 'responseBody',
    status: 200,
    reason:
      'UserFactorActivateResponse lists only `factorType` and `_links`; the real answer is the activated factor, ' +
      'which the document names through its discriminator mapping (token:software:totp → UserFactorTokenSoftwareTOTP).',
    schema: { $ref: '#/components/schemas/UserFactorTokenSoftwareTOTP' },
  },
];

/** Corrections to the OAuth document (kept apart: a correction applies to the document that covers the path). */
export const oktaOAuthSpecCorrections: readonly SpecCorrection[] = [
  {
    method: 'POST',
    path: '/oauth2/{authorizationServerId}/v1/challenge',
    part: 'requestBody',
    reason:
      "`challenge_types_supported` is documented as an array, but it is a form field: Okta's direct " +
      'authentication guide sends the challenge types as one space-separated value, as it does for ' +
      '`grant_types_supported` at the token endpoint.',
    schema: {
      type: 'object',
      required: ['mfa_token'],
      properties: {
        mfa_token: { type: 'string' },
        challenge_types_supported: { type: 'string' },
        channel_hint: { $ref: '#/components/schemas/Channel' },
        client_id: { type: 'string' },
        client_secret: { type: 'string' },
        client_assertion: { type: 'string' },
        client_assertion_type: { type: 'string' },
      },
      additionalProperties: false,
    },
  },
  {
    method: 'GET',
    path: '/oauth2/{authorizationServerId}/v1/keys',
    part: 'responseBody',
    status: 200,
    reason:
      '`keys` items are typed as the base JsonWebKey, whose RSA members (`n`, `e`) only appear in the ' +
      'discriminator mapping (JsonWebKeyRsa, whose `allOf` loops back through JsonSigningWebKey); the RSA key is spelled out here from JsonWebKey + JsonWebKeyRsa.',
    schema: {
      type: 'object',
      properties: {
        keys: {
          type: 'array',
          items: {
            type: 'object',
            required: ['kty', 'kid'],
            properties: {
              kty: { type: 'string', enum: ['RSA'] },
              alg: { $ref: '#/components/schemas/SigningAlgorithm' },
              kid: { type: 'string' },
              use: { $ref: '#/components/schemas/JsonWebKeyUse' },
              status: { $ref: '#/components/schemas/JsonWebKeyStatus' },
              n: { type: 'string' },
              e: { type: 'string' },
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
  },
];

/**
 * The Okta spec checker. 401, 403, 404 and 429 are accepted on every operation: Okta answers
 * them everywhere (invalid token, missing permission, unknown id, rate limit) though not every
 * operation lists them.
 */
export function createOktaSpecChecker(): SpecChecker {
  return new SpecChecker(oktaSpecDocuments(), {
    corrections: [...oktaSpecCorrections, ...oktaOAuthSpecCorrections],
    implicitStatuses: [401, 403, 404, 429],
    closedResponseObjects: true,
  });
}

/** Endpoints the fake serves that Okta's published documents do not cover, and where their shapes come from. */
export const oktaUncoveredEndpoints = [
  {
    method: 'POST',
    path: '/api/v1/authn',
    reference:
      'Okta Classic Authentication API reference (developer.okta.com/docs/reference/api/authn): primary authentication, transaction model (stateToken, status, _embedded, _links)',
  },
  {
    method: 'POST',
    path: '/api/v1/authn/factors/{factorId}/verify',
    reference: 'Authentication API: Verify TOTP factor',
  },
  {
    method: 'POST',
    path: '/api/v1/authn/credentials/change_password',
    reference: 'Authentication API: Change password (PASSWORD_EXPIRED state)',
  },
  { method: 'POST', path: '/api/v1/authn/cancel', reference: 'Authentication API: Cancel transaction' },
] as const;
