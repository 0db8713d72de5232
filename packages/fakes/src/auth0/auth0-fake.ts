import { type FakeRoute, json } from '../framework/fake-http';
import { FakeServer, type FakeServerOptions, type SpecCheckMode } from '../framework/fake-server';
import type { RateLimitDecision, RateLimitRule } from '../framework/rate-limit-budget';
import { auth0AuthenticationRoutes } from './auth0-authentication-routes';
import { managementErrorBody } from './auth0-error-bodies';
import { auth0JobRoutes } from './auth0-job-routes';
import { auth0ManagementRoutes } from './auth0-management-routes';
import { createAuth0SpecChecker } from './auth0-spec';
import { Auth0Tenant, type Auth0TenantSettings } from './auth0-tenant';
import { currentTotpCode } from './auth0-totp';

/** The Management API scopes the README asks the real tenant's M2M application to have. */
export const auth0ManagementScopes = [
  'read:users',
  'create:users',
  'update:users',
  'delete:users',
  'read:roles',
  'create:roles',
  'delete:roles',
  'create:role_members',
  'delete:role_members',
  'read:authentication_methods',
  'create:authentication_methods',
  'delete:authentication_methods',
  'delete:refresh_tokens',
  'delete:sessions',
] as const;

/** The tenant the fake creates by default, shaped like the README's real-tenant setup. */
export const defaultAuth0Tenant: Auth0TenantSettings = {
  domain: 'idport-test.eu.auth0.com',
  connection: { id: 'con_idportDatabase01', name: 'Username-Password-Authentication' },
  applications: [
    {
      clientId: 'idport-app-client-id',
      clientSecret: 'idport-app-client-secret',
      grantTypes: [
        'password',
        'http://auth0.com/oauth/grant-type/password-realm',
        'refresh_token',
        'http://auth0.com/oauth/grant-type/mfa-otp',
        'http://auth0.com/oauth/grant-type/mfa-oob',
        'http://auth0.com/oauth/grant-type/mfa-recovery-code',
      ],
    },
    {
      clientId: 'idport-m2m-client-id',
      clientSecret: 'idport-m2m-client-secret',
      grantTypes: ['client_credentials'],
      managementScopes: auth0ManagementScopes,
    },
  ],
  apiAudience: 'https://api.idport.test/',
  rolesClaim: 'https://idport.dev/roles',
  passwordMinLength: 8,
  bcryptCost: 10,
  accessTokenLifetime: 86_400,
  rotateRefreshTokens: true,
};

/**
 * Auth0's documented Management API limits for paid tenants ("Management API Endpoint Rate
 * Limits"), as token buckets the way Auth0 describes them (a burst size refilled at the
 * sustained rate): Read Users 40 burst / 500 per minute, Write Users 20 burst / 200 per
 * minute, and the tenant-wide self-service limit of 50 requests per second. Each call counts
 * against the first matching rule.
 */
export const auth0PaidTierRateLimits: readonly RateLimitRule[] = [
  {
    name: 'Read Users',
    method: 'GET',
    pathPattern: '^/api/v2/users',
    limit: 40,
    windowSeconds: 60,
    refillPerSecond: 500 / 60,
    source: 'Auth0 "Management API Endpoint Rate Limits", paid tier: Read Users 40 burst, 500/minute',
  },
  ...['POST', 'PATCH', 'DELETE'].map((method) => ({
    name: 'Write Users',
    method,
    pathPattern: '^/api/v2/users',
    limit: 20,
    windowSeconds: 60,
    refillPerSecond: 200 / 60,
    source: 'Auth0 "Management API Endpoint Rate Limits", paid tier: Write Users 20 burst, 200/minute',
  })),
  {
    name: 'Management API',
    pathPattern: '^/api/v2/',
    limit: 50,
    windowSeconds: 1,
    refillPerSecond: 50,
    source: 'Auth0 "Management API Endpoint Rate Limits", self-service paid: 50 requests per second',
  },
];

/** Options of {@link createAuth0Fake}. */
export interface Auth0FakeOptions {
  /** Tenant settings; missing fields come from {@link defaultAuth0Tenant}. */
  readonly tenant?: Partial<Auth0TenantSettings>;
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default `enforce`. */
  readonly specCheck?: SpecCheckMode;
  /** Default {@link auth0PaidTierRateLimits}. */
  readonly rateLimits?: readonly RateLimitRule[];
  /** Delay before bulk jobs run (default 50 ms), so callers see them pending first. */
  readonly jobDelayMs?: number;
  readonly faultSeed?: number;
  readonly log?: (line: string) => void;
  /** Rewrites responses before the spec check; only to prove the checker bites. */
  readonly tamper?: FakeServerOptions['tamper'];
}

