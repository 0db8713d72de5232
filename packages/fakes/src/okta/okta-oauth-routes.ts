import { randomUUID } from 'node:crypto';
import { empty, type FakeRequest, type FakeRoute, json } from '../framework/fake-http';
import { signJwt, toJwks } from '../framework/signing-keys';
import { oktaErrors } from './okta-error-bodies';
import { type OktaOrg, type OktaUserRecord, opaqueToken } from './okta-org';
import { checkPassword, storePassword } from './okta-passwords';
import { orgUrl } from './okta-representations';
import { verifyOktaTotp } from './okta-totp';

/** What the OAuth routes need from the fake. */
export interface OktaOAuthContext {
  org(): OktaOrg;
}

const mfaOtpGrant = 'http://auth0.com/oauth/grant-type/mfa-otp';
const mfaTokenLifetimeMs = 5 * 60 * 1000;

function form(request: FakeRequest): Record<string, string> {
  return typeof request.body === 'object' && request.body !== null
    ? (request.body as Record<string, string>)
    : {};
}

/** Client authentication: `client_secret_basic`, `client_secret_post`, or a public client with `client_id`. */
function authenticateClient(org: OktaOrg, request: FakeRequest): string {
  const parameters = form(request);
  let clientId = parameters.client_id;
  let secret = parameters.client_secret;
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ')) {
    if (clientId && secret) {
      throw oktaErrors.oauth(
        400,
        'invalid_request',
        'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
      );
    }
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    clientId = decodeURIComponent(decoded.slice(0, separator));
    secret = decodeURIComponent(decoded.slice(separator + 1));
  }
  if (!clientId) throw oktaErrors.oauth(401, 'invalid_client', 'No client credentials found.');
  const client = org.client(clientId);
  if (!client || (client.clientSecret !== undefined && client.clientSecret !== secret)) {
    throw oktaErrors.oauth(
      401,
      'invalid_client',
      'The client secret supplied for a confidential client is invalid.',
    );
  }
  return clientId;
}

function requireServer(org: OktaOrg, authorizationServerId: string): string {
  const audience = org.audience(authorizationServerId);
  if (!audience) throw oktaErrors.notFound('AuthorizationServer', authorizationServerId);
  return audience;
}

/** Users who may sign in: ACTIVE, or PASSWORD_EXPIRED (who must change it first). */
function canSignIn(user: OktaUserRecord | undefined): user is OktaUserRecord {
  return user !== undefined && (user.status === 'ACTIVE' || user.status === 'PASSWORD_EXPIRED');
}

/** Issues tokens as an Okta custom authorization server does (RS256, `cid`, `uid`, `scp`). */
async function issueTokens(
  org: OktaOrg,
  request: FakeRequest,
  authorizationServerId: string,
  clientId: string,
  user: OktaUserRecord,
  scopes: string[],
  family: string | null,
): Promise<Record<string, unknown>> {
  const issuer = `${orgUrl(request)}/oauth2/${authorizationServerId}`;
  const audience = requireServer(org, authorizationServerId);
  const lifetime = org.settings.accessTokenLifetimeSeconds ?? 3600;
  const issuedAt = Math.floor(Date.now() / 1000);
  const groups =
    org.settings.groupsClaim === false ? {} : { groups: org.groupsOf(user.id).map((group) => group.name) };
  const accessToken = await signJwt(org.signingKey, {
    ver: 1,
    jti: `AT.${opaqueToken(24)}`,
    iss: issuer,
    aud: audience,
    iat: issuedAt,
    exp: issuedAt + lifetime,
    cid: clientId,
    uid: user.id,
    scp: scopes,
    auth_time: issuedAt,
    sub: String(user.profile.login),
    ...groups,
  });
  const response: Record<string, unknown> = {
    token_type: 'Bearer',
    expires_in: lifetime,
    access_token: accessToken,
    scope: scopes.join(' '),
  };
  if (scopes.includes('openid')) {
    response.id_token = await signJwt(org.signingKey, {
      sub: user.id,
      ver: 1,
      iss: issuer,
      aud: clientId,
      iat: issuedAt,
      exp: issuedAt + 3600,
      jti: `ID.${opaqueToken(24)}`,
      amr: ['pwd'],
      idp: 'idpfakeidport',
      auth_time: issuedAt,
      ...(scopes.includes('email') ? { email: user.profile.email } : {}),
      ...(scopes.includes('profile')
        ? {
            preferred_username: user.profile.login,
            name: [user.profile.firstName, user.profile.lastName].filter(Boolean).join(' '),
          }
        : {}),
      ...groups,
    });
  }
  if (scopes.includes('offline_access') && org.client(clientId)?.grantTypes.includes('refresh_token')) {
    const token = opaqueToken(32);
    org.refreshTokens.set(token, {
      token,
      userId: user.id,
      clientId,
      authorizationServerId,
      scopes,
      family: family ?? randomUUID(),
      rotatedAt: null,
      revoked: false,
    });
    response.refresh_token = token;
  }
  return response;
}

