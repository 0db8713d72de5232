import { generateKeyPairSync, randomBytes, randomUUID, sign, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IdentityToolkitEndpoints } from '../identity-toolkit-client';
import { encodeBase32, totpCode } from './totp-code';

/*
 * A small, stateful stand-in for the parts of Google's Identity Toolkit and Secure Token
 * APIs that TOTP sign-in touches. No Google-written peer can run TOTP offline: the Firebase
 * Auth emulator does not implement it (the Firebase JS SDK's own TOTP integration tests,
 * packages/auth/test/integration/flows/totp.test.ts, skip themselves on the emulator), and
 * firebase-admin cannot enroll TOTP factors. So this fake is the peer for the production
 * TOTP path, and its shapes are copied from public references, not guessed:
 *
 * - Identity Platform REST reference, v2: accounts.mfaEnrollment.start / finalize /
 *   withdraw and accounts.mfaSignIn.finalize
 *   (docs.cloud.google.com/identity-platform/docs/reference/rest/v2/accounts.mfaEnrollment/start,
 *   .../finalize, .../withdraw, .../v2/accounts.mfaSignIn/finalize), and v1 MfaEnrollment
 *   (`mfaInfo[]`: mfaEnrollmentId, displayName, enrolledAt, totpInfo: {}).
 * - firebase-js-sdk packages/auth/src/api/account_management/mfa.ts and
 *   packages/auth/src/api/authentication/mfa.ts: StartTotpMfaEnrollmentRequest/Response,
 *   FinalizeTotpMfaEnrollmentRequest, FinalizeTotpMfaSignInRequest, WithdrawMfaRequest,
 *   FinalizeMfaResponse `{ idToken, refreshToken }`.
 * - Error reasons: firebase-js-sdk packages/auth/src/api/errors.ts (ServerError); the body
 *   `{ error: { code, message, errors: [{ message, domain, reason }] } }` as its JsonError
 *   type there describes it (api/account_management/mfa.test.ts mocks the same). A wrong TOTP code is INVALID_CODE: the
 *   SDK's integration test against a real project sees auth/invalid-verification-code,
 *   its name for INVALID_CODE.
 *
 * SMS factors exist only so that tests can see when an SMS would go out: `mfaSignIn:start`
 * is counted, SMS enrollment and SMS sign-in are not modelled (the Auth emulator tests them).
 *
 * Not modelled, because no public source says how Google behaves: whether a used TOTP
 * code is refused a second time, whether a wrong code spends the pending credential, how
 * long sessions last, the recent-login rule, tenants, and what a project with TOTP
 * switched off answers. firebase-admin reaches it through its emulator variable (the only
 * redirect it has), so the two admin calls accept only the emulator's `Bearer owner`.
 */

/** How the fake behaves; `configure` changes it between tests. */
export interface IdentityToolkitFakeBehaviour {
  /** Steps either side of now a code may come from (a project's `adjacentIntervals`, 0–10). */
  adjacentIntervals: number;
  /** `hashingAlgorithm` answered at enrollment start, in Google's spelling. */
  hashingAlgorithm: string;
  /** Length of the enrollment `sessionInfo` it issues (Google documents none). */
  sessionInfoLength: number;
}

export interface IdentityToolkitFake {
  /** `host:port`, for firebase-admin's FIREBASE_AUTH_EMULATOR_HOST. */
  readonly host: string;
  /** Where the adapter's REST client goes instead of Google. */
  readonly endpoints: IdentityToolkitEndpoints;
  /** The JWKS whose key signs every ID token the fake issues. */
  readonly jwksUri: string;
  /** Seeds an account (the test's arrange step: account creation is not modelled). */
  addAccount(input: { email: string; password: string; emailVerified?: boolean }): string;
  /** Gives a user an SMS factor past the adapter (SMS enrollment is not modelled); its id. */
  addPhoneFactor(localId: string, phoneNumber: string): string;
  /** How many MFA SMS `mfaSignIn:start` has sent. */
  smsSent(): number;
  /** The TOTP enrollments the fake holds for a user, read past the adapter. */
  enrollmentIds(localId: string): string[];
  configure(change: Partial<IdentityToolkitFakeBehaviour>): void;
  close(): Promise<void>;
}