/** A running (or startable) Auth0 fake. */
export interface Auth0Fake {
  readonly server: FakeServer;
  /** Base URL (`http://127.0.0.1:PORT`): route `https://{domain}` here. */
  readonly url: string;
  /** The tenant domain the SDKs are configured with. */
  readonly domain: string;
  readonly settings: Auth0TenantSettings;
  start(): Promise<string>;
  stop(): Promise<void>;
  /** Empties the tenant (the signing key is kept, so cached JWKS stay valid). */
  reset(): Promise<void>;
  tenant(): Auth0Tenant;
  /** The current code of a user's TOTP factor (the phone in the user's pocket). */
  currentTotp(userId: string): string;
  /** The binding code "sent" with an OOB challenge. */
  oobBindingCode(oobCode: string): string | undefined;
}

function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'x-ratelimit-limit': String(decision.rule.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(decision.resetAt),
  };
}

/** Creates the Auth0 fake (not started). */
export function createAuth0Fake(options: Auth0FakeOptions = {}): Auth0Fake {
  const settings: Auth0TenantSettings = { ...defaultAuth0Tenant, ...options.tenant };
  let tenant: Auth0Tenant | null = null;
  const outbox = new Map<
    string,
    { oobCode: string; bindingCode: string; userId: string; authenticatorId: string }
  >();
  const initialise = async () => {
    tenant = await Auth0Tenant.create(settings, tenant?.signingKey);
    outbox.clear();
  };
  const current = () => {
    if (!tenant) throw new Error('The Auth0 fake is not started');
    return tenant;
  };
  const currentTotp = (userId: string): string => {
    const factor = current()
      .users.get(userId)
      ?.authenticators.find((authenticator) => authenticator.type === 'totp');
    if (!factor) throw new Error('no TOTP factor');
    return currentTotpCode(factor.secret);
  };
  const jobs = auth0JobRoutes({ tenant: current, jobDelayMs: options.jobDelayMs ?? 50 });
  const controlRoutes: FakeRoute[] = [
    ...jobs.controlRoutes,
    {
      method: 'GET',
      path: '/auth0/users/{id}/totp',
      handler: (request) => {
        try {
          return json(200, { code: currentTotp(request.params.id ?? '') });
        } catch {
          return json(404, { error: 'no TOTP factor' });
        }
      },
    },
    {
      method: 'GET',
      path: '/auth0/oob/{code}',
      handler: (request) => {
        const sent = outbox.get(request.params.code ?? '');
        return sent
          ? json(200, { binding_code: sent.bindingCode })
          : json(404, { error: 'unknown oob code' });
      },
    },
  ];

  const server = new FakeServer({
    name: 'auth0',
    routes: [
      ...auth0AuthenticationRoutes({ tenant: current, outbox }),
      ...auth0ManagementRoutes({ tenant: current }),
      ...jobs.routes,
    ],
    controlRoutes,
    specChecker: options.specCheck === 'off' ? null : createAuth0SpecChecker(),
    specCheck: options.specCheck ?? 'enforce',
    rateLimits: options.rateLimits ?? auth0PaidTierRateLimits,
    hooks: {
      notFound: (request) =>
        request.path.startsWith('/api/v2/')
          ? json(404, managementErrorBody(404, 'Not Found'))
          : json(404, { error: 'not_found', error_description: 'Not Found' }),
      methodNotAllowed: () => json(404, managementErrorBody(404, 'Not Found')),
      malformedBody: (request) =>
        request.path.startsWith('/api/v2/')
          ? json(400, managementErrorBody(400, 'Invalid request payload JSON format', 'invalid_body'))
          : json(400, { error: 'invalid_request', error_description: 'Invalid request payload JSON format' }),
      faultBody: (status) =>
        managementErrorBody(status, status === 429 ? 'Too Many Requests' : 'Internal Server Error'),
      rateLimitHeaders,
      rateLimitedBody: (decision) =>
        decision.rule.pathPattern.startsWith('^/api/v2')
          ? managementErrorBody(429, 'Global limit has been reached', 'too_many_requests')
          : {
              error: 'too_many_requests',
              error_description: 'Rate limit exceeded. Please retry after some time.',
            },
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
    domain: settings.domain,
    settings,
    async start() {
      initialised ??= initialise();
      await initialised;
      return server.start();
    },
    stop: () => server.stop(),
    reset: () => server.reset(),
    tenant: current,
    currentTotp,
    oobBindingCode: (oobCode) => outbox.get(oobCode)?.bindingCode,
  };
}
