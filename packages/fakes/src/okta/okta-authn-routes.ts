import { type FakeRequest, type FakeRoute, json } from '../framework/fake-http';
import { oktaErrors } from './okta-error-bodies';
import { type MfaTransaction, type OktaOrg, type OktaUserRecord, opaqueToken } from './okta-org';
import { checkPassword, passwordPolicyFailures, storePassword } from './okta-passwords';
import { orgUrl } from './okta-representations';
import { verifyOktaTotp } from './okta-totp';

/** What the Classic authn routes need from the fake. */
export interface OktaAuthnContext {
  org(): OktaOrg;
}

const stateTokenLifetimeMs = 5 * 60 * 1000;
const sessionTokenLifetimeMs = 5 * 60 * 1000;

function body(request: FakeRequest): Record<string, unknown> {
  return typeof request.body === 'object' && request.body !== null
    ? (request.body as Record<string, unknown>)
    : {};
}

function embeddedUser(user: OktaUserRecord): Record<string, unknown> {
  return {
    id: user.id,
    passwordChanged: user.passwordChanged,
    profile: {
      login: user.profile.login,
      firstName: user.profile.firstName ?? null,
      lastName: user.profile.lastName ?? null,
      locale: user.profile.locale ?? 'en',
      timeZone: user.profile.timeZone ?? 'America/Los_Angeles',
    },
  };
}

function link(href: string, name?: string): Record<string, unknown> {
  return { ...(name ? { name } : {}), href, hints: { allow: ['POST'] } };
}

function transactionFor(org: OktaOrg, request: FakeRequest): MfaTransaction {
  const stateToken = String(body(request).stateToken ?? '');
  const transaction = org.transactions.get(stateToken);
  if (transaction?.kind !== 'authn' || transaction.expiresAt < Date.now())
    throw oktaErrors.invalidStateToken();
  return transaction;
}

function success(org: OktaOrg, user: OktaUserRecord) {
  const sessionToken = opaqueToken(24);
  const expiresAt = Date.now() + sessionTokenLifetimeMs;
  org.sessionTokens.set(sessionToken, { userId: user.id, expiresAt });
  user.lastLogin = new Date().toISOString();
  return json(200, {
    expiresAt: new Date(expiresAt).toISOString(),
    status: 'SUCCESS',
    sessionToken,
    _embedded: { user: embeddedUser(user) },
  });
}

function newTransaction(
  org: OktaOrg,
  user: OktaUserRecord,
  status: 'MFA_REQUIRED' | 'PASSWORD_EXPIRED',
): MfaTransaction {
  const token = `00${opaqueToken(30)}`;
  const transaction: MfaTransaction = {
    token,
    userId: user.id,
    expiresAt: Date.now() + stateTokenLifetimeMs,
    kind: 'authn',
    authnStatus: status,
  };
  org.transactions.set(token, transaction);
  return transaction;
}

function mfaRequired(org: OktaOrg, request: FakeRequest, user: OktaUserRecord, transaction: MfaTransaction) {
  const base = orgUrl(request);
  return json(200, {
    stateToken: transaction.token,
    expiresAt: new Date(transaction.expiresAt).toISOString(),
    status: 'MFA_REQUIRED',
    _embedded: {
      user: embeddedUser(user),
      factors: org.activeFactorsOf(user.id).map((factor) => ({
        id: factor.id,
        factorType: factor.factorType,
        provider: factor.provider,
        vendorName: factor.provider,
        profile: { credentialId: user.profile.login },
        _links: { verify: link(`${base}/api/v1/authn/factors/${factor.id}/verify`) },
      })),
      policy: {
        allowRememberDevice: false,
        rememberDeviceLifetimeInMinutes: 0,
        rememberDeviceByDefault: false,
        factorsPolicyInfo: {},
      },
    },
    _links: { cancel: link(`${base}/api/v1/authn/cancel`) },
  });
}

/**
 * The Classic Authentication API (`/api/v1/authn`): primary authentication, MFA_REQUIRED with
 * `stateToken` and `_links`, TOTP factor verification, PASSWORD_EXPIRED with change_password,
 * SUCCESS with a one-time `sessionToken`. Shapes from Okta's public Authentication API reference.
 */
