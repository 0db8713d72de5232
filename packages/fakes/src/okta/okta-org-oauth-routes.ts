import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { type FakeRequest, type FakeRoute, json } from '../framework/fake-http';
import { oktaErrors } from './okta-error-bodies';
import { type OktaOrg, opaqueToken } from './okta-org';
import { orgUrl } from './okta-representations';

/** What the org authorization server routes need from the fake. */
export interface OktaOrgOAuthContext {
  org(): OktaOrg;
}

const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const managementTokenLifetimeSeconds = 3600;

function form(request: FakeRequest): Record<string, string> {
  return typeof request.body === 'object' && request.body !== null
    ? (request.body as Record<string, string>)
    : {};
}

/**
 * The org authorization server's token endpoint for API service apps: `client_credentials`
 * with a private-key-JWT client assertion (`aud` = the endpoint URL, `iss` = `sub` = client
 * id), answering a Bearer access token for the management API with the granted `okta.*`
 * scopes. The Okta SDK's `PrivateKey` mode calls it. A DPoP header is ignored (DPoP not required).
 */
export function oktaOrgOAuthRoutes(context: OktaOrgOAuthContext): FakeRoute[] {
  return [
    {
      method: 'POST',
      path: '/oauth2/v1/token',
      handler: async (request) => {
        const org = context.org();
        const parameters = form(request);
        if (parameters.grant_type !== 'client_credentials') {
          throw oktaErrors.oauth(
            400,
            'unsupported_grant_type',
            'The fake org authorization server only issues client_credentials tokens.',
          );
        }
        if (parameters.client_assertion_type !== assertionType || !parameters.client_assertion) {
          throw oktaErrors.oauth(401, 'invalid_client', 'No client credentials found.');
        }
        const endpoint = `${orgUrl(request)}/oauth2/v1/token`;
        let clientId: string;
        try {
          const unverified = JSON.parse(
            Buffer.from(parameters.client_assertion.split('.')[1] ?? '', 'base64url').toString('utf8'),
          ) as { iss?: string };
          clientId = String(unverified.iss ?? '');
        } catch {
          throw oktaErrors.oauth(401, 'invalid_client', 'The client_assertion token is invalid.');
        }
        const app = org.settings.serviceApps?.find((candidate) => candidate.clientId === clientId);
        if (!app) throw oktaErrors.oauth(401, 'invalid_client', 'The client_assertion token is invalid.');
        try {
          const keys = createLocalJWKSet({ keys: app.publicKeys } as unknown as JSONWebKeySet);
          await jwtVerify(parameters.client_assertion, keys, {
            audience: endpoint,
            issuer: clientId,
            subject: clientId,
            requiredClaims: ['exp', 'jti'],
          });
        } catch {
          throw oktaErrors.oauth(401, 'invalid_client', 'The client_assertion token is invalid.');
        }
        const requested = (parameters.scope ?? '').split(' ').filter(Boolean);
        const refused = requested.filter((scope) => !app.scopes.includes(scope));
        if (requested.length === 0 || refused.length > 0) {
          throw oktaErrors.oauth(
            400,
            'invalid_scope',
            `The following scopes are not allowed: ${refused.join(' ') || '(none requested)'}`,
          );
        }
        const token = opaqueToken(32);
        org.managementTokens.set(token, {
          clientId,
          scopes: requested,
          expiresAt: Date.now() + managementTokenLifetimeSeconds * 1000,
        });
        return json(
          200,
          {
            token_type: 'Bearer',
            expires_in: managementTokenLifetimeSeconds,
            access_token: token,
            scope: requested.join(' '),
          },
          { 'cache-control': 'no-store', pragma: 'no-cache' },
        );
      },
    },
  ];
}