function invalidCredentials() {
  return oktaErrors.oauth(400, 'invalid_grant', 'The credentials provided were invalid.');
}

async function passwordGrant(org: OktaOrg, request: FakeRequest, serverId: string, clientId: string) {
  const parameters = form(request);
  const scopes = (parameters.scope ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0)
    throw oktaErrors.oauth(
      400,
      'invalid_scope',
      "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
    );
  const user = org.findUser(parameters.username ?? '');
  // Unknown user, wrong password and a user who may not sign in look the same.
  const passwordOk = await checkPassword(user?.password ?? null, parameters.password ?? '');
  if (user && canSignIn(user)) org.recordPasswordAttempt(user, passwordOk);
  if (!canSignIn(user) || !passwordOk) throw invalidCredentials();
  if (user.password?.kind === 'imported') user.password = storePassword(parameters.password ?? '');
  if (user.status === 'PASSWORD_EXPIRED') {
    throw oktaErrors.oauth(403, 'access_denied', 'The user must change their password before signing in.');
  }
  if (org.activeFactorsOf(user.id).length > 0) {
    const supported = (parameters.grant_types_supported ?? '').split(' ');
    if (!supported.includes(mfaOtpGrant)) {
      throw oktaErrors.oauth(
        400,
        'invalid_grant',
        'The user must satisfy MFA, but the client did not declare grant_types_supported with an MFA grant.',
      );
    }
    const token = opaqueToken(24);
    org.transactions.set(token, {
      token,
      userId: user.id,
      expiresAt: Date.now() + mfaTokenLifetimeMs,
      clientId,
      authorizationServerId: serverId,
      scopes,
      kind: 'direct',
    });
    throw oktaErrors.oauth(
      403,
      'mfa_required',
      'The resource owner must complete MFA to finish authentication.',
      { mfa_token: token },
    );
  }
  user.lastLogin = new Date().toISOString();
  return issueTokens(org, request, serverId, clientId, user, scopes, null);
}

async function mfaOtpGrantHandler(org: OktaOrg, request: FakeRequest, serverId: string, clientId: string) {
  const parameters = form(request);
  const transaction = org.transactions.get(parameters.mfa_token ?? '');
  if (
    transaction?.kind !== 'direct' ||
    transaction.expiresAt < Date.now() ||
    transaction.clientId !== clientId
  ) {
    throw oktaErrors.oauth(400, 'invalid_grant', 'The mfa_token is invalid or has expired.');
  }
  const user = org.users.get(transaction.userId);
  if (!canSignIn(user))
    throw oktaErrors.oauth(400, 'invalid_grant', 'The mfa_token is invalid or has expired.');
  const otp = String(parameters.otp ?? '');
  const accepted = org.activeFactorsOf(user.id).some((factor) => verifyOktaTotp(factor, otp));
  if (!accepted) throw oktaErrors.oauth(400, 'invalid_grant', 'The credentials provided were invalid.');
  org.transactions.delete(transaction.token);
  user.lastLogin = new Date().toISOString();
  const scopes = parameters.scope ? parameters.scope.split(' ').filter(Boolean) : (transaction.scopes ?? []);
  return issueTokens(org, request, serverId, clientId, user, scopes, null);
}

async function refreshGrant(org: OktaOrg, request: FakeRequest, serverId: string, clientId: string) {
  const parameters = form(request);
  const record = org.refreshTokens.get(parameters.refresh_token ?? '');
  const invalid = () => oktaErrors.oauth(400, 'invalid_grant', 'The refresh token is invalid or expired.');
  if (!record || record.revoked || record.clientId !== clientId || record.authorizationServerId !== serverId)
    throw invalid();
  const client = org.client(clientId);
  const grace = (client?.refreshTokenGracePeriodSeconds ?? 0) * 1000;
  if (record.rotatedAt !== null && Date.now() - record.rotatedAt >= grace) {
    // Reuse of a rotated token after the grace period: the whole chain is revoked.
    for (const other of org.refreshTokens.values()) if (other.family === record.family) other.revoked = true;
    throw invalid();
  }
  const user = org.users.get(record.userId);
  if (!canSignIn(user) || user.status !== 'ACTIVE') throw invalid();
  const scopes = record.scopes;
  if ((client?.refreshTokenBehavior ?? 'rotate') === 'persistent') {
    const response = await issueTokens(
      org,
      request,
      serverId,
      clientId,
      user,
      scopes.filter((scope) => scope !== 'offline_access'),
      null,
    );
    return { ...response, refresh_token: record.token, scope: scopes.join(' ') };
  }
  record.rotatedAt = Date.now();
  return issueTokens(org, request, serverId, clientId, user, scopes, record.family);
}

