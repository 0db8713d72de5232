import { randomUUID } from 'node:crypto';
import { type FakeRequest, type FakeRoute, json } from '../framework/fake-http';
import { FakeServer, type FakeServerOptions, type SpecCheckMode } from '../framework/fake-server';
import type { RateLimitRule } from '../framework/rate-limit-budget';
import { keycloakAdminRoutes } from './keycloak-admin-routes';
import { keycloakOidcRoutes } from './keycloak-oidc-routes';
import { hashPassword, parsePasswordPolicy } from './keycloak-passwords';
import { KeycloakRealm, type KeycloakRealmSettings } from './keycloak-realm';
import { createKeycloakSpecChecker } from './keycloak-spec';
import { decodeBase32, totpCode } from './keycloak-totp';

/** Options of {@link createKeycloakFake}. */
export interface KeycloakFakeOptions {
  /** Realms besides `master`. Default: {@link defaultKeycloakRealm}. */
  readonly realms?: readonly KeycloakRealmSettings[];
  /** The `master` realm administrator (default `admin` / `admin`), signed in through `admin-cli`. */
  readonly admin?: { readonly username: string; readonly password: string };
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default `enforce`. */
  readonly specCheck?: SpecCheckMode;
  /** Keycloak has no request rate limiting of its own, so the default budget is empty. */
  readonly rateLimits?: readonly RateLimitRule[];
  readonly faultSeed?: number;
  readonly log?: (line: string) => void;
  /** Rewrites responses before the spec check; only to prove the checker bites (see the README). */
  readonly tamper?: FakeServerOptions['tamper'];
}

/**
 * The realm the fake creates by default: a confidential client `idport-app` with direct
 * grants (sign-in) and a Group Membership mapper (`groups` claim), and `idport-admin` with a
 * service account allowed to manage users and the realm (administration), as the Keycloak
 * adapter's README asks of a real tenant.
 */
export const defaultKeycloakRealm: KeycloakRealmSettings = {
  realm: 'idport',
  passwordPolicy: 'length(8)',
  clients: [
    {
      clientId: 'idport-app',
      secret: 'idport-app-secret',
      directAccessGrantsEnabled: true,
      groupMembershipClaim: 'groups',
    },
    {
      clientId: 'idport-admin',
      secret: 'idport-admin-secret',
      serviceAccountsEnabled: true,
      serviceAccountRealmManagementRoles: ['manage-users', 'view-users', 'manage-realm'],
    },
  ],
};

/** A running (or startable) Keycloak fake. */
export interface KeycloakFake {
  readonly server: FakeServer;
  /** Base URL, as `baseUrl` of the admin client (`http://127.0.0.1:PORT`). */
  readonly url: string;
  start(): Promise<string>;
  stop(): Promise<void>;
  /** Back to the initial realms (keys kept, so cached JWKS stay valid). */
  reset(): Promise<void>;
  realm(name: string): KeycloakRealm | undefined;
  /** The current TOTP code of a user's OTP credential (the backdoor a phone would be). */
  currentTotp(realm: string, userId: string): string;
  /**
   * The realm as `kc.sh export --realm R` writes it (users with their credentials,
   * `secretData` included), which is where real Keycloak migrations read hashes from.
   */
  exportRealm(realm: string): Record<string, unknown>;
}

