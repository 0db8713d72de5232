import { parseRetryAfter } from '@idport/core';
import { FirebaseRestError, readRestErrorReason } from './firebase-rest-error';

/** Base URLs of the two REST APIs. */
export interface IdentityToolkitEndpoints {
  /** Identity Toolkit, `https://identitytoolkit.googleapis.com` in production. */
  identityToolkit: string;
  /** Secure Token, `https://securetoken.googleapis.com` in production. */
  secureToken: string;
}

/** Where the REST calls go and what scopes them. */
export interface IdentityToolkitClientOptions {
  /** Web API key; the emulator accepts any value. */
  apiKey: string;
  /** `host:port` of the Auth emulator, or undefined for Google's hosts. */
  emulatorHost?: string;
  /**
   * Replaces the base URLs `emulatorHost` would choose. Only tests set it, to run the
   * production code path against a local fake of Google's APIs.
   */
  endpoints?: IdentityToolkitEndpoints;
  tenantId?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
}

/** Answer of `accounts:signInWithPassword`. */
export interface PasswordSignInResponse {
  localId: string;
  idToken?: string;
  refreshToken?: string;
  expiresIn?: string;
  mfaPendingCredential?: string;
  mfaInfo?: MfaEnrollmentInfo[];
}

/** One enrolled second factor as the REST API describes it. */
export interface MfaEnrollmentInfo {
  mfaEnrollmentId: string;
  displayName?: string;
  /** Masked phone number of an SMS factor. */
  phoneInfo?: string;
  totpInfo?: Record<string, unknown>;
  enrolledAt?: string;
}

/**
 * `totpSessionInfo` of `v2/accounts/mfaEnrollment:start` (Identity Platform REST reference,
 * StartMfaTotpEnrollmentResponseInfo). `finalizeEnrollmentTime` is not read: Google enforces
 * it at finalize, and the port has no place for it.
 */
export interface TotpEnrollmentSession {
  /** Base32 shared secret. A secret: never logged, never put into errors. */
  sharedSecretKey: string;
  verificationCodeLength: number;
  /** As Google spells it (`SHA1`, `HMAC_SHA1`, ...). */
  hashingAlgorithm: string;
  periodSec: number;
  /** Opaque enrollment session, sent back at finalize. */
  sessionInfo: string;
}

/** Tokens answered by sign-up, MFA finalize and refresh, normalized. */
export interface IssuedTokens {
  idToken: string;
  refreshToken: string;
  /** Lifetime of the ID token in seconds (3600 unless Google says otherwise). */
  expiresIn: number;
}

/** The subset of Identity Toolkit and Secure Token REST calls the adapter needs. */
export interface IdentityToolkitClient {
  signInWithPassword(email: string, password: string): Promise<PasswordSignInResponse>;
  signUp(email: string, password: string, displayName?: string): Promise<IssuedTokens & { localId: string }>;
  startMfaSmsSignIn(input: {
    mfaPendingCredential: string;
    mfaEnrollmentId: string;
    recaptchaToken?: string;
    captchaResponse?: string;
  }): Promise<{ sessionInfo: string }>;
  finalizeMfaSmsSignIn(input: {
    mfaPendingCredential: string;
    sessionInfo: string;
    code: string;
  }): Promise<IssuedTokens>;
  /** Starts a TOTP enrollment for the owner of the ID token. */
  startTotpEnrollment(idToken: string): Promise<TotpEnrollmentSession>;
  /** Finishes it with the first code; the factor is enrolled from then on. */
  finalizeTotpEnrollment(input: {
    idToken: string;
    sessionInfo: string;
    verificationCode: string;
    displayName?: string;
  }): Promise<IssuedTokens>;
  /** Answers an MFA sign-in with a TOTP code: TOTP has no start step, nothing is sent. */
  finalizeTotpSignIn(input: {
    mfaPendingCredential: string;
    mfaEnrollmentId: string;
    verificationCode: string;
  }): Promise<IssuedTokens>;
  /** Removes one second factor of the owner of the ID token (any type). */
  withdrawMfaEnrollment(input: { idToken: string; mfaEnrollmentId: string }): Promise<IssuedTokens>;
  refresh(refreshToken: string): Promise<IssuedTokens & { userId: string }>;
}

function baseUrls(emulatorHost: string | undefined): { identityToolkit: string; secureToken: string } {
  if (emulatorHost === undefined) {
    return {
      identityToolkit: 'https://identitytoolkit.googleapis.com',
      secureToken: 'https://securetoken.googleapis.com',
    };
  }
  // The emulator serves both APIs under path prefixes named after Google's hosts.
  return {
    identityToolkit: `http://${emulatorHost}/identitytoolkit.googleapis.com`,
    secureToken: `http://${emulatorHost}/securetoken.googleapis.com`,
  };
}

function lifetime(value: unknown): number {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 3600;
}

/**
 * Plain-fetch client for the REST calls the Admin SDK does not offer (it has no password
 * sign-in, refresh, MFA sign-in or TOTP enrollment). Error answers become {@link FirebaseRestError}; bodies
 * are never put into messages.
 */