/** The custom authorization server endpoints the fake serves (token, challenge, revoke, keys, discovery). */
export function oktaOAuthRoutes(context: OktaOAuthContext): FakeRoute[] {
  return [
    {
      method: 'POST',
      path: '/oauth2/{authorizationServerId}/v1/token',
      handler: async (request) => {
        const org = context.org();
        const serverId = request.params.authorizationServerId as string;
        requireServer(org, serverId);
        const clientId = authenticateClient(org, request);
        const grantType = form(request).grant_type ?? '';
        const client = org.client(clientId);
        if (!client?.grantTypes.includes(grantType)) {
          throw oktaErrors.oauth(
            400,
            'unsupported_grant_type',
            `The grant type '${grantType}' is not supported or not allowed for this client.`,
          );
        }
        const handlers: Record<string, typeof passwordGrant> = {
          password: passwordGrant,
          refresh_token: refreshGrant,
          [mfaOtpGrant]: mfaOtpGrantHandler,
        };
        const handler = handlers[grantType];
        if (!handler)
          throw oktaErrors.oauth(
            400,
            'unsupported_grant_type',
            `The fake does not implement grant type '${grantType}'.`,
          );
        return json(200, await handler(org, request, serverId, clientId), {
          'cache-control': 'no-store',
          pragma: 'no-cache',
        });
      },
    },
    {
      method: 'POST',
      path: '/oauth2/{authorizationServerId}/v1/challenge',
      handler: (request) => {
        const org = context.org();
        requireServer(org, request.params.authorizationServerId as string);
        const clientId = authenticateClient(org, request);
        const parameters = form(request);
        const transaction = org.transactions.get(parameters.mfa_token ?? '');
        if (!transaction || transaction.expiresAt < Date.now() || transaction.clientId !== clientId) {
          throw oktaErrors.oauth(
            400,
            'access_denied',
            '`mfa_token` has expired. Use a new `oob_code` or `mfa_token` and try again.',
          );
        }
        const supported = (parameters.challenge_types_supported ?? mfaOtpGrant).split(' ');
        if (!supported.includes(mfaOtpGrant)) {
          throw oktaErrors.oauth(
            403,
            'unsupported_challenge_type',
            'The client does not support any of the challenge types the user can answer.',
          );
        }
        return json(200, { challenge_type: mfaOtpGrant });
      },
    },
    {
      method: 'POST',
      path: '/oauth2/{authorizationServerId}/v1/revoke',
      handler: (request) => {
        const org = context.org();
        requireServer(org, request.params.authorizationServerId as string);
        const clientId = authenticateClient(org, request);
        const token = form(request).token;
        if (!token) throw oktaErrors.oauth(400, 'invalid_request', 'The token parameter is required.');
        const record = org.refreshTokens.get(token);
        // Unknown tokens and other clients' tokens are a quiet success (RFC 7009 §2.2).
        if (record && record.clientId === clientId) record.revoked = true;
        return empty(200);
      },
    },
    {
      method: 'GET',
      path: '/oauth2/{authorizationServerId}/v1/keys',
      handler: (request) => {
        const org = context.org();
        requireServer(org, request.params.authorizationServerId as string);
        return json(200, toJwks([org.signingKey]), { 'cache-control': 'max-age=3600, must-revalidate' });
      },
    },
    {
      method: 'GET',
      path: '/oauth2/{authorizationServerId}/.well-known/openid-configuration',
      handler: (request) => {
        const org = context.org();
        const serverId = request.params.authorizationServerId as string;
        requireServer(org, serverId);
        const issuer = `${orgUrl(request)}/oauth2/${serverId}`;
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/v1/authorize`,
          token_endpoint: `${issuer}/v1/token`,
          userinfo_endpoint: `${issuer}/v1/userinfo`,
          registration_endpoint: `${orgUrl(request)}/oauth2/v1/clients`,
          jwks_uri: `${issuer}/v1/keys`,
          response_types_supported: [
            'code',
            'id_token',
            'code id_token',
            'code token',
            'id_token token',
            'code id_token token',
          ],
          response_modes_supported: ['query', 'fragment', 'form_post', 'okta_post_message'],
          grant_types_supported: [
            'authorization_code',
            'implicit',
            'refresh_token',
            'password',
            'client_credentials',
            mfaOtpGrant,
          ],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'groups'],
          token_endpoint_auth_methods_supported: [
            'client_secret_basic',
            'client_secret_post',
            'client_secret_jwt',
            'private_key_jwt',
            'none',
          ],
          claims_supported: [
            'iss',
            'ver',
            'sub',
            'aud',
            'iat',
            'exp',
            'jti',
            'auth_time',
            'amr',
            'idp',
            'nonce',
            'name',
            'email',
            'preferred_username',
            'groups',
          ],
          code_challenge_methods_supported: ['S256'],
          introspection_endpoint: `${issuer}/v1/introspect`,
          revocation_endpoint: `${issuer}/v1/revoke`,
          end_session_endpoint: `${issuer}/v1/logout`,
          request_parameter_supported: true,
          request_object_signing_alg_values_supported: [
            'HS256',
            'HS384',
            'HS512',
            'RS256',
            'RS384',
            'RS512',
            'ES256',
            'ES384',
            'ES512',
          ],
        });
      },
    },
  ];
}