interface Enrollment {
  readonly mfaEnrollmentId: string;
  readonly displayName: string | undefined;
  readonly enrolledAt: string;
  /** TOTP: base32 shared secret and algorithm. SMS: the phone number. */
  readonly factor:
    | { readonly kind: 'totp'; readonly secret: string; readonly hashingAlgorithm: string }
    | { readonly kind: 'sms'; readonly phoneNumber: string };
}

interface Account {
  readonly localId: string;
  readonly email: string;
  readonly password: string;
  readonly emailVerified: boolean;
  readonly createdAt: number;
  enrollments: Enrollment[];
}

/** An Identity Toolkit refusal: answered as Google's error body. */
class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly status = 400,
  ) {
    super(reason);
  }
}

const hmacAlgorithms: Readonly<Record<string, string>> = {
  SHA1: 'sha1',
  HMAC_SHA1: 'sha1',
  SHA256: 'sha256',
  HMAC_SHA256: 'sha256',
  SHA512: 'sha512',
  HMAC_SHA512: 'sha512',
};

const randomToken = (bytes: number) => randomBytes(bytes).toString('base64url');
const seconds = () => Math.floor(Date.now() / 1000);

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export async function startIdentityToolkitTotpFake(options: {
  projectId: string;
}): Promise<IdentityToolkitFake> {
  const { projectId } = options;
  const behaviour: IdentityToolkitFakeBehaviour = {
    adjacentIntervals: 1,
    hashingAlgorithm: 'SHA1',
    sessionInfoLength: 120,
  };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = randomUUID();
  const accounts = new Map<string, Account>();
  const pendingEnrollments = new Map<
    string,
    { localId: string; secret: string; hashingAlgorithm: string; expiresAt: number }
  >();
  const pendingSignIns = new Map<string, { localId: string; expiresAt: number }>();
  const refreshTokens = new Map<string, { localId: string; secondFactor: string | undefined }>();
  let smsSent = 0;

  const accountByEmail = (email: string) =>
    [...accounts.values()].find((account) => account.email === email.toLowerCase());

  function issueIdToken(account: Account, secondFactor: string | undefined): string {
    const now = seconds();
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${encode({ alg: 'RS256', kid: keyId, typ: 'JWT' })}.${encode({
      iss: `https://securetoken.google.com/${projectId}`,
      aud: projectId,
      auth_time: now,
      user_id: account.localId,
      sub: account.localId,
      iat: now,
      exp: now + 3600,
      email: account.email,
      email_verified: account.emailVerified,
      firebase: {
        identities: { email: [account.email] },
        sign_in_provider: 'password',
        // What Firebase puts into tokens of an MFA sign-in.
        ...(secondFactor === undefined
          ? {}
          : { sign_in_second_factor: 'totp', second_factor_identifier: secondFactor }),
      },
    })}`;
    return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  }

  function issueTokens(account: Account, secondFactor?: string): { idToken: string; refreshToken: string } {
    const refreshToken = randomToken(48);
    refreshTokens.set(refreshToken, { localId: account.localId, secondFactor });
    return { idToken: issueIdToken(account, secondFactor), refreshToken };
  }

  function accountOfIdToken(idToken: string | undefined): Account {
    if (idToken === undefined) throw new Refusal('MISSING_ID_TOKEN');
    const [header, payload, signature] = idToken.split('.');
    const signed =
      header !== undefined &&
      payload !== undefined &&
      signature !== undefined &&
      verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
    if (!signed) throw new Refusal('INVALID_ID_TOKEN');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString('utf8')) as {
      sub: string;
      exp: number;
    };
    if (claims.exp < seconds()) throw new Refusal('TOKEN_EXPIRED');
    const account = accounts.get(claims.sub);
    if (account === undefined) throw new Refusal('USER_NOT_FOUND');
    return account;
  }

  function acceptsCode(secret: string, hashingAlgorithm: string, code: string): boolean {
    const algorithm = hmacAlgorithms[hashingAlgorithm] ?? 'sha1';
    const now = Date.now();
    for (let offset = -behaviour.adjacentIntervals; offset <= behaviour.adjacentIntervals; offset += 1) {
      if (totpCode(secret, { atMilliseconds: now + offset * 30_000, algorithm }) === code) return true;
    }
    return false;
  }

  /** The account as accounts:lookup answers it (GetAccountInfoUserInfo). */
  function accountInfo(account: Account): Record<string, unknown> {
    return {
      localId: account.localId,
      email: account.email,
      emailVerified: account.emailVerified,
      passwordUpdatedAt: account.createdAt,
      providerUserInfo: [
        { providerId: 'password', email: account.email, federatedId: account.email, rawId: account.email },
      ],
      validSince: String(Math.floor(account.createdAt / 1000)),
      createdAt: String(account.createdAt),
      ...(account.enrollments.length === 0
        ? {}
        : {
            mfaInfo: account.enrollments.map((enrollment) => ({
              mfaEnrollmentId: enrollment.mfaEnrollmentId,
              ...(enrollment.displayName === undefined ? {} : { displayName: enrollment.displayName }),
              enrolledAt: enrollment.enrolledAt,
              // The MfaEnrollment union: `phoneInfo` for SMS (masked after a first-factor
              // sign-in, not modelled), `totpInfo: {}` for TOTP.
              ...(enrollment.factor.kind === 'totp'
                ? { totpInfo: {} }
                : { phoneInfo: enrollment.factor.phoneNumber }),
            })),
          }),
    };
  }

  const publicRoutes: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
    '/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword': (body) => {
      const account = accountByEmail(stringField(body, 'email') ?? '');
      // Modern projects (email enumeration protection) answer one reason for both failures.
      if (account === undefined || account.password !== body.password) {
        throw new Refusal('INVALID_LOGIN_CREDENTIALS');
      }
      const base = {
        kind: 'identitytoolkit#VerifyPasswordResponse',
        localId: account.localId,
        email: account.email,
        displayName: '',
        registered: true,
      };
      if (account.enrollments.length === 0) return { ...base, ...issueTokens(account), expiresIn: '3600' };
      const mfaPendingCredential = randomToken(64);
      pendingSignIns.set(mfaPendingCredential, { localId: account.localId, expiresAt: Date.now() + 600_000 });
      return {
        ...base,
        mfaPendingCredential,
        mfaInfo: (accountInfo(account).mfaInfo as unknown[]) ?? [],
      };
    },

    '/identitytoolkit.googleapis.com/v2/accounts/mfaEnrollment:start': (body) => {
      const account = accountOfIdToken(stringField(body, 'idToken'));
      // MFA needs a verified email (Identity Platform, "Enable TOTP MFA": before you begin).
      if (!account.emailVerified) throw new Refusal('UNVERIFIED_EMAIL');
      if (typeof body.totpEnrollmentInfo !== 'object' || body.totpEnrollmentInfo === null) {
        throw new Refusal('INVALID_ARGUMENT : only TOTP enrollment is modelled');
      }
      const secret = encodeBase32(randomBytes(20));
      const sessionInfo = randomToken(behaviour.sessionInfoLength).slice(0, behaviour.sessionInfoLength);
      const expiresAt = Date.now() + 300_000;
      pendingEnrollments.set(sessionInfo, {
        localId: account.localId,
        secret,
        hashingAlgorithm: behaviour.hashingAlgorithm,
        expiresAt,
      });
      return {
        totpSessionInfo: {
          sharedSecretKey: secret,
          verificationCodeLength: 6,
          hashingAlgorithm: behaviour.hashingAlgorithm,
          periodSec: 30,
          sessionInfo,
          finalizeEnrollmentTime: new Date(expiresAt).toISOString(),
        },
      };
    },

    '/identitytoolkit.googleapis.com/v2/accounts/mfaEnrollment:finalize': (body) => {
      const account = accountOfIdToken(stringField(body, 'idToken'));
      const info = (body.totpVerificationInfo ?? {}) as Record<string, unknown>;
      const sessionInfo = stringField(info, 'sessionInfo');
      if (sessionInfo === undefined) throw new Refusal('MISSING_SESSION_INFO');
      const pending = pendingEnrollments.get(sessionInfo);
      if (pending === undefined || pending.localId !== account.localId || pending.expiresAt < Date.now()) {
        throw new Refusal('INVALID_SESSION_INFO');
      }
      const code = stringField(info, 'verificationCode');
      if (code === undefined) throw new Refusal('MISSING_CODE');
      if (!acceptsCode(pending.secret, pending.hashingAlgorithm, code)) throw new Refusal('INVALID_CODE');
      pendingEnrollments.delete(sessionInfo);
      account.enrollments.push({
        mfaEnrollmentId: randomToken(16),
        displayName: stringField(body, 'displayName'),
        enrolledAt: new Date().toISOString(),
        factor: { kind: 'totp', secret: pending.secret, hashingAlgorithm: pending.hashingAlgorithm },
      });
      return issueTokens(account);
    },

    // Only counted: TOTP tests check when an SMS goes out, SMS sign-in itself is tested on
    // the Auth emulator.
    '/identitytoolkit.googleapis.com/v2/accounts/mfaSignIn:start': (body) => {
      const pending = pendingSignIns.get(stringField(body, 'mfaPendingCredential') ?? '');
      if (pending === undefined) throw new Refusal('INVALID_MFA_PENDING_CREDENTIAL');
      const enrollment = accounts
        .get(pending.localId)
        ?.enrollments.find((candidate) => candidate.mfaEnrollmentId === body.mfaEnrollmentId);
      if (enrollment?.factor.kind !== 'sms') throw new Refusal('MFA_ENROLLMENT_NOT_FOUND');
      smsSent += 1;
      return { phoneResponseInfo: { sessionInfo: randomToken(64) } };
    },

    '/identitytoolkit.googleapis.com/v2/accounts/mfaSignIn:finalize': (body) => {
      const credential = stringField(body, 'mfaPendingCredential');
      if (credential === undefined) throw new Refusal('MISSING_MFA_PENDING_CREDENTIAL');
      const pending = pendingSignIns.get(credential);
      const account = pending === undefined ? undefined : accounts.get(pending.localId);
      if (pending === undefined || account === undefined || pending.expiresAt < Date.now()) {
        throw new Refusal('INVALID_MFA_PENDING_CREDENTIAL');
      }
      const enrollmentId = stringField(body, 'mfaEnrollmentId');
      if (enrollmentId === undefined) throw new Refusal('MISSING_MFA_ENROLLMENT_ID');
      const enrollment = account.enrollments.find((candidate) => candidate.mfaEnrollmentId === enrollmentId);
      if (enrollment?.factor.kind !== 'totp') throw new Refusal('MFA_ENROLLMENT_NOT_FOUND');
      const code = stringField(
        (body.totpVerificationInfo ?? {}) as Record<string, unknown>,
        'verificationCode',
      );
      if (code === undefined) throw new Refusal('MISSING_CODE');
      if (!acceptsCode(enrollment.factor.secret, enrollment.factor.hashingAlgorithm, code)) {
        throw new Refusal('INVALID_CODE');
      }
      pendingSignIns.delete(credential);
      return issueTokens(account, enrollmentId);
    },

    '/identitytoolkit.googleapis.com/v2/accounts/mfaEnrollment:withdraw': (body) => {
      const account = accountOfIdToken(stringField(body, 'idToken'));
      const enrollmentId = stringField(body, 'mfaEnrollmentId');
      if (!account.enrollments.some((enrollment) => enrollment.mfaEnrollmentId === enrollmentId)) {
        throw new Refusal('MFA_ENROLLMENT_NOT_FOUND');
      }
      account.enrollments = account.enrollments.filter(
        (enrollment) => enrollment.mfaEnrollmentId !== enrollmentId,
      );
      return issueTokens(account);
    },

    '/securetoken.googleapis.com/v1/token': (body) => {
      if (body.grant_type !== 'refresh_token') throw new Refusal('INVALID_GRANT_TYPE');
      const session = refreshTokens.get(String(body.refresh_token));
      const account = session === undefined ? undefined : accounts.get(session.localId);
      if (session === undefined || account === undefined) throw new Refusal('INVALID_REFRESH_TOKEN');
      return {
        access_token: issueIdToken(account, session.secondFactor),
        expires_in: '3600',
        token_type: 'Bearer',
        refresh_token: body.refresh_token,
        id_token: issueIdToken(account, session.secondFactor),
        user_id: account.localId,
        project_id: projectId,
      };
    },
  };

  // firebase-admin's two calls in this flow: getUser and updateUser (clearing the factors).
  const adminRoutes: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
    [`/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts:lookup`]: (body) => {
      const ids = Array.isArray(body.localId) ? body.localId : [];
      const found = ids.map((id) => accounts.get(String(id))).filter((account) => account !== undefined);
      return {
        kind: 'identitytoolkit#GetAccountInfoResponse',
        ...(found.length === 0 ? {} : { users: found.map(accountInfo) }),
      };
    },
    [`/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts:update`]: (body) => {
      const account = accounts.get(String(body.localId));
      if (account === undefined) throw new Refusal('USER_NOT_FOUND');
      const { localId: _localId, ...changes } = body;
      const clearsFactors =
        Object.keys(changes).length === 1 && JSON.stringify(changes.mfa) === JSON.stringify({});
      if (!clearsFactors) throw new Refusal('INVALID_ARGUMENT : only clearing the factors is modelled');
      account.enrollments = [];
      return { kind: 'identitytoolkit#SetAccountInfoResponse', localId: account.localId };
    },
  };

  const jwksPath = '/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com';

  async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return Object.fromEntries(new URLSearchParams(text));
    }
    return text.length === 0 ? {} : (JSON.parse(text) as Record<string, unknown>);
  }

  function answer(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    response.end(JSON.stringify(body));
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (request.method === 'GET' && path === jwksPath) {
      const jwk = publicKey.export({ format: 'jwk' });
      answer(response, 200, { keys: [{ ...jwk, kid: keyId, alg: 'RS256', use: 'sig' }] });
      return;
    }
    const publicRoute = publicRoutes[path];
    const adminRoute = adminRoutes[path];
    const route = publicRoute ?? adminRoute;
    if (request.method !== 'POST' || route === undefined) {
      answer(response, 404, { error: { code: 404, message: 'NOT_FOUND', status: 'NOT_FOUND' } });
      return;
    }
    readBody(request)
      .then((body) => {
        if (adminRoute !== undefined && request.headers.authorization !== 'Bearer owner') {
          throw new Refusal('INSUFFICIENT_PERMISSION', 403);
        }
        answer(response, 200, route(body));
      })
      .catch((error: unknown) => {
        const refusal = error instanceof Refusal ? error : new Refusal('INVALID_ARGUMENT');
        answer(response, refusal.status, {
          error: {
            code: refusal.status,
            message: refusal.reason,
            errors: [{ message: refusal.reason, domain: 'global', reason: 'invalid' }],
          },
        });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    host,
    endpoints: {
      identityToolkit: `http://${host}/identitytoolkit.googleapis.com`,
      secureToken: `http://${host}/securetoken.googleapis.com`,
    },
    jwksUri: `http://${host}${jwksPath}`,
    addAccount(input) {
      const localId = randomToken(21);
      accounts.set(localId, {
        localId,
        email: input.email.toLowerCase(),
        password: input.password,
        emailVerified: input.emailVerified ?? true,
        createdAt: Date.now(),
        enrollments: [],
      });
      return localId;
    },
    addPhoneFactor(localId, phoneNumber) {
      const mfaEnrollmentId = randomToken(16);
      accounts.get(localId)?.enrollments.push({
        mfaEnrollmentId,
        displayName: undefined,
        enrolledAt: new Date().toISOString(),
        factor: { kind: 'sms', phoneNumber },
      });
      return mfaEnrollmentId;
    },
    smsSent: () => smsSent,
    enrollmentIds(localId) {
      return (accounts.get(localId)?.enrollments ?? [])
        .filter((enrollment) => enrollment.factor.kind === 'totp')
        .map((enrollment) => enrollment.mfaEnrollmentId);
    },
    configure(change) {
      Object.assign(behaviour, change);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