export function oktaAuthnRoutes(context: OktaAuthnContext): FakeRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/authn',
      handler: async (request) => {
        const org = context.org();
        const input = body(request);
        const user = org.findUser(String(input.username ?? ''));
        const passwordOk = await checkPassword(user?.password ?? null, String(input.password ?? ''));
        if (user && (user.status === 'ACTIVE' || user.status === 'PASSWORD_EXPIRED'))
          org.recordPasswordAttempt(user, passwordOk);
        if (!user || !passwordOk || (user.status !== 'ACTIVE' && user.status !== 'PASSWORD_EXPIRED')) {
          throw oktaErrors.authenticationFailed();
        }
        if (user.status === 'PASSWORD_EXPIRED') {
          const transaction = newTransaction(org, user, 'PASSWORD_EXPIRED');
          const base = orgUrl(request);
          return json(200, {
            stateToken: transaction.token,
            expiresAt: new Date(transaction.expiresAt).toISOString(),
            status: 'PASSWORD_EXPIRED',
            _embedded: {
              user: embeddedUser(user),
              policy: {
                complexity: {
                  minLength: org.settings.passwordMinLength ?? 8,
                  minLowerCase: 1,
                  minUpperCase: 1,
                  minNumber: 1,
                  minSymbol: 0,
                  excludeUsername: true,
                },
              },
            },
            _links: {
              next: link(`${base}/api/v1/authn/credentials/change_password`, 'changePassword'),
              cancel: link(`${base}/api/v1/authn/cancel`),
            },
          });
        }
        if (org.activeFactorsOf(user.id).length > 0)
          return mfaRequired(org, request, user, newTransaction(org, user, 'MFA_REQUIRED'));
        return success(org, user);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/authn/factors/{factorId}/verify',
      handler: (request) => {
        const org = context.org();
        const transaction = transactionFor(org, request);
        const user = org.users.get(transaction.userId);
        const factor = org.factors.get(request.params.factorId as string);
        if (!user || transaction.authnStatus !== 'MFA_REQUIRED') throw oktaErrors.invalidStateToken();
        if (!factor || factor.userId !== user.id || factor.status !== 'ACTIVE') {
          throw oktaErrors.notFound('UserFactor', request.params.factorId as string);
        }
        if (!verifyOktaTotp(factor, String(body(request).passCode ?? ''))) throw oktaErrors.invalidPasscode();
        org.transactions.delete(transaction.token);
        return success(org, user);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/authn/credentials/change_password',
      handler: async (request) => {
        const org = context.org();
        const transaction = transactionFor(org, request);
        const user = org.users.get(transaction.userId);
        if (!user || transaction.authnStatus !== 'PASSWORD_EXPIRED') throw oktaErrors.invalidStateToken();
        const input = body(request);
        if (!(await checkPassword(user.password, String(input.oldPassword ?? '')))) {
          throw oktaErrors.validation('oldPassword', [
            'oldPassword: The credentials provided were incorrect.',
          ]);
        }
        const next = String(input.newPassword ?? '');
        const failures = passwordPolicyFailures(
          next,
          String(user.profile.login),
          org.settings.passwordMinLength ?? 8,
        );
        if (failures.length > 0 || next === input.oldPassword) {
          throw oktaErrors.passwordRequirements(
            `Password requirements: ${failures.join(', ') || 'the new password must differ from the old one'}.`,
          );
        }
        user.password = storePassword(next);
        user.passwordChanged = new Date().toISOString();
        user.status = 'ACTIVE';
        org.transactions.delete(transaction.token);
        if (org.activeFactorsOf(user.id).length > 0)
          return mfaRequired(org, request, user, newTransaction(org, user, 'MFA_REQUIRED'));
        return success(org, user);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/authn/cancel',
      handler: (request) => {
        const org = context.org();
        const transaction = transactionFor(org, request);
        org.transactions.delete(transaction.token);
        return json(200, { status: 'UNAUTHENTICATED' });
      },
    },
  ];
}