export function createIdentityToolkitClient(options: IdentityToolkitClientOptions): IdentityToolkitClient {
  const urls = options.endpoints ?? baseUrls(options.emulatorHost);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const tenant = options.tenantId === undefined ? {} : { tenantId: options.tenantId };

  async function send(url: string, init: RequestInit): Promise<Record<string, unknown>> {
    const response = await fetch(`${url}?key=${encodeURIComponent(options.apiKey)}`, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // A proxy's HTML error page: the status decides below.
    }
    if (!response.ok) {
      throw new FirebaseRestError({
        reason: readRestErrorReason(body),
        status: response.status,
        retryAfter: parseRetryAfter(response.headers),
      });
    }
    if (typeof body !== 'object' || body === null) {
      throw new FirebaseRestError({ reason: 'MALFORMED_RESPONSE', status: response.status });
    }
    return body as Record<string, unknown>;
  }

  const postJson = (url: string, payload: Record<string, unknown>) =>
    send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...payload, ...tenant }),
    });

  const requireString = (body: Record<string, unknown>, key: string): string => {
    const value = body[key];
    if (typeof value !== 'string' || value.length === 0) {
      throw new FirebaseRestError({ reason: 'MALFORMED_RESPONSE', status: 200 });
    }
    return value;
  };

  const requirePositiveInteger = (body: Record<string, unknown>, key: string): number => {
    const value = body[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new FirebaseRestError({ reason: 'MALFORMED_RESPONSE', status: 200 });
    }
    return value;
  };

  // MFA finalize and withdraw all answer `{ idToken, refreshToken }` (FinalizeMfaResponse).
  const issuedTokens = (body: Record<string, unknown>): IssuedTokens => ({
    idToken: requireString(body, 'idToken'),
    refreshToken: requireString(body, 'refreshToken'),
    expiresIn: lifetime(body.expiresIn),
  });

  return {
    async signInWithPassword(email, password) {
      const body = await postJson(`${urls.identityToolkit}/v1/accounts:signInWithPassword`, {
        email,
        password,
        returnSecureToken: true,
      });
      return body as unknown as PasswordSignInResponse;
    },

    async signUp(email, password, displayName) {
      const body = await postJson(`${urls.identityToolkit}/v1/accounts:signUp`, {
        email,
        password,
        ...(displayName === undefined ? {} : { displayName }),
        returnSecureToken: true,
      });
      return {
        localId: requireString(body, 'localId'),
        idToken: requireString(body, 'idToken'),
        refreshToken: requireString(body, 'refreshToken'),
        expiresIn: lifetime(body.expiresIn),
      };
    },

    async startMfaSmsSignIn(input) {
      const phoneSignInInfo: Record<string, string> = {};
      if (input.recaptchaToken !== undefined) phoneSignInInfo.recaptchaToken = input.recaptchaToken;
      if (input.captchaResponse !== undefined) {
        phoneSignInInfo.captchaResponse = input.captchaResponse;
        phoneSignInInfo.clientType = 'CLIENT_TYPE_WEB';
        phoneSignInInfo.recaptchaVersion = 'RECAPTCHA_ENTERPRISE';
      }
      const body = await postJson(`${urls.identityToolkit}/v2/accounts/mfaSignIn:start`, {
        mfaPendingCredential: input.mfaPendingCredential,
        mfaEnrollmentId: input.mfaEnrollmentId,
        phoneSignInInfo,
      });
      const info = (body.phoneResponseInfo ?? {}) as Record<string, unknown>;
      return { sessionInfo: requireString(info, 'sessionInfo') };
    },

    async finalizeMfaSmsSignIn(input) {
      const body = await postJson(`${urls.identityToolkit}/v2/accounts/mfaSignIn:finalize`, {
        mfaPendingCredential: input.mfaPendingCredential,
        phoneVerificationInfo: { sessionInfo: input.sessionInfo, code: input.code },
      });
      return issuedTokens(body);
    },

    // Request and response shapes of the four TOTP calls: Identity Platform REST reference
    // v2 accounts.mfaEnrollment.start / finalize / withdraw and accounts.mfaSignIn.finalize,
    // and what the Firebase JS SDK sends (packages/auth/src/api/account_management/mfa.ts,
    // packages/auth/src/api/authentication/mfa.ts).
    async startTotpEnrollment(idToken) {
      const body = await postJson(`${urls.identityToolkit}/v2/accounts/mfaEnrollment:start`, {
        idToken,
        totpEnrollmentInfo: {},
      });
      const info = (body.totpSessionInfo ?? {}) as Record<string, unknown>;
      return {
        sharedSecretKey: requireString(info, 'sharedSecretKey'),
        verificationCodeLength: requirePositiveInteger(info, 'verificationCodeLength'),
        hashingAlgorithm: requireString(info, 'hashingAlgorithm'),
        periodSec: requirePositiveInteger(info, 'periodSec'),
        sessionInfo: requireString(info, 'sessionInfo'),
      };
    },

    async finalizeTotpEnrollment(input) {
      const body = await postJson(`${urls.identityToolkit}/v2/accounts/mfaEnrollment:finalize`, {
        idToken: input.idToken,
        ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
        totpVerificationInfo: { sessionInfo: input.sessionInfo, verificationCode: input.verificationCode },
      });
      return issuedTokens(body);
    },

    async finalizeTotpSignIn(input) {
      const body = await postJson(`${urls.identityToolkit}/v2/accounts/mfaSignIn:finalize`, {
        mfaPendingCredential: input.mfaPendingCredential,
        mfaEnrollmentId: input.mfaEnrollmentId,
        totpVerificationInfo: { verificationCode: input.verificationCode },
      });
      return issuedTokens(body);
    },

    async withdrawMfaEnrollment(input) {
      const body = await postJson(`${urls.identityToolkit}/v2/accounts/mfaEnrollment:withdraw`, {
        idToken: input.idToken,
        mfaEnrollmentId: input.mfaEnrollmentId,
      });
      return issuedTokens(body);
    },

    async refresh(refreshToken) {
      const body = await send(`${urls.secureToken}/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
      });
      return {
        idToken: requireString(body, 'id_token'),
        refreshToken: requireString(body, 'refresh_token'),
        expiresIn: lifetime(body.expires_in),
        userId: requireString(body, 'user_id'),
      };
    },
  };
}
