import { SpecChecker, type SpecCorrection } from '../framework/spec-checker';
import { readShippedSpec, type SpecDocument } from '../framework/spec-document';

/** The documents the Keycloak fake is checked against (see `specs/README.md`). */
export function keycloakSpecDocuments(): SpecDocument[] {
  return [
    {
      id: 'keycloak-admin',
      document: readShippedSpec('keycloak-admin-26.6.2.openapi.json'),
      source: 'Keycloak Admin REST API 26.6.2 OpenAPI document, as published with the Keycloak docs',
      licence: 'Apache-2.0',
      authoredBy: 'vendor',
    },
    {
      id: 'keycloak-oidc',
      document: readShippedSpec('keycloak-oidc.idport.openapi.json'),
      source:
        'Written by idport from RFC 6749, RFC 7009, RFC 7517, OIDC Core §5.3, OIDC Discovery §3 and the Keycloak guides',
      licence: 'MIT',
      authoredBy: 'idport',
    },
  ];
}

/** Where Keycloak's published document is wrong, with the reason. */
export const keycloakSpecCorrections: readonly SpecCorrection[] = [
  {
    method: 'POST',
    path: '/admin/realms/{realm}/partialImport',
    part: 'requestBody',
    reason:
      'Documented as a binary string; Keycloak reads a PartialImportRepresentation JSON object ' +
      '(org.keycloak.representations.idm.PartialImportRepresentation in keycloak/core).',
    schema: {
      type: 'object',
      properties: {
        ifResourceExists: { type: 'string', enum: ['FAIL', 'SKIP', 'OVERWRITE'] },
        policy: { type: 'string', enum: ['FAIL', 'SKIP', 'OVERWRITE'] },
        users: { type: 'array', items: { $ref: '#/components/schemas/UserRepresentation' } },
        groups: { type: 'array', items: { $ref: '#/components/schemas/GroupRepresentation' } },
        roles: { $ref: '#/components/schemas/RolesRepresentation' },
        clients: { type: 'array', items: { $ref: '#/components/schemas/ClientRepresentation' } },
        identityProviders: {
          type: 'array',
          items: { $ref: '#/components/schemas/IdentityProviderRepresentation' },
        },
      },
      additionalProperties: false,
    },
  },
  {
    method: 'POST',
    path: '/admin/realms/{realm}/partialImport',
    part: 'responseBody',
    status: 200,
    reason:
      'Documented as a bare object; Keycloak answers PartialImportResults ' +
      '(org.keycloak.partialimport.PartialImportResults: overwritten, added, skipped, results).',
    schema: {
      type: 'object',
      required: ['overwritten', 'added', 'skipped', 'results'],
      properties: {
        overwritten: { type: 'integer' },
        added: { type: 'integer' },
        skipped: { type: 'integer' },
        results: {
          type: 'array',
          items: {
            type: 'object',
            required: ['action', 'resourceType', 'resourceName'],
            properties: {
              action: { type: 'string', enum: ['ADDED', 'SKIPPED', 'OVERWRITTEN'] },
              resourceType: { type: 'string' },
              resourceName: { type: 'string' },
              id: { type: 'string' },
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
 * The Keycloak spec checker. 401, 403 and 404 are accepted on every operation: Keycloak
 * answers them everywhere, but the document lists them on few operations.
 */
export function createKeycloakSpecChecker(): SpecChecker {
  return new SpecChecker(keycloakSpecDocuments(), {
    corrections: keycloakSpecCorrections,
    implicitStatuses: [401, 403, 404],
    closedResponseObjects: true,
  });
}

/** Endpoints the fake serves that Keycloak's published document does not cover, and where their shapes come from. */
export const keycloakUncoveredEndpoints = [
  {
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/token',
    reference:
      'RFC 6749 §4.3, §4.4, §5, §6; Keycloak "Securing applications" (OIDC endpoints, `totp` form field of the direct grant)',
  },
  {
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/revoke',
    reference: 'RFC 7009; Keycloak OIDC endpoints',
  },
  {
    method: 'POST',
    path: '/realms/{realm}/protocol/openid-connect/logout',
    reference: 'Keycloak OIDC endpoints (back-channel logout with refresh_token)',
  },
  {
    method: 'GET|POST',
    path: '/realms/{realm}/protocol/openid-connect/userinfo',
    reference: 'OpenID Connect Core 1.0 §5.3',
  },
  { method: 'GET', path: '/realms/{realm}/protocol/openid-connect/certs', reference: 'RFC 7517 (JWK Set)' },
  {
    method: 'GET',
    path: '/realms/{realm}/.well-known/openid-configuration',
    reference: 'OpenID Connect Discovery 1.0 §3',
  },
] as const;
