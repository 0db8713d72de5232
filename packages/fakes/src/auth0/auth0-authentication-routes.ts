import { randomBytes } from 'node:crypto';
import { type FakeRequest, type FakeRoute, json } from '../framework/fake-http';
import { toJwks } from '../framework/signing-keys';
import { encodeBase32 } from '../keycloak/keycloak-totp';
import { oauthError } from './auth0-error-bodies';
import { hashBcrypt, verifyStoredPassword } from './auth0-password-hashes';
import { type Auth0Authenticator, type Auth0Tenant, type Auth0User, newRecoveryCode } from './auth0-tenant';
import { bearerToken, issueClientToken, issueUserTokens, verifyAccessToken } from './auth0-tokens';
import { checkTotp } from './auth0-totp';

const passwordRealmGrant = 'http://auth0.com/oauth/grant-type/password-realm';
const mfaOtpGrant = 'http://auth0.com/oauth/grant-type/mfa-otp';
const mfaOobGrant = 'http://auth0.com/oauth/grant-type/mfa-oob';
const mfaRecoveryCodeGrant = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';
/** Auth0's mfa_token lives 10 minutes. */
const mfaTokenLifetimeMs = 10 * 60 * 1000;

/** What the Authentication API routes need from the fake. */
export interface Auth0AuthenticationContext {
  tenant(): Auth0Tenant;
  /** Out-of-band codes "sent" by SMS or email, read back through the control API. */
  readonly outbox: Map<
    string,
    { oobCode: string; bindingCode: string; userId: string; authenticatorId: string }
  >;
}

function parameters(request: FakeRequest): Record<string, string> {
  const body = request.body;
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([key, value]) => [key, String(value)]),
  );
}

/** Client authentication: `client_secret_post` or `client_secret_basic`, as Auth0 accepts. */
function authenticateClient(tenant: Auth0Tenant, request: FakeRequest, fields: Record<string, string>) {
  let clientId = fields.client_id;
  let clientSecret = fields.client_secret;
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^Basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    clientId = decodeURIComponent(decoded.slice(0, separator));
    clientSecret = decodeURIComponent(decoded.slice(separator + 1));
  }
  const application = tenant.application(clientId);
  if (!application) oauthError(401, 'access_denied', 'Unauthorized');
  if (clientSecret !== application.clientSecret) {
    oauthError(401, 'access_denied', 'Unauthorized');
  }
  return application;
}

function requireGrant(application: { grantTypes: readonly string[] }, grantType: string): void {
  if (!application.grantTypes.includes(grantType)) {
    oauthError(403, 'unauthorized_client', `Grant type '${grantType}' not allowed for the client.`);
  }
}

/** Scopes Auth0 grants from a request: the OIDC ones asked for, plus any API scope. */
function grantedScope(requested: string | undefined): string {
  return (requested ?? 'openid profile email').split(' ').filter(Boolean).join(' ');
}

