import type { FakeRoute } from '../framework/fake-http';
import { json } from '../framework/fake-http';
import { FakeServer, type FakeServerOptions, type SpecCheckMode } from '../framework/fake-server';
import type { RateLimitDecision, RateLimitRule } from '../framework/rate-limit-budget';
import type { SigningKey } from '../framework/signing-keys';
import { oktaAuthnRoutes } from './okta-authn-routes';
import { oktaError } from './okta-error-bodies';
import { oktaManagementRoutes } from './okta-management-routes';
import { oktaOAuthRoutes } from './okta-oauth-routes';
import { OktaOrg, type OktaOrgSettings } from './okta-org';
import { oktaOrgOAuthRoutes } from './okta-org-oauth-routes';
import { createOktaSpecChecker } from './okta-spec';
import { currentOktaTotp } from './okta-totp';

/** Options of {@link createOktaFake}. */
export interface OktaFakeOptions {
  /** Default: {@link defaultOktaOrg}. */
  readonly org?: OktaOrgSettings;
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default `enforce`. */
  readonly specCheck?: SpecCheckMode;
  /** Default: {@link oktaDefaultRateLimits}. */
  readonly rateLimits?: readonly RateLimitRule[];
  readonly faultSeed?: number;
  readonly log?: (line: string) => void;
  /** Rewrites responses before the spec check; only to prove the checker bites. */
  readonly tamper?: FakeServerOptions['tamper'];
}

/**
 * The org the fake creates by default: API token `idport-fake-api-token`, and an OIDC web app
 * `idport-app` / `idport-app-secret` allowed the password, refresh_token and MFA OTP grants on
 * the `default` authorization server, with refresh tokens rotated and no grace period.
 */
export const defaultOktaOrg: OktaOrgSettings = {
  apiTokens: ['idport-fake-api-token'],
  clients: [
    {
      clientId: 'idport-app',
      clientSecret: 'idport-app-secret',
      grantTypes: ['password', 'refresh_token', 'http://auth0.com/oauth/grant-type/mfa-otp'],
      refreshTokenBehavior: 'rotate',
      refreshTokenGracePeriodSeconds: 0,
    },
  ],
  authorizationServers: [{ id: 'default', audience: 'api://default' }],
  passwordMinLength: 8,
  groupsClaim: true,
};

const minute = 60;
const source =
  'Okta rate limits, developer.okta.com/docs/reference/rl-global-mgmt (Workforce org, per minute)';

/**
 * Per-minute budgets modelled on Okta's documented org-wide limits. The first matching rule
 * counts a call, so specific paths come first.
 */
export const oktaDefaultRateLimits: readonly RateLimitRule[] = [
  { name: '/api/v1/authn', pathPattern: '^/api/v1/authn', limit: 600, windowSeconds: minute, source },
  { name: '/api/v1/users', pathPattern: '^/api/v1/users/?$', limit: 600, windowSeconds: minute, source },
  {
    name: '/api/v1/users/{id}',
    pathPattern: '^/api/v1/users/[^/]+',
    limit: 600,
    windowSeconds: minute,
    source,
  },
  { name: '/api/v1/groups', pathPattern: '^/api/v1/groups', limit: 500, windowSeconds: minute, source },
  {
    name: '/oauth2/{authorizationServerId}/v1',
    pathPattern: '^/oauth2/',
    limit: 2000,
    windowSeconds: minute,
    source,
  },
  { name: '/api/v1 (other)', pathPattern: '^/api/v1/', limit: 1200, windowSeconds: minute, source },
];

/** A running (or startable) Okta fake. */
export interface OktaFake {
  readonly server: FakeServer;
  /** Base URL, the `orgUrl` of the SDK (`http://127.0.0.1:PORT`). */
  readonly url: string;
  start(): Promise<string>;
  stop(): Promise<void>;
  /** Back to an empty org (signing key kept, so cached JWKS stay valid). */
  reset(): Promise<void>;
  org(): OktaOrg;
  /** The current TOTP code of a user's active or pending factor (the backdoor a phone would be). */
  currentTotp(userId: string): string;
}

/** Okta's rate-limit headers: limit, remaining, and the reset time in epoch seconds. */
function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'x-rate-limit-limit': String(decision.rule.limit),
    'x-rate-limit-remaining': String(decision.remaining),
    'x-rate-limit-reset': String(decision.resetAt),
  };
}

/** Creates the Okta fake (not started). */
export function createOktaFake(options: OktaFakeOptions = {}): OktaFake {
  const settings = options.org ?? defaultOktaOrg;
  let org: OktaOrg | null = null;
  let key: SigningKey | undefined;
  const initialise = async () => {
    org = await OktaOrg.create(settings, key);
    key = org.signingKey;
  };
  const current = (): OktaOrg => {
    if (!org) throw new Error('The Okta fake is not started');
    return org;
  };
  const context = { org: current };

  const currentTotp = (userId: string): string => {
    const factor = current().factorsOf(userId)[0];
    if (!factor) throw new Error('no TOTP factor');
    return currentOktaTotp(factor);
  };

  const controlRoutes: FakeRoute[] = [
    {
      method: 'GET',
      path: '/okta/users/{id}/totp',
      handler: (request) => {
        try {
          return json(200, { code: currentTotp(request.params.id ?? '') });
        } catch {
          return json(404, { error: 'no TOTP factor' });
        }
      },
    },
  ];

  const server = new FakeServer({
    name: 'okta',
    routes: [
      ...oktaManagementRoutes(context),
      ...oktaAuthnRoutes(context),
      ...oktaOAuthRoutes(context),
      ...oktaOrgOAuthRoutes(context),
    ],
    controlRoutes,
    specChecker: options.specCheck === 'off' ? null : createOktaSpecChecker(),
    specCheck: options.specCheck ?? 'enforce',
    rateLimits: options.rateLimits ?? oktaDefaultRateLimits,
    hooks: {
      notFound: (request) => ({
        status: 404,
        body: oktaError(404, 'E0000022', `The endpoint does not exist: ${request.path}`).body,
      }),
      methodNotAllowed: () => ({
        status: 405,
        body: oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method').body,
      }),
      malformedBody: () => ({
        status: 400,
        body: oktaError(400, 'E0000003', 'The request body was not well-formed.').body,
      }),
      faultBody: (status) =>
        status === 429
          ? oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.').body
          : oktaError(status, 'E0000009', 'Internal Server Error').body,
      rateLimitHeaders,
      rateLimitedBody: () =>
        oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.').body,
    },
    onReset: initialise,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.faultSeed === undefined ? {} : { faultSeed: options.faultSeed }),
    ...(options.log === undefined ? {} : { log: options.log }),
    ...(options.tamper === undefined ? {} : { tamper: options.tamper }),
  });

  let initialised: Promise<void> | null = null;
  return {
    server,
    get url() {
      return server.url;
    },
    async start() {
      initialised ??= initialise();
      await initialised;
      return server.start();
    },
    stop: () => server.stop(),
    reset: () => server.reset(),
    org: current,
    currentTotp,
  };
}