/** Creates the Keycloak fake (not started). */
export function createKeycloakFake(options: KeycloakFakeOptions = {}): KeycloakFake {
  const realmSettings = options.realms ?? [defaultKeycloakRealm];
  const admin = options.admin ?? { username: 'admin', password: 'admin' };
  const realms = new Map<string, KeycloakRealm>();
  const keys = new Map<string, KeycloakRealm['signingKey']>();

  const initialise = async () => {
    realms.clear();
    const master = await KeycloakRealm.create(
      {
        realm: 'master',
        roles: ['admin', 'create-realm'],
        // Cheap hashing for the administrator only; realms keep their own policy.
        passwordPolicy: 'hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)',
        clients: [{ clientId: 'admin-cli', publicClient: true, directAccessGrantsEnabled: true }],
      },
      keys.get('master'),
    );
    const adminUser = master.newUser(admin.username);
    adminUser.realmRoles.add('admin');
    adminUser.credentials.push({
      id: randomUUID(),
      type: 'password',
      createdDate: Date.now(),
      priority: 10,
      ...(await hashPassword(admin.password, parsePasswordPolicy(master.settings.passwordPolicy).hash)),
    });
    master.users.set(adminUser.id, adminUser);
    realms.set('master', master);
    for (const settings of realmSettings) {
      realms.set(settings.realm, await KeycloakRealm.create(settings, keys.get(settings.realm)));
    }
    for (const [name, realm] of realms) keys.set(name, realm.signingKey);
  };

  const context = {
    realm: (name: string) => realms.get(name),
    issuer: (request: FakeRequest, realm: string) =>
      `http://${request.headers.host ?? '127.0.0.1'}/realms/${encodeURIComponent(realm)}`,
  };

  const currentTotp = (realmName: string, userId: string): string => {
    const realm = realms.get(realmName);
    const credential = realm?.users.get(userId)?.credentials.find((candidate) => candidate.type === 'otp');
    if (!credential) throw new Error('no OTP credential');
    const data = JSON.parse(credential.credentialData) as Record<string, unknown>;
    const secret = String((JSON.parse(credential.secretData) as { value: string }).value);
    const key = data.secretEncoding === 'BASE32' ? decodeBase32(secret) : Buffer.from(secret, 'utf8');
    const period = Number(data.period ?? 30);
    return totpCode(key, Math.floor(Date.now() / 1000 / period), {
      digits: Number(data.digits ?? 6),
      period,
      algorithm: String(data.algorithm ?? 'HmacSHA1'),
    });
  };

  const exportRealm = (name: string): Record<string, unknown> => {
    const realm = realms.get(name);
    if (!realm) throw new Error(`no realm ${name}`);
    return {
      id: realm.id,
      realm: realm.name,
      groups: [...realm.groups.values()].map((group) => ({
        id: group.id,
        name: group.name,
        path: realm.groupPath(group),
      })),
      users: realm.people().map((user) => ({
        id: user.id,
        username: user.username,
        ...(user.email === undefined ? {} : { email: user.email }),
        ...(user.firstName === undefined ? {} : { firstName: user.firstName }),
        ...(user.lastName === undefined ? {} : { lastName: user.lastName }),
        emailVerified: user.emailVerified,
        enabled: user.enabled,
        createdTimestamp: user.createdTimestamp,
        attributes: structuredClone(user.attributes),
        credentials: user.credentials.map((credential) => ({ ...credential })),
        requiredActions: [...user.requiredActions],
        realmRoles: [...user.realmRoles],
        groups: [...user.groupIds]
          .map((id) => realm.groups.get(id))
          .filter((group) => group !== undefined)
          .map((group) => realm.groupPath(group)),
        notBefore: user.notBefore,
      })),
    };
  };

  const controlRoutes: FakeRoute[] = [
    {
      method: 'GET',
      path: '/keycloak/realms/{realm}/export',
      handler: (request) => {
        try {
          return json(200, exportRealm(request.params.realm ?? ''));
        } catch {
          return json(404, { error: 'no such realm' });
        }
      },
    },
    {
      method: 'GET',
      path: '/keycloak/realms/{realm}/users/{id}/totp',
      handler: (request) => {
        try {
          return json(200, { code: currentTotp(request.params.realm ?? '', request.params.id ?? '') });
        } catch {
          return json(404, { error: 'no OTP credential' });
        }
      },
    },
  ];

  const server = new FakeServer({
    name: 'keycloak',
    routes: [...keycloakAdminRoutes(context), ...keycloakOidcRoutes(context)],
    controlRoutes,
    specChecker: options.specCheck === 'off' ? null : createKeycloakSpecChecker(),
    specCheck: options.specCheck ?? 'enforce',
    rateLimits: options.rateLimits ?? [],
    hooks: {
      notFound: () => json(404, { error: 'HTTP 404 Not Found' }),
      methodNotAllowed: () => json(405, { error: 'HTTP 405 Method Not Allowed' }),
      malformedBody: () => json(400, { error: 'unknown_error' }),
      faultBody: (status) => (status === 429 ? { error: 'too_many_requests' } : { error: 'unknown_error' }),
      rateLimitedBody: () => ({ error: 'too_many_requests' }),
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
    realm: (name) => realms.get(name),
    currentTotp,
    exportRealm,
  };
}