async function tokenResponse(
  tenant: Auth0Tenant,
  user: Auth0User,
  fields: { clientId: string; scope: string; audience: string; grantType: string; family?: string },
  extra: Record<string, unknown> = {},
) {
  const issued = await issueUserTokens(tenant, user, fields);
  const body: Record<string, unknown> = {
    access_token: issued.accessToken,
    ...(issued.idToken ? { id_token: issued.idToken } : {}),
    scope: fields.scope,
    expires_in: issued.expiresIn,
    token_type: 'Bearer',
    ...extra,
  };
  if (fields.scope.split(' ').includes('offline_access')) {
    body.refresh_token = tenant.newRefreshToken({
      userId: user.userId,
      clientId: fields.clientId,
      scope: fields.scope,
      audience: fields.audience,
      ...(fields.family ? { family: fields.family } : {}),
    }).token;
  }
  user.lastLogin = new Date().toISOString();
  user.loginsCount += 1;
  return json(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
}

function mfaTransaction(tenant: Auth0Tenant, mfaToken: string | undefined, clientId?: string) {
  const transaction = mfaToken ? tenant.mfaTransactions.get(mfaToken) : undefined;
  if (!transaction || transaction.expiresAt < Date.now() || (clientId && transaction.clientId !== clientId)) {
    oauthError(403, 'invalid_grant', 'Malformed mfa_token');
  }
  const user = tenant.users.get(transaction.userId);
  if (!user) oauthError(403, 'invalid_grant', 'Malformed mfa_token');
  return { transaction, user };
}

function authenticatorType(authenticator: Auth0Authenticator): 'otp' | 'oob' | 'recovery-code' {
  if (authenticator.type === 'totp') return 'otp';
  if (authenticator.type === 'recovery-code') return 'recovery-code';
  return 'oob';
}

/** The Authentication API routes of the fake. */
export function auth0AuthenticationRoutes(context: Auth0AuthenticationContext): FakeRoute[] {
  const passwordGrant = async (request: FakeRequest, fields: Record<string, string>, grantType: string) => {
    const tenant = context.tenant();
    const application = authenticateClient(tenant, request, fields);
    requireGrant(application, grantType);
    if (fields.realm && fields.realm !== tenant.settings.connection.name) {
      oauthError(403, 'invalid_grant', 'Wrong email or password.');
    }
    const user = tenant.findByEmail(fields.username ?? '');
    // Unknown user, no password and wrong password answer alike: no user enumeration.
    const valid = user?.password ? await verifyStoredPassword(fields.password ?? '', user.password) : false;
    if (!user || !valid) oauthError(403, 'invalid_grant', 'Wrong email or password.');
    if (user.password?.kind === 'custom') {
      // Auth0 re-hashes an imported password with its own bcrypt after the first sign-in.
      user.password = await hashBcrypt(fields.password ?? '', tenant.settings.bcryptCost);
    }
    if (user.blocked) oauthError(401, 'unauthorized', 'user is blocked');
    const scope = grantedScope(fields.scope);
    const audience = fields.audience ?? tenant.settings.apiAudience;
    if (tenant.activeFactors(user).length > 0) {
      const mfaToken = randomBytes(32).toString('base64url');
      tenant.mfaTransactions.set(mfaToken, {
        mfaToken,
        userId: user.userId,
        clientId: application.clientId,
        scope,
        audience,
        expiresAt: Date.now() + mfaTokenLifetimeMs,
      });
      oauthError(403, 'mfa_required', 'Multifactor authentication required', { mfa_token: mfaToken });
    }
    return tokenResponse(tenant, user, {
      clientId: application.clientId,
      scope,
      audience,
      grantType: 'password',
    });
  };

  const refreshGrant = async (request: FakeRequest, fields: Record<string, string>) => {
    const tenant = context.tenant();
    const application = authenticateClient(tenant, request, fields);
    requireGrant(application, 'refresh_token');
    const stored = tenant.refreshTokens.get(fields.refresh_token ?? '');
    if (!stored || stored.clientId !== application.clientId || tenant.revokedFamilies.has(stored.family)) {
      oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    }
    if (stored.used && tenant.settings.rotateRefreshTokens) {
      // Reuse of a rotated token: Auth0 revokes the whole family (automatic reuse detection).
      tenant.revokedFamilies.add(stored.family);
      oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    }
    const user = tenant.users.get(stored.userId);
    if (!user) oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
    if (user.blocked) oauthError(401, 'unauthorized', 'user is blocked');
    const fieldsOut = {
      clientId: application.clientId,
      scope: stored.scope,
      audience: stored.audience,
      grantType: 'refresh_token',
    };
    if (!tenant.settings.rotateRefreshTokens) {
      const issued = await issueUserTokens(tenant, user, fieldsOut);
      return json(200, {
        access_token: issued.accessToken,
        ...(issued.idToken ? { id_token: issued.idToken } : {}),
        scope: stored.scope,
        expires_in: issued.expiresIn,
        token_type: 'Bearer',
      });
    }
    stored.used = true;
    return tokenResponse(tenant, user, { ...fieldsOut, family: stored.family });
  };

  const clientCredentialsGrant = async (request: FakeRequest, fields: Record<string, string>) => {
    const tenant = context.tenant();
    const application = authenticateClient(tenant, request, fields);
    requireGrant(application, 'client_credentials');
    const audience = fields.audience;
    if (!audience) oauthError(400, 'invalid_request', 'Missing required parameter: audience');
    if (audience === tenant.managementAudience) {
      if (!application.managementScopes) {
        oauthError(
          403,
          'access_denied',
          `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
        );
      }
      const issued = await issueClientToken(tenant, {
        clientId: application.clientId,
        audience,
        scope: application.managementScopes.join(' '),
      });
      return json(200, {
        access_token: issued.accessToken,
        scope: application.managementScopes.join(' '),
        expires_in: issued.expiresIn,
        token_type: 'Bearer',
      });
    }
    if (audience !== tenant.settings.apiAudience) {
      oauthError(403, 'access_denied', `Service not found: ${audience}`);
    }
    const issued = await issueClientToken(tenant, { clientId: application.clientId, audience, scope: '' });
    return json(200, {
      access_token: issued.accessToken,
      expires_in: issued.expiresIn,
      token_type: 'Bearer',
    });
  };

  const mfaOtp = async (request: FakeRequest, fields: Record<string, string>) => {
    const tenant = context.tenant();
    const application = authenticateClient(tenant, request, fields);
    requireGrant(application, mfaOtpGrant);
    const { transaction, user } = mfaTransaction(tenant, fields.mfa_token, application.clientId);
    // A pending /mfa/associate enrollment is confirmed by its first code.
    const candidates = user.authenticators.filter((authenticator) => authenticator.type === 'totp');
    const matched = checkTotp(user, candidates, fields.otp ?? '');
    if (!matched) oauthError(403, 'invalid_grant', 'Invalid otp_code.');
    if (!matched.confirmed) {
      matched.confirmed = true;
      matched.enrolledAt = new Date().toISOString();
    }
    tenant.mfaTransactions.delete(transaction.mfaToken);
    return tokenResponse(tenant, user, { ...transaction, grantType: mfaOtpGrant });
  };

  const mfaOob = async (request: FakeRequest, fields: Record<string, string>) => {
    const tenant = context.tenant();
    const application = authenticateClient(tenant, request, fields);
    requireGrant(application, mfaOobGrant);
    const { transaction, user } = mfaTransaction(tenant, fields.mfa_token, application.clientId);
    const sent = context.outbox.get(fields.oob_code ?? '');
    if (!sent || sent.userId !== user.userId) oauthError(403, 'invalid_grant', 'Invalid oob_code.');
    if (sent.bindingCode !== fields.binding_code) oauthError(403, 'invalid_grant', 'Invalid binding_code.');
    context.outbox.delete(sent.oobCode);
    const authenticator = user.authenticators.find((candidate) => candidate.id === sent.authenticatorId);
    if (authenticator && !authenticator.confirmed) {
      authenticator.confirmed = true;
      authenticator.enrolledAt = new Date().toISOString();
    }
    tenant.mfaTransactions.delete(transaction.mfaToken);
    return tokenResponse(tenant, user, { ...transaction, grantType: mfaOobGrant });
  };

  const mfaRecoveryCode = async (request: FakeRequest, fields: Record<string, string>) => {
    const tenant = context.tenant();
    const application = authenticateClient(tenant, request, fields);
    requireGrant(application, mfaRecoveryCodeGrant);
    const { transaction, user } = mfaTransaction(tenant, fields.mfa_token, application.clientId);
    const recovery = user.authenticators.find((authenticator) => authenticator.type === 'recovery-code');
    const given = (fields.recovery_code ?? '').replace(/[\s-]/g, '').toUpperCase();
    if (!recovery || recovery.secret !== given) oauthError(403, 'invalid_grant', 'Invalid recovery_code.');
    // A recovery code works once: Auth0 answers with the next one.
    recovery.secret = newRecoveryCode();
    tenant.mfaTransactions.delete(transaction.mfaToken);
    return tokenResponse(
      tenant,
      user,
      { ...transaction, grantType: mfaRecoveryCodeGrant },
      { recovery_code: recovery.secret },
    );
  };

  const withMfaToken = (request: FakeRequest) => {
    const tenant = context.tenant();
    const token = bearerToken(request);
    const transaction = token ? tenant.mfaTransactions.get(token) : undefined;
    if (!transaction || transaction.expiresAt < Date.now()) oauthError(401, 'invalid_token', 'invalid_token');
    const user = tenant.users.get(transaction.userId);
    if (!user) oauthError(401, 'invalid_token', 'invalid_token');
    return { tenant, transaction, user };
  };

  return [
    {
      method: 'POST',
      path: '/oauth/token',
      handler: async (request) => {
        const fields = parameters(request);
        switch (fields.grant_type) {
          case 'password':
            return passwordGrant(request, fields, 'password');
          case passwordRealmGrant:
            return passwordGrant(request, fields, passwordRealmGrant);
          case 'refresh_token':
            return refreshGrant(request, fields);
          case 'client_credentials':
            return clientCredentialsGrant(request, fields);
          case mfaOtpGrant:
            return mfaOtp(request, fields);
          case mfaOobGrant:
            return mfaOob(request, fields);
          case mfaRecoveryCodeGrant:
            return mfaRecoveryCode(request, fields);
          default:
            return oauthError(
              400,
              'unsupported_grant_type',
              `Unsupported grant type: ${fields.grant_type ?? ''}`,
            );
        }
      },
    },
    {
      method: 'POST',
      path: '/oauth/revoke',
      handler: (request) => {
        const tenant = context.tenant();
        const fields = parameters(request);
        const application = authenticateClient(tenant, request, fields);
        const stored = tenant.refreshTokens.get(fields.token ?? '');
        // Unknown tokens are accepted silently (RFC 7009 §2.2).
        if (stored && stored.clientId === application.clientId) tenant.revokedFamilies.add(stored.family);
        return { status: 200 };
      },
    },
    {
      method: 'GET',
      path: '/userinfo',
      handler: async (request) => {
        const tenant = context.tenant();
        const token = bearerToken(request);
        const claims = token ? await verifyAccessToken(tenant, token, `${tenant.issuer}userinfo`) : null;
        const user = claims ? tenant.users.get(claims.sub) : undefined;
        if (!claims || !user)
          return json(401, { error: 'invalid_token', error_description: 'invalid_token' });
        return json(200, {
          sub: user.userId,
          nickname: user.nickname ?? user.email.split('@')[0],
          name: user.name ?? user.email,
          picture: user.picture ?? 'https://s.gravatar.com/avatar/0?s=480&r=pg&d=mp',
          updated_at: user.updatedAt,
          email: user.email,
          email_verified: user.emailVerified,
          ...(user.givenName ? { given_name: user.givenName } : {}),
          ...(user.familyName ? { family_name: user.familyName } : {}),
        });
      },
    },
    {
      method: 'GET',
      path: '/mfa/authenticators',
      handler: (request) => {
        const { user } = withMfaToken(request);
        return json(
          200,
          user.authenticators
            .filter((authenticator) => authenticator.confirmed)
            .map((authenticator) => ({
              id: authenticator.id,
              authenticator_type: authenticatorType(authenticator),
              active: true,
              ...(authenticator.type === 'phone' ? { oob_channel: 'sms' } : {}),
              ...(authenticator.type === 'email' ? { oob_channel: 'email' } : {}),
              ...(authenticator.name ? { name: authenticator.name } : {}),
            })),
        );
      },
    },
    {
      method: 'DELETE',
      path: '/mfa/authenticators/{id}',
      handler: (request) => {
        const { user } = withMfaToken(request);
        const index = user.authenticators.findIndex(
          (authenticator) => authenticator.id === request.params.id,
        );
        if (index < 0) return json(404, { error: 'not_found', error_description: 'Authenticator not found' });
        user.authenticators.splice(index, 1);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/mfa/associate',
      handler: (request) => {
        const { tenant, user } = withMfaToken(request);
        const body = (request.body ?? {}) as {
          authenticator_types?: string[];
          oob_channels?: string[];
          phone_number?: string;
        };
        const wantsOtp = body.authenticator_types?.includes('otp');
        const now = new Date().toISOString();
        let recoveryCodes: string[] | undefined;
        if (!user.authenticators.some((authenticator) => authenticator.type === 'recovery-code')) {
          const code = newRecoveryCode();
          user.authenticators.push({
            id: tenant.newAuthenticatorId('recovery-code'),
            type: 'recovery-code',
            secret: code,
            name: null,
            confirmed: true,
            createdAt: now,
            enrolledAt: now,
          });
          recoveryCodes = [code];
        }
        if (wantsOtp) {
          const secret = encodeBase32(randomBytes(20));
          user.authenticators.push({
            id: tenant.newAuthenticatorId('totp'),
            type: 'totp',
            secret,
            name: null,
            confirmed: false,
            createdAt: now,
            enrolledAt: null,
          });
          const label = encodeURIComponent(`${tenant.settings.domain}:${user.email}`);
          return json(200, {
            authenticator_type: 'otp',
            secret,
            barcode_uri: `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(tenant.settings.domain)}&algorithm=SHA1&digits=6&period=30`,
            ...(recoveryCodes ? { recovery_codes: recoveryCodes } : {}),
          });
        }
        const channel = body.oob_channels?.[0] === 'email' ? 'email' : 'sms';
        const authenticator: Auth0Authenticator = {
          id: tenant.newAuthenticatorId(channel === 'email' ? 'email' : 'phone'),
          type: channel === 'email' ? 'email' : 'phone',
          secret: channel === 'email' ? user.email : (body.phone_number ?? ''),
          name: null,
          confirmed: false,
          createdAt: now,
          enrolledAt: null,
        };
        user.authenticators.push(authenticator);
        const oobCode = `Fe26.${randomBytes(24).toString('base64url')}`;
        context.outbox.set(oobCode, {
          oobCode,
          bindingCode: String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0'),
          userId: user.userId,
          authenticatorId: authenticator.id,
        });
        return json(200, {
          authenticator_type: 'oob',
          oob_channel: channel,
          oob_code: oobCode,
          binding_method: 'prompt',
          ...(recoveryCodes ? { recovery_codes: recoveryCodes } : {}),
        });
      },
    },
    {
      method: 'POST',
      path: '/mfa/challenge',
      handler: (request) => {
        const tenant = context.tenant();
        const fields = parameters(request);
        const application = authenticateClient(tenant, request, fields);
        const { user } = mfaTransaction(tenant, fields.mfa_token, application.clientId);
        const wanted = (fields.challenge_type ?? '').split(' ');
        const candidates = user.authenticators.filter(
          (authenticator) =>
            authenticator.confirmed &&
            wanted.includes(authenticatorType(authenticator)) &&
            (!fields.authenticator_id || authenticator.id === fields.authenticator_id),
        );
        const chosen = candidates[0];
        if (!chosen) oauthError(400, 'unsupported_challenge_type', 'User is not enrolled.');
        if (chosen.type === 'totp') return json(200, { challenge_type: 'otp' });
        const oobCode = `Fe26.${randomBytes(24).toString('base64url')}`;
        context.outbox.set(oobCode, {
          oobCode,
          bindingCode: String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0'),
          userId: user.userId,
          authenticatorId: chosen.id,
        });
        return json(200, { challenge_type: 'oob', oob_code: oobCode, binding_method: 'prompt' });
      },
    },
    {
      method: 'GET',
      path: '/.well-known/openid-configuration',
      handler: () => {
        const tenant = context.tenant();
        const issuer = tenant.issuer;
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}authorize`,
          token_endpoint: `${issuer}oauth/token`,
          device_authorization_endpoint: `${issuer}oauth/device/code`,
          userinfo_endpoint: `${issuer}userinfo`,
          mfa_challenge_endpoint: `${issuer}mfa/challenge`,
          jwks_uri: `${issuer}.well-known/jwks.json`,
          registration_endpoint: `${issuer}oidc/register`,
          revocation_endpoint: `${issuer}oauth/revoke`,
          end_session_endpoint: `${issuer}oidc/logout`,
          scopes_supported: [
            'openid',
            'profile',
            'offline_access',
            'name',
            'given_name',
            'family_name',
            'nickname',
            'email',
            'email_verified',
            'picture',
            'created_at',
            'identities',
            'phone',
            'address',
          ],
          response_types_supported: [
            'code',
            'token',
            'id_token',
            'code token',
            'code id_token',
            'token id_token',
            'code token id_token',
          ],
          code_challenge_methods_supported: ['S256', 'plain'],
          response_modes_supported: ['query', 'fragment', 'form_post'],
          subject_types_supported: ['public'],
          token_endpoint_auth_methods_supported: [
            'client_secret_basic',
            'client_secret_post',
            'private_key_jwt',
          ],
          claims_supported: [
            'aud',
            'auth_time',
            'created_at',
            'email',
            'email_verified',
            'exp',
            'family_name',
            'given_name',
            'iat',
            'identities',
            'iss',
            'name',
            'nickname',
            'phone_number',
            'picture',
            'sub',
          ],
          request_uri_parameter_supported: false,
          request_parameter_supported: false,
          id_token_signing_alg_values_supported: ['HS256', 'RS256', 'PS256'],
          global_token_revocation_endpoint: `${issuer}oauth/global-token-revocation/connection/{connectionName}`,
          global_token_revocation_endpoint_auth_methods_supported: ['global-token-revocation+jwt'],
        });
      },
    },
    {
      method: 'GET',
      path: '/.well-known/jwks.json',
      handler: () => json(200, toJwks([context.tenant().signingKey])),
    },
  ];
}
